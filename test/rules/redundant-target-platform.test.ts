import rule from '../../rules/redundant-target-platform.js';
import { runRuleTests } from '../rule-tester.js';

const message = (text: string) => `--platform=${text} is redundant: a stage is built for the target platform unless told otherwise. Remove the flag.`;

runRuleTests(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n',
    { name: 'no flag', code: 'FROM alpine:3.20 AS builder\nRUN apk add --no-cache git\n' },
    { name: 'a fallback for builders without TARGETPLATFORM', code: 'FROM --platform=${TARGETPLATFORM:-linux/amd64} node:22-alpine AS deps\nRUN npm ci\n' },
    { name: 'a global default replaces the automatic value', code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM debian:12-slim\nRUN uname -m\n' },
    { name: 'built from its parts', code: 'FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\nRUN apk add --no-cache curl\n' },
    { name: 'a constant is another rule', code: 'FROM --platform=linux/amd64 alpine:3.20 AS build-amd64\nRUN apk add --no-cache curl\n' },
    { name: 'single quotes do not expand', code: "FROM --platform='$TARGETPLATFORM' alpine:3.20\n" },
  ],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\nRUN apk add --no-cache git\n',
      errors: [{ message: message('$TARGETPLATFORM'), line: 1, column: 6, endColumn: 32 }],
      output: 'FROM alpine:3.20 AS builder\nRUN apk add --no-cache git\n',
    },
    {
      name: 'braces',
      code: 'FROM --platform=${TARGETPLATFORM} debian:12-slim\nRUN apt-get update\n',
      errors: [{ message: message('${TARGETPLATFORM}'), line: 1, column: 6 }],
      output: 'FROM debian:12-slim\nRUN apt-get update\n',
    },
    {
      name: 'double quotes',
      code: 'FROM --platform="$TARGETPLATFORM" node:22-alpine AS deps\nRUN npm ci\n',
      errors: [{ message: message('$TARGETPLATFORM'), line: 1, column: 6 }],
      output: 'FROM node:22-alpine AS deps\nRUN npm ci\n',
    },
    {
      name: 'lowercase file, several stages',
      code: 'from --platform=$BUILDPLATFORM golang:1.23 as build\nrun go build -o /app .\nfrom --platform=$TARGETPLATFORM gcr.io/distroless/static-debian12\ncopy --from=build /app /app\n',
      errors: [{ message: message('$TARGETPLATFORM'), line: 3, column: 6 }],
      output: 'from --platform=$BUILDPLATFORM golang:1.23 as build\nrun go build -o /app .\nfrom gcr.io/distroless/static-debian12\ncopy --from=build /app /app\n',
    },
    {
      name: 'flag before a line continuation',
      code: 'FROM --platform=$TARGETPLATFORM \\\n    python:3.12-slim AS app\nRUN pip install --no-cache-dir flask\n',
      errors: [{ message: message('$TARGETPLATFORM'), line: 1, column: 6 }],
      output: 'FROM \\\n    python:3.12-slim AS app\nRUN pip install --no-cache-dir flask\n',
    },
    {
      name: 'CRLF and escape directive',
      code: '# escape=`\r\nFROM --platform=$TARGETPLATFORM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command Write-Host ok\r\n',
      errors: [{ message: message('$TARGETPLATFORM'), line: 2, column: 6 }],
      output: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command Write-Host ok\r\n',
    },
    {
      name: 'a global ARG without a default keeps the automatic value',
      code: 'ARG TARGETPLATFORM\nFROM --platform=$TARGETPLATFORM alpine:3.20\nARG TARGETPLATFORM\nRUN echo "$TARGETPLATFORM"\n',
      errors: [{ message: message('$TARGETPLATFORM'), line: 2, column: 6 }],
      output: 'ARG TARGETPLATFORM\nFROM alpine:3.20\nARG TARGETPLATFORM\nRUN echo "$TARGETPLATFORM"\n',
    },
  ],
});
