import rule from '../../rules/wget-and-curl.js';
import { runRuleTests } from '../rule-tester.js';

const BOTH = (major: string, majorLine: number, minor: string, minorLine: number) =>
  `This stage downloads with both ${major} (line ${majorLine}) and ${minor} (line ${minorLine}). Use ${major} for both so the image needs only one download tool.`;

runRuleTests(rule, {
  valid: [
    { name: 'curl only', code: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN curl -fsSL https://example.com/b.sh | sh\n' },
    { name: 'one tool per stage', code: 'FROM debian:12-slim AS fetch\nRUN curl -fsSLO https://example.com/a.tgz\nFROM debian:12-slim\nRUN wget -q https://example.com/b.tgz\n' },
    { name: 'installing both is not using both', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl wget\nRUN curl -fsSLO https://example.com/a.tgz\n' },
    { name: 'script that works with whichever exists', code: 'FROM debian:12-slim\nRUN if command -v curl >/dev/null; then curl -fsSLO https://example.com/a; else wget -q https://example.com/a; fi\n' },
    { name: 'ONBUILD triggers run in child builds', code: 'FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a\nONBUILD RUN wget -q https://example.com/b\n' },
    { name: 'PowerShell aliases', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN curl https://example.com/a -OutFile a; wget https://example.com/b -OutFile b\n' },
  ],
  invalid: [
    {
      name: 'wget once, curl twice: report wget',
      code: 'FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tgz\nRUN wget -q https://example.com/b.tgz\nRUN curl -fsSL https://example.com/c.sh | sh\n',
      errors: [{ message: BOTH('curl', 2, 'wget', 3), line: 3, column: 5, endColumn: 38 }],
    },
    {
      name: 'tie: the one used second',
      code: 'FROM ubuntu:24.04\nRUN wget -q https://example.com/a.deb && curl -fsSLO https://example.com/b.deb\n',
      errors: [{ message: BOTH('wget', 2, 'curl', 2), line: 2, column: 42 }],
    },
    {
      name: 'through sudo and sh -c, lowercase',
      code: 'from debian:12-slim\nrun sudo wget -q https://example.com/a\nrun sh -c "curl -fsSLO https://example.com/b && curl -fsSLO https://example.com/c"\n',
      errors: [{ message: BOTH('curl', 3, 'wget', 2), line: 2, column: 5 }],
    },
    {
      name: 'per stage: only the stage with both',
      code: 'FROM debian:12-slim AS a\nRUN curl -fsSLO https://example.com/a\nFROM debian:12-slim AS b\nRUN wget -q https://example.com/b\nRUN ["curl", "-fsSLO", "https://example.com/c"]\n',
      errors: [{ message: BOTH('wget', 4, 'curl', 5), line: 5, column: 6 }],
    },
    {
      name: 'heredoc and continuation',
      code: 'FROM debian:12-slim\nRUN <<EOF\ncurl -fsSLO https://example.com/a\ncurl -fsSLO https://example.com/b\nEOF\nRUN echo ok \\\n && wget -q https://example.com/c\n',
      errors: [{ message: BOTH('curl', 3, 'wget', 7), line: 7, column: 5 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12-slim\nRUN wget -q https://example.com/a && `\n    curl -fsSLO https://example.com/b && `\n    wget -q https://example.com/c\n',
      errors: [{ message: BOTH('wget', 3, 'curl', 4), line: 4, column: 5 }],
    },
  ],
});
