import rule from '../../rules/pipefail.js';
import { runRuleTests } from '../rule-tester.js';

const BASH = (feeder: string, consumer: string) =>
  `A pipe only returns the status of its last command, so if \`${feeder}\` fails, \`${consumer}\` carries on with partial input and the build still succeeds. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN, or run the script in bash with \`set -o pipefail\` first.`;
const ASH = (feeder: string, consumer: string) =>
  `A pipe only returns the status of its last command, so if \`${feeder}\` fails, \`${consumer}\` carries on with partial input and the build still succeeds. Start the script with \`set -o pipefail\`, or set SHELL ["/bin/ash", "-o", "pipefail", "-c"].`;
const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

runRuleTests(rule, {
  valid: [
    { name: 'SHELL with pipefail', code: `FROM debian:12-slim\n${SHELL}\nRUN curl -fsSL https://example.com/install.sh | bash\n` },
    { name: 'SHELL with bundled -euxo pipefail, inherited by a child stage', code: 'FROM debian:12-slim AS base\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nFROM base\nRUN wget -O- https://example.com/a.tgz | tar -xz\n' },
    { name: 'set -o pipefail first in the script', code: 'FROM alpine:3.20\nRUN set -euo pipefail; curl -fsSL https://example.com/a.tgz | tar -xz\n' },
    { name: 'bash -o pipefail -c', code: 'FROM debian:12-slim\nRUN bash -o pipefail -c "curl -fsSL https://example.com/a.tgz | tar -xz"\n' },
    { name: 'echo and printf cannot fail halfway', code: 'FROM debian:12-slim\nRUN echo "$SHA256 *app.tgz" | sha256sum -c - && printf "a\\nb\\n" | tee /etc/list\n' },
    { name: 'yes | cmd (pipefail would break it)', code: 'FROM archlinux:base\nRUN yes | pacman -Scc\n' },
    { name: 'pipe inside command substitution', code: 'FROM debian:12-slim\nRUN VERSION="$(curl -fsSL https://example.com/latest | jq -r .tag)" && echo "$VERSION" > /version\n' },
    { name: 'pipe in an if condition', code: 'FROM debian:12-slim\nRUN if dpkg -l | grep -q nginx; then echo installed; fi && if [ -f .git ] && head -1 .git | grep -q "^gitdir:"; then echo worktree; fi\n' },
    { name: 'failure handled with ||', code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/optional.sh | sh || true\n' },
    { name: 'local listing and filtering only', code: 'FROM debian:12-slim\nRUN find /usr/local -type f -executable -exec ldd "{}" ";" | awk "/=>/ { print \\$3 }" | sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual\n' },
    { name: 'grep as the last command fails on empty input', code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/SHASUMS | grep " app.tgz$" > app.sha\n' },
    { name: 'heredoc with a pipefail shebang', code: 'FROM debian:12-slim\nRUN <<EOF\n#!/bin/bash -eo pipefail\ncurl -fsSL https://example.com/a.tgz | tar -xz\nEOF\n' },
    { name: 'exec form with pipefail', code: 'FROM debian:12-slim\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl -fsSL https://example.com/a.tgz | tar -xz"]\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest https://example.com/a.zip | Out-Null\n' },
    { name: '|| after the pipe in a group', code: 'FROM debian:12-slim\nRUN { wget -qO- https://example.com/a | tar -x; } || echo skipped\n' },
  ],
  invalid: [
    {
      name: 'curl | bash on Debian: unsafe SHELL fix',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -\n',
      errors: [{ message: BASH('curl', 'bash'), line: 3, column: 5, endColumn: 62 }],
      unsafeOutput: `FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n${SHELL}\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -\n`,
    },
    {
      name: 'one SHELL per stage, before the first RUN with a pipe',
      code: 'FROM ubuntu:24.04\nRUN wget -O- https://example.com/a.tgz | tar -xz -C /opt\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /etc/apt/keyrings/example.gpg\n',
      errors: [
        { message: BASH('wget', 'tar'), line: 2, column: 5 },
        { message: BASH('curl', 'gpg'), line: 3, column: 5 },
      ],
      unsafeOutput: `FROM ubuntu:24.04\n${SHELL}\nRUN wget -O- https://example.com/a.tgz | tar -xz -C /opt\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /etc/apt/keyrings/example.gpg\n`,
    },
    {
      name: 'Alpine: no SHELL fix (no bash)',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/a.tgz | tar -xz\n',
      errors: [{ message: ASH('wget', 'tar'), line: 2, column: 5 }],
    },
    {
      name: 'shell changed already: no fix; lowercase; continuation',
      code: 'from python:3.12-slim\nshell ["/bin/bash", "-c"]\nrun curl -sSL https://install.python-poetry.org \\\n    | POETRY_HOME=/opt/poetry python3 -\n',
      errors: [{ message: BASH('curl', 'python3'), line: 3, column: 5, endLine: 4 }],
    },
    {
      name: 'lowercase RUN gets a lowercase shell, CRLF',
      code: 'from node:22-bookworm-slim\r\nrun git ls-files | tar -cf /tmp/src.tar -T -\r\n',
      errors: [{ message: BASH('git', 'tar'), line: 2, column: 5 }],
      unsafeOutput: 'from node:22-bookworm-slim\r\nshell ["/bin/bash", "-o", "pipefail", "-c"]\r\nrun git ls-files | tar -cf /tmp/src.tar -T -\r\n',
    },
    {
      name: 'inside sh -c: no fix',
      code: 'FROM debian:12-slim\nRUN sh -c "curl -fsSL https://example.com/a.tgz | tar -xz"\n',
      errors: [{ message: BASH('curl', 'tar'), line: 2, column: 12 }],
    },
    {
      name: 'exec form: no fix',
      code: 'FROM debian:12-slim\nRUN ["sh", "-c", "curl -fsSL https://example.com/a.tgz | tar -xz"]\n',
      errors: [{ message: BASH('curl', 'tar'), line: 2, column: 19 }],
    },
    {
      name: 'heredoc run by the stage shell gets the fix; subshell as the last stage',
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/a.tgz | (cd /opt && tar -xz)\nEOF\n',
      errors: [{ message: BASH('curl', 'tar'), line: 4, column: 1 }],
      unsafeOutput: `FROM debian:12-slim\n${SHELL}\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/a.tgz | (cd /opt && tar -xz)\nEOF\n`,
    },
    {
      name: 'set -o pipefail after the pipe does not count; ONBUILD has no fix',
      code: 'FROM debian:12-slim\nONBUILD RUN curl -fsSL https://example.com/a.sh | sh && set -o pipefail\n',
      errors: [{ message: BASH('curl', 'sh'), line: 2, column: 13 }],
    },
    {
      name: 'unknown base image: no fix',
      code: 'FROM registry.example.com/base:1\nRUN curl -fsSL https://example.com/a.sh | sh\n',
      errors: [{ message: BASH('curl', 'sh'), line: 2, column: 5 }],
    },
    {
      name: 'multi-stage: the child stage inherits the parent SHELL fix; escape directive',
      code: '# escape=`\nFROM debian:12-slim AS base\nRUN curl -fsSL https://example.com/a.tgz `\n    | tar -xz -C /opt\nFROM base\nRUN wget -qO- https://example.com/b.tgz | tar -xz -C /srv\n',
      errors: [
        { message: BASH('curl', 'tar'), line: 3, column: 5, endLine: 4 },
        { message: BASH('wget', 'tar'), line: 6, column: 5 },
      ],
      unsafeOutput: `# escape=\`\nFROM debian:12-slim AS base\n${SHELL}\nRUN curl -fsSL https://example.com/a.tgz \`\n    | tar -xz -C /opt\nFROM base\nRUN wget -qO- https://example.com/b.tgz | tar -xz -C /srv\n`,
    },
  ],
});
