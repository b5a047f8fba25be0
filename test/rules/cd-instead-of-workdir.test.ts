import rule from '../../rules/cd-instead-of-workdir.js';
import { runRuleTests } from '../rule-tester.js';

const USE = (cd: string, dir: string) => `\`cd ${cd}\` sets the directory for the rest of this RUN. Use WORKDIR ${dir} instead: it creates the directory, and later instructions run there too.`;

runRuleTests(rule, {
  valid: [
    { name: 'scratch work in /tmp', code: 'FROM debian:12-slim\nRUN cd /tmp && curl -fsSLO https://example.com/tool.tar.gz && tar -xzf tool.tar.gz && make -C tool install\n' },
    { name: 'cd in a subshell', code: 'FROM golang:1.23\nWORKDIR /src\nRUN (cd tools && go build ./...) && go build ./cmd/app\n' },
    { name: 'cd back at the end', code: 'FROM debian:12-slim\nRUN cd /opt/app && ./configure && make && cd / && rm -rf /opt/app/src\n' },
    { name: 'directory removed by the same RUN', code: 'FROM debian:12-slim\nRUN cd /usr/src/build && cmake .. && make install && rm -rf /usr/src/build\n' },
    { name: 'cd that is not first', code: 'FROM debian:12-slim\nRUN mkdir -p /usr/src/php && cd /usr/src/php && tar -xf /php.tar.xz\n' },
    { name: 'cd to a variable', code: 'FROM node:22-bookworm-slim\nRUN cd "$APP_HOME" && npm ci\n' },
    { name: 'cd into a cache mount', code: 'FROM debian:12-slim\nRUN --mount=type=cache,target=/build cd /build && make\n' },
    { name: 'heredoc scripts may cd', code: 'FROM debian:12-slim\nRUN <<EOF\ncd /opt/app\nmake\nEOF\n' },
    { name: 'exec form', code: 'FROM debian:12-slim\nRUN ["sh", "-c", "cd /opt/app && make"]\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN cd C:\\app; nuget restore\n' },
    { name: 'ONBUILD triggers run in other builds', code: 'FROM node:22-bookworm-slim\nONBUILD RUN cd /app && npm ci\n' },
  ],
  invalid: [
    {
      name: 'leading cd to an absolute path',
      code: 'FROM node:22-bookworm-slim\nCOPY . /app\nRUN cd /app && npm ci && npm run build\n',
      errors: [{ message: USE('/app', '/app'), line: 3, column: 5, endColumn: 12 }],
      unsafeOutput: 'FROM node:22-bookworm-slim\nCOPY . /app\nWORKDIR /app\nRUN npm ci && npm run build\n',
    },
    {
      name: 'relative cd under a WORKDIR, continuation, CRLF',
      code: 'FROM python:3.12-slim\r\nWORKDIR /usr/src\r\nRUN cd server && \\\r\n    pip install --no-cache-dir .\r\n',
      errors: [{ message: USE('server', '/usr/src/server'), line: 3, column: 5 }],
      unsafeOutput: 'FROM python:3.12-slim\r\nWORKDIR /usr/src\r\nWORKDIR /usr/src/server\r\nRUN pip install --no-cache-dir .\r\n',
    },
    {
      name: 'cd already in the working directory: safe removal',
      code: 'FROM ruby:3.3-bookworm\nWORKDIR /var/www/app\nRUN cd /var/www/app && bundle install\n',
      errors: [{ message: '`cd /var/www/app` changes nothing: /var/www/app is already the working directory. Remove it.', line: 3, column: 5 }],
      output: 'FROM ruby:3.3-bookworm\nWORKDIR /var/www/app\nRUN bundle install\n',
    },
    {
      name: 'after set -e: reported, no fix',
      code: 'FROM debian:12-slim\nRUN set -eux; cd /opt/app; ./configure; make\n',
      errors: [{ message: USE('/opt/app', '/opt/app'), line: 2, column: 15 }],
    },
    {
      name: 'lowercase keyword, flags kept',
      code: 'from golang:1.23\nrun --mount=type=cache,target=/root/.cache/go-build cd /go/src/tool && go install .\n',
      errors: [{ message: USE('/go/src/tool', '/go/src/tool'), line: 2, column: 53 }],
      unsafeOutput: 'from golang:1.23\nworkdir /go/src/tool\nrun --mount=type=cache,target=/root/.cache/go-build go install .\n',
    },
    {
      name: 'a RUN that is only a cd',
      code: 'FROM debian:12-slim\nRUN cd /srv\nCMD ["/srv/start.sh"]\n',
      errors: [{ message: USE('/srv', '/srv'), line: 2, column: 5 }],
      unsafeOutput: 'FROM debian:12-slim\nWORKDIR /srv\nCMD ["/srv/start.sh"]\n',
    },
    {
      name: 'later steps that rely on the old directory: no fix',
      code: 'FROM python:3.12-slim\nWORKDIR /usr/src\nRUN cd server && make gen\nRUN cd server && pip install .\nCOPY launcher launcher\nCMD ["./launcher/run.sh"]\n',
      errors: [
        { message: USE('server', '/usr/src/server'), line: 3, column: 5 },
        { message: USE('server', '/usr/src/server'), line: 4, column: 5 },
      ],
    },
    {
      name: 'relative cd without a WORKDIR in this file: no fix',
      code: 'FROM golang:1.23\nRUN cd src/app && go build\n',
      errors: [{ message: USE('src/app', 'src/app'), line: 2, column: 5 }],
    },
    {
      name: 'chain with || is reported without a fix',
      code: 'FROM debian:12-slim\nRUN cd /opt/app && make || make -k\n',
      errors: [{ message: USE('/opt/app', '/opt/app'), line: 2, column: 5 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12-slim\nRUN cd /opt/app && `\n    make install\n',
      errors: [{ message: USE('/opt/app', '/opt/app'), line: 3, column: 5 }],
      unsafeOutput: '# escape=`\nFROM debian:12-slim\nWORKDIR /opt/app\nRUN make install\n',
    },
  ],
});
