import rule from '../../rules/consecutive-run.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'one RUN', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n' },
    { name: 'an instruction in between', code: 'FROM node:22-bookworm-slim\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'different mounts', code: 'FROM node:22-bookworm-slim\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN npm run build\n' },
    { name: 'a comment labels separate steps', code: 'FROM debian:12-slim\nRUN apt-get update\n# create the service account\nRUN useradd -m app\n' },
    { name: 'long RUNs were split on purpose', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN useradd -m app\n' },
    { name: 'heredoc RUNs', code: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\nEOF\nRUN echo done\n' },
    { name: 'different network flags', code: 'FROM golang:1.23\nRUN go mod download\nRUN --network=none go build ./...\n' },
    { name: 'ONBUILD triggers', code: 'FROM node:22-bookworm-slim\nONBUILD RUN npm ci\nONBUILD RUN npm run build\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\n' },
  ],
  invalid: [
    {
      name: 'two short RUNs',
      code: 'FROM debian:12-slim\nRUN wget -q -O /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl\nRUN chmod +x /usr/local/bin/kubectl\n',
      errors: [{ message: 'Two RUN instructions in a row (lines 2 and 3) each add a layer. Join their commands with && in one RUN.', line: 3, column: 1, endColumn: 36 }],
    },
    {
      name: 'three in a row: one finding; blank lines do not separate',
      code: 'FROM python:3.12-slim\nRUN pip install --upgrade pip\n\nRUN pip install -r requirements.txt\nRUN python -m compileall .\n',
      errors: [{ message: '3 RUN instructions in a row (lines 2–5) each add a layer. Join their commands with && in one RUN.', line: 4, column: 1 }],
    },
    {
      name: 'same mounts, lowercase, exec form',
      code: 'from golang:1.23\nrun --mount=type=cache,target=/go/pkg/mod go mod download\nrun --mount=type=cache,target=/go/pkg/mod ["go", "build", "-o", "/out/app", "."]\n',
      errors: [{ message: 'Two RUN instructions in a row (lines 2 and 3) each add a layer. Join their commands with && in one RUN.', line: 3, column: 1 }],
    },
    {
      name: 'continuation lines and a long RUN breaking the group',
      code: 'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y git\nRUN git config --global advice.detachedHead false\nRUN a && b && c\nRUN echo one\nRUN echo two\n',
      errors: [
        { message: 'Two RUN instructions in a row (lines 2 and 4) each add a layer. Join their commands with && in one RUN.', line: 4, column: 1 },
        { message: 'Two RUN instructions in a row (lines 6 and 7) each add a layer. Join their commands with && in one RUN.', line: 7, column: 1 },
      ],
    },
    {
      name: 'each stage on its own, CRLF',
      code: 'FROM node:22-bookworm-slim AS build\r\nRUN npm ci\r\nRUN npm run build\r\nFROM nginx:1.27\r\nRUN rm /etc/nginx/conf.d/default.conf\r\nCOPY --from=build /app/dist /usr/share/nginx/html\r\n',
      errors: [{ message: 'Two RUN instructions in a row (lines 2 and 3) each add a layer. Join their commands with && in one RUN.', line: 3, column: 1 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y `\n    curl\n',
      errors: [{ message: 'Two RUN instructions in a row (lines 3 and 4) each add a layer. Join their commands with && in one RUN.', line: 4, column: 1, endLine: 5 }],
    },
  ],
});
