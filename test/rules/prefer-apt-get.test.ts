import rule from '../../rules/prefer-apt-get.js';
import { runRuleTests } from '../rule-tester.js';

const message = (sub: string, target: string) => `\`apt ${sub}\` is meant for interactive use and has no stable command-line interface: its behaviour and output may change between releases. Use \`${target}\` in scripts.`;
const cache = (sub: string) => `\`apt ${sub}\` is meant for interactive use and has no stable output. Use \`apt-cache ${sub}\` in scripts.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12-slim\nRUN apt-cache policy curl && aptitude search curl && apt-key list\n',
    'FROM debian:12-slim\nRUN apt --version\n',
    'FROM debian:12-slim\nRUN echo "apt install curl" > /notes.txt\n',
    'FROM alpine:3.20\nRUN apk add --no-cache apt-utils\n',
    'FROM debian:12-slim\nCOPY apt /usr/local/bin/apt\n',
    { name: 'PowerShell RUN is not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt update && apt install -y curl\n',
      errors: [
        { message: message('update', 'apt-get update'), line: 2, column: 5, endColumn: 15 },
        { message: message('install', 'apt-get install'), line: 2, column: 19, endColumn: 30 },
      ],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'full-upgrade becomes dist-upgrade, upgrade keeps installing new dependencies',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt full-upgrade -y && apt upgrade -y && apt reinstall -y ca-certificates\n',
      errors: [
        { message: message('full-upgrade', 'apt-get dist-upgrade'), line: 2, column: 23 },
        { message: message('upgrade', 'apt-get upgrade --with-new-pkgs'), line: 2, column: 46 },
        { message: message('reinstall', 'apt-get install --reinstall'), line: 2, column: 64 },
      ],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get dist-upgrade -y && apt-get upgrade --with-new-pkgs -y && apt-get install --reinstall -y ca-certificates\n',
    },
    {
      name: 'queries get a suggestion, apt list only a message',
      code: 'FROM debian:12-slim\nRUN apt show curl && apt search jq && apt list --installed\n',
      errors: [
        { message: cache('show'), line: 2, column: 5, suggestions: 1 },
        { message: cache('search'), line: 2, column: 22, suggestions: 1 },
        { message: '`apt list` is meant for interactive use and has no stable output. In scripts, use `dpkg-query -W` for installed packages or `apt-cache policy` for available versions.', line: 2, column: 39, suggestions: 0 },
      ],
    },
    {
      name: 'exec form, sudo, ONBUILD and lowercase',
      code: 'from debian:12-slim\nrun ["apt", "install", "-y", "curl"]\nrun sudo apt remove -y nano\nonbuild run apt autoremove -y\n',
      errors: [
        { message: message('install', 'apt-get install'), line: 2, column: 6 },
        { message: message('remove', 'apt-get remove'), line: 3, column: 10 },
        { message: message('autoremove', 'apt-get autoremove'), line: 4, column: 13 },
      ],
      output: 'from debian:12-slim\nrun ["apt-get", "install", "-y", "curl"]\nrun sudo apt-get remove -y nano\nonbuild run apt-get autoremove -y\n',
    },
    {
      name: 'heredoc, sh -c and continuation lines',
      code: 'FROM debian:12-slim\nRUN <<EOF\napt update\nEOF\nRUN sh -c "apt install -y curl" && \\\n    apt \\\n      purge -y curl\n',
      errors: [
        { message: message('update', 'apt-get update'), line: 3, column: 1 },
        { message: message('install', 'apt-get install'), line: 5, column: 12 },
        { message: message('purge', 'apt-get purge'), line: 6, column: 5, endLine: 7 },
      ],
      output: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\nEOF\nRUN sh -c "apt-get install -y curl" && \\\n    apt-get \\\n      purge -y curl\n',
    },
    {
      name: 'without Debian\'s docker-clean hook apt-get keeps .deb files: unsafe',
      code: 'FROM debian:12-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN apt install -y curl\n',
      errors: [{ message: message('install', 'apt-get install'), line: 3, column: 5 }],
      unsafeOutput: 'FROM debian:12-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN apt-get install -y curl\n',
    },
    {
      name: 'an unknown base image is unsafe unless the RUN cleans up or mounts the cache',
      code: 'FROM registry.example.com/base:1\nRUN apt install -y curl\nRUN apt install -y git && apt-get clean\nRUN --mount=type=cache,target=/var/cache/apt apt install -y jq\nRUN apt update\n',
      errors: [
        { message: message('install', 'apt-get install'), line: 2, column: 5 },
        { message: message('install', 'apt-get install'), line: 3, column: 5 },
        { message: message('install', 'apt-get install'), line: 4, column: 46 },
        { message: message('update', 'apt-get update'), line: 5, column: 5 },
      ],
      output: 'FROM registry.example.com/base:1\nRUN apt install -y curl\nRUN apt-get install -y git && apt-get clean\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y jq\nRUN apt-get update\n',
      unsafeOutput: 'FROM registry.example.com/base:1\nRUN apt-get install -y curl\nRUN apt-get install -y git && apt-get clean\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y jq\nRUN apt-get update\n',
    },
    {
      name: 'escape directive and CRLF',
      code: '# escape=`\r\nFROM ubuntu:24.04\r\nRUN apt update && `\r\n    apt install -y curl\r\n',
      errors: [
        { message: message('update', 'apt-get update'), line: 3, column: 5 },
        { message: message('install', 'apt-get install'), line: 4, column: 5 },
      ],
      output: '# escape=`\r\nFROM ubuntu:24.04\r\nRUN apt-get update && `\r\n    apt-get install -y curl\r\n',
    },
  ],
});
