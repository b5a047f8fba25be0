import rule from '../../rules/onbuild-trigger.js';
import { runRuleTests } from '../rule-tester.js';

const ONBUILD = 'ONBUILD ONBUILD is not allowed: Docker rejects a trigger that registers another trigger. Put the instruction in ONBUILD directly.';
const FROM = 'ONBUILD FROM is not allowed: Docker rejects it, since the child image picks its base with its own FROM. Remove it.';
const MAINTAINER = 'ONBUILD MAINTAINER is not allowed: Docker rejects it. Use ONBUILD LABEL org.opencontainers.image.authors="…" instead.';

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nONBUILD COPY package.json /app/\nONBUILD RUN npm ci\n',
    { name: 'ONBUILD LABEL', code: 'FROM python:3.12-slim\nONBUILD LABEL org.opencontainers.image.authors="team@example.com"\n' },
    { name: 'plain FROM and MAINTAINER', code: 'FROM debian:12-slim\nMAINTAINER ops@example.com\nFROM debian:12-slim\n' },
    { name: 'ONBUILD RUN mentioning FROM', code: 'FROM debian:12-slim\nONBUILD RUN echo "FROM here" > /etc/motd\n' },
    { name: 'ONBUILD with a heredoc', code: 'FROM debian:12-slim\nONBUILD RUN <<EOF\necho onbuild\nEOF\n' },
    { name: 'ONBUILD WORKDIR and USER', code: 'FROM node:22-slim\nONBUILD WORKDIR /app\nONBUILD USER node\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nONBUILD ONBUILD RUN echo nested\n',
      errors: [{ message: ONBUILD, line: 2, column: 9, endColumn: 16 }],
    },
    {
      name: 'ONBUILD FROM in lowercase',
      code: 'from node:22-slim\nonbuild from node:22-alpine\n',
      errors: [{ message: FROM, line: 2, column: 9, endColumn: 13 }],
    },
    {
      name: 'ONBUILD MAINTAINER',
      code: 'FROM python:3.12-slim\nONBUILD MAINTAINER team@example.com\n',
      errors: [{ message: MAINTAINER, line: 2, column: 9, endColumn: 19 }],
    },
    {
      name: 'after a continuation, in a later stage',
      code: 'FROM golang:1.23 AS build\nFROM debian:12-slim\nONBUILD \\\n  FROM scratch\n',
      errors: [{ message: FROM, line: 4, column: 3 }],
    },
    {
      name: 'several in one file, CRLF',
      code: 'FROM alpine:3.20\r\nONBUILD ONBUILD COPY . /app\r\nONBUILD MAINTAINER ops@example.com\r\n',
      errors: [{ message: ONBUILD, line: 2, column: 9 }, { message: MAINTAINER, line: 3, column: 9 }],
    },
    {
      name: 'under an escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nONBUILD `\n  ONBUILD RUN dir\n',
      errors: [{ message: ONBUILD, line: 4, column: 3 }],
    },
  ],
});
