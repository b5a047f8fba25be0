import rule from '../../rules/wget-progress.js';
import { runRuleTests } from '../rule-tester.js';

const MESSAGE = '`wget` prints a line of dots for every 50 KB it downloads when the build log is not a terminal. Add --progress=dot:giga (or -nv, or -q) to keep the log readable.';

runRuleTests(rule, {
  valid: [
    { name: '--progress given', code: 'FROM debian:12-slim\nRUN wget --progress=dot:giga -O /tmp/app.tgz https://example.com/app.tgz\n' },
    { name: '-q bundled with -O', code: 'FROM debian:12-slim\nRUN wget -qO- https://example.com/key.asc > /etc/apt/keyrings/example.asc\n' },
    { name: '-nv', code: 'FROM ubuntu:24.04\nRUN wget -nv https://example.com/app.deb\n' },
    { name: 'log written to a file with -o', code: 'FROM debian:12-slim\nRUN wget -o /tmp/wget.log https://example.com/app.tgz\n' },
    { name: 'stderr sent away', code: 'FROM debian:12-slim\nRUN wget https://example.com/a.tgz 2>/dev/null && wget https://example.com/b.tgz >/dev/null 2>&1\n' },
    { name: 'BusyBox wget on Alpine', code: 'FROM alpine:3.20\nRUN wget -O /tmp/app.tgz https://example.com/app.tgz\n' },
    { name: 'wget as a package name', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends wget\n' },
    { name: '--spider only checks', code: 'FROM debian:12-slim\nRUN wget --spider https://example.com/\n' },
    { name: 'PowerShell wget alias', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN wget https://example.com/app.zip -OutFile app.zip\n' },
  ],
  invalid: [
    {
      name: 'plain wget on Debian',
      code: 'FROM debian:12-slim\nRUN wget -O /tmp/app.tgz https://example.com/app.tgz\n',
      errors: [{ message: MESSAGE, line: 2, column: 5, endColumn: 53 }],
      output: 'FROM debian:12-slim\nRUN wget --progress=dot:giga -O /tmp/app.tgz https://example.com/app.tgz\n',
    },
    {
      name: 'GNU wget installed on Alpine earlier in the same RUN',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache wget && wget -O redis.tar.gz "$REDIS_URL"\n',
      errors: [{ message: MESSAGE, line: 2, column: 32 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache wget && wget --progress=dot:giga -O redis.tar.gz "$REDIS_URL"\n',
    },
    {
      name: 'unknown image that uses apt: GNU wget; lowercase; continuation',
      code: 'from registry.example.com/base:2\nrun apt-get update && apt-get install -y wget \\\n && wget https://example.com/a.deb\n',
      errors: [{ message: MESSAGE, line: 3, column: 5 }],
      output: 'from registry.example.com/base:2\nrun apt-get update && apt-get install -y wget \\\n && wget --progress=dot:giga https://example.com/a.deb\n',
    },
    {
      name: 'unknown image: reported without a fix',
      code: 'FROM registry.example.com/base:2\nRUN wget https://example.com/a.deb\n',
      errors: [{ message: MESSAGE, line: 2, column: 5 }],
    },
    {
      name: 'exec form gets a JSON argument',
      code: 'FROM ubuntu:24.04\nRUN ["wget", "https://example.com/a.deb"]\n',
      errors: [{ message: MESSAGE, line: 2, column: 6 }],
      output: 'FROM ubuntu:24.04\nRUN ["wget", "--progress=dot:giga", "https://example.com/a.deb"]\n',
    },
    {
      name: 'piped into tar, inside sh -c, with -O-',
      code: 'FROM debian:12-slim\nRUN sh -c "wget -O- https://example.com/a.tgz | tar -xz -C /opt"\n',
      errors: [{ message: MESSAGE, line: 2, column: 12 }],
      output: 'FROM debian:12-slim\nRUN sh -c "wget --progress=dot:giga -O- https://example.com/a.tgz | tar -xz -C /opt"\n',
    },
    {
      name: 'heredoc, ONBUILD, multi-stage, CRLF',
      code: 'FROM python:3.12-slim AS fetch\r\nRUN <<EOF\r\nwget https://example.com/a.whl\r\nEOF\r\nFROM python:3.12-slim\r\nONBUILD RUN wget https://example.com/b.whl\r\n',
      errors: [
        { message: MESSAGE, line: 3, column: 1 },
        { message: MESSAGE, line: 6, column: 13 },
      ],
      output: 'FROM python:3.12-slim AS fetch\r\nRUN <<EOF\r\nwget --progress=dot:giga https://example.com/a.whl\r\nEOF\r\nFROM python:3.12-slim\r\nONBUILD RUN wget --progress=dot:giga https://example.com/b.whl\r\n',
    },
    {
      name: 'escape directive and a variable URL',
      code: '# escape=`\nFROM ubuntu:24.04\nARG URL=https://example.com/a.deb\nRUN apt-get update && `\n    wget "$URL"\n',
      errors: [{ message: MESSAGE, line: 5, column: 5 }],
      output: '# escape=`\nFROM ubuntu:24.04\nARG URL=https://example.com/a.deb\nRUN apt-get update && `\n    wget --progress=dot:giga "$URL"\n',
    },
  ],
});
