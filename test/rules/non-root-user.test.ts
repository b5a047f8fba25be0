import rule from '../../rules/non-root-user.js';
import { runRuleTests } from '../rule-tester.js';

const NO_USER = /^The image runs as root: .* set no USER, and .* Add a USER with an unprivileged account before CMD\/ENTRYPOINT\.$/;

runRuleTests(rule, {
  valid: [
    'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD ["node", "server.js"]\n',
    { name: 'only the final stage counts', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nRUN adduser -D -H app\nUSER app\nCOPY --from=build /out/app /app\nCMD ["/app"]\n' },
    { name: 'USER inherited through FROM <stage>', code: 'FROM python:3.12-slim AS base\nRUN useradd --system app\nUSER app\nFROM base\nCOPY . /srv\nCMD ["python", "/srv/app.py"]\n' },
    { name: 'distroless nonroot tag', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' },
    { name: 'Chainguard image', code: 'FROM cgr.dev/chainguard/node:latest\nCOPY . /app\nCMD ["/app/server.js"]\n' },
    { name: 'numeric user and group', code: 'FROM alpine:3.20\nUSER 10001:10001\nCMD ["sh"]\n' },
    { name: 'root only while installing', code: 'FROM node:22\nUSER root\nRUN apt-get update\nUSER node\nCMD ["node", "index.js"]\n' },
    { name: 'a --target that switches user', targets: ['prod'], code: 'FROM alpine:3.20 AS prod\nUSER nobody\nFROM prod AS debug\nUSER root\n' },
    { name: 'an image on the allowlist', options: { nonRootImages: ['python:*-hardened'] }, code: 'FROM python:3.12-hardened\nCOPY app /app\n' },
    { name: 'a private base image may set its own USER', code: 'FROM registry.example.com/team/base:2\nCOPY app /app\n' },
    { name: '.NET chiseled images run as app', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/api.dll"]\n' },
    { name: 'Windows images are out of scope', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n' },
  ],
  invalid: [
    {
      name: 'no USER on the node image',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      errors: [{ message: 'The image runs as root: the final stage and the stages it builds on set no USER, and node:22 runs as root by default. A process that is broken into then has root inside the container and an easier way out of it. Add a USER with an unprivileged account before CMD/ENTRYPOINT.', line: 1, column: 1, endLine: 1, endColumn: 13 }],
      unsafeOutput: 'FROM node:22\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'last USER is root, user created in a heredoc',
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\nuseradd --system --no-create-home svc\nEOF\nUSER root\nENTRYPOINT ["/usr/bin/svc"]\n',
      errors: [{ message: 'The image runs as root because the last USER in the final stage is "root": a process that is broken into then has root inside the container and an easier way out of it. Switch back to an unprivileged user after the steps that need root.', line: 6, column: 6, endColumn: 10 }],
      unsafeOutput: 'FROM debian:12-slim\nRUN <<EOF\nset -e\nuseradd --system --no-create-home svc\nEOF\nUSER root\nUSER svc\nENTRYPOINT ["/usr/bin/svc"]\n',
    },
    {
      name: 'USER 0:0',
      code: 'FROM alpine:3.20\nUSER 0:0\n',
      errors: [{ message: /last USER in the final stage is "0:0"/, line: 2, column: 6, suggestions: 1 }],
    },
    {
      name: 'multi-stage, final alpine stage: suggestion only',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20 AS runtime\nCOPY --from=build /out/app /app\nCMD ["/app"]\n',
      errors: [{ message: /^The image runs as root: stage "runtime" and the stages it builds on set no USER, and alpine:3.20 runs as root by default\./, line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: 'a user created in the parent stage (FROM <stage>)',
      code: 'FROM ubuntu:24.04 AS base\nRUN useradd -m -s /bin/bash app\nFROM base\nCMD ["bash"]\n',
      errors: [{ message: NO_USER, line: 3, column: 1 }],
      unsafeOutput: 'FROM ubuntu:24.04 AS base\nRUN useradd -m -s /bin/bash app\nFROM base\nUSER app\nCMD ["bash"]\n',
    },
    {
      name: 'a user created by an exec-form RUN',
      code: 'FROM fedora:40\nRUN ["useradd", "-r", "-u", "1001", "worker"]\nCOPY worker /usr/local/bin/\nENTRYPOINT ["worker"]\n',
      errors: [{ message: NO_USER, line: 1, column: 1 }],
      unsafeOutput: 'FROM fedora:40\nRUN ["useradd", "-r", "-u", "1001", "worker"]\nCOPY worker /usr/local/bin/\nUSER worker\nENTRYPOINT ["worker"]\n',
    },
    {
      name: 'a user created across a continuation',
      code: 'FROM debian:12\nRUN groupadd -r app && \\\n    useradd -r -g app app\nCOPY app /app\nCMD ["/app"]\n',
      errors: [{ message: NO_USER, line: 1, column: 1 }],
      unsafeOutput: 'FROM debian:12\nRUN groupadd -r app && \\\n    useradd -r -g app app\nCOPY app /app\nUSER app\nCMD ["/app"]\n',
    },
    {
      name: 'ONBUILD USER does not apply to this image',
      code: 'FROM node:22\nONBUILD USER node\nCMD ["node", "index.js"]\n',
      errors: [{ message: NO_USER, line: 1, column: 1 }],
      unsafeOutput: 'FROM node:22\nONBUILD USER node\nUSER node\nCMD ["node", "index.js"]\n',
    },
    {
      name: 'scratch gets a numeric USER suggestion',
      code: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ message: /set no USER, and scratch has no default user\./, line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: 'the --target stage is checked, not the last one',
      targets: ['debug'],
      code: 'FROM alpine:3.20 AS debug\nUSER root\nFROM alpine:3.20 AS prod\nUSER nobody\n',
      errors: [{ message: /last USER in stage "debug" is "root"/, line: 2, column: 6 }],
    },
    {
      name: 'appends on a new line when the file has no final newline',
      code: 'FROM node:22\nCOPY . /app',
      errors: [{ message: NO_USER, line: 1, column: 1 }],
      unsafeOutput: 'FROM node:22\nCOPY . /app\nUSER node\n',
    },
    {
      name: 'the allowlist does not cover other tags',
      options: { nonRootImages: ['python:*-hardened'] },
      code: 'FROM python:3.12-slim\nCOPY app /app\n',
      errors: [{ message: NO_USER, line: 1, column: 1, suggestions: 1 }],
    },
    {
      name: 'keeps CRLF line endings',
      code: 'FROM node:22\r\nCOPY . /app\r\nCMD ["node", "app.js"]\r\n',
      errors: [{ message: NO_USER, line: 1, column: 1 }],
      unsafeOutput: 'FROM node:22\r\nCOPY . /app\r\nUSER node\r\nCMD ["node", "app.js"]\r\n',
    },
  ],
});
