import rule from '../../rules/copy-destination-slash.js';
import { runRuleTests } from '../rule-tester.js';

const dir = (keyword: string, count: number, shown: string) =>
  `${keyword} with ${count} sources needs a destination ending in "/": the classic builder fails without it, and BuildKit copies each source onto "${shown}" in turn unless it already is a directory. Write "${shown}/".`;
const dot = (keyword: string, count: number, shown: string) =>
  `${keyword} with ${count} sources needs a destination ending in "/": the classic builder fails without it (BuildKit accepts it). Write "${shown}/".`;

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n',
    { name: 'one source', code: 'FROM node:22-slim\nCOPY package.json /app/package.json\n' },
    { name: 'one glob source renames a single file', code: 'FROM eclipse-temurin:21-jre\nCOPY target/*.jar app.jar\n' },
    { name: 'one glob source into the working directory', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY *.py .\n' },
    { name: 'a variable that ends with a slash', code: 'FROM node:22-slim\nARG APP_DIR=/srv/app/\nCOPY a.js b.js $APP_DIR\n' },
    { name: 'an unknown variable', code: 'FROM node:22-slim\nARG APP_DIR\nCOPY a.js b.js ${APP_DIR}\n' },
    { name: 'exec form with a slash', code: 'FROM nginx:1.27\nCOPY ["index.html", "404.html", "/usr/share/nginx/html/"]\n' },
    { name: 'a Windows directory', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe app.dll C:\\app\\\n' },
    { name: 'a flag written without "="', code: 'FROM alpine:3.20\nCOPY --chown app run.sh /usr/local/bin\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nCOPY package.json package-lock.json /app\n',
      errors: [{ message: dir('COPY', 2, '/app'), line: 2, column: 37, endColumn: 41 }],
      output: 'FROM node:22-slim\nCOPY package.json package-lock.json /app/\n',
    },
    {
      name: 'into the working directory',
      code: 'FROM node:22-slim\nWORKDIR /app\ncopy package.json package-lock.json .\n',
      errors: [{ message: dot('COPY', 2, '.'), line: 3, column: 37 }],
      output: 'FROM node:22-slim\nWORKDIR /app\ncopy package.json package-lock.json ./\n',
    },
    {
      name: 'exec form',
      code: 'FROM nginx:1.27\nCOPY ["index.html", "404.html", "/usr/share/nginx/html"]\n',
      errors: [{ message: dir('COPY', 2, '/usr/share/nginx/html'), line: 2, column: 33 }],
      output: 'FROM nginx:1.27\nCOPY ["index.html", "404.html", "/usr/share/nginx/html/"]\n',
    },
    {
      name: 'ADD with a continuation and a quoted destination',
      code: 'FROM debian:12-slim\nADD --chmod=0755 \\\n    entrypoint.sh healthcheck.sh \\\n    "/usr/local/bin"\n',
      errors: [{ message: dir('ADD', 2, '/usr/local/bin'), line: 4, column: 5 }],
      output: 'FROM debian:12-slim\nADD --chmod=0755 \\\n    entrypoint.sh healthcheck.sh \\\n    "/usr/local/bin/"\n',
    },
    {
      name: 'COPY --from with globs, in ONBUILD',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/ ./...\nFROM debian:12-slim\nONBUILD COPY --from=build /out/api /out/worker* /usr/local/bin\n',
      errors: [{ message: dir('COPY', 2, '/usr/local/bin'), line: 4, column: 49 }],
      output: 'FROM golang:1.23 AS build\nRUN go build -o /out/ ./...\nFROM debian:12-slim\nONBUILD COPY --from=build /out/api /out/worker* /usr/local/bin/\n',
    },
    {
      name: 'heredoc sources, CRLF',
      code: 'FROM alpine:3.20\r\nCOPY <<one.txt <<two.txt /etc/motd.d\r\nfirst\r\none.txt\r\nsecond\r\ntwo.txt\r\n',
      errors: [{ message: dir('COPY', 2, '/etc/motd.d'), line: 2, column: 26 }],
      output: 'FROM alpine:3.20\r\nCOPY <<one.txt <<two.txt /etc/motd.d/\r\nfirst\r\none.txt\r\nsecond\r\ntwo.txt\r\n',
    },
    {
      name: 'a variable destination',
      code: 'FROM python:3.12-slim\nENV APP_HOME=/srv/app\nCOPY app.py settings.py $APP_HOME\n',
      errors: [{ message: dir('COPY', 2, '$APP_HOME'), line: 3, column: 25 }],
      output: 'FROM python:3.12-slim\nENV APP_HOME=/srv/app\nCOPY app.py settings.py $APP_HOME/\n',
    },
  ],
});
