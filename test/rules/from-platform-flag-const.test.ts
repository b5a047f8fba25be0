import rule from '../../rules/from-platform-flag-const.js';
import { runRuleTests } from '../rule-tester.js';

const message = (platform: string, suffix: string) =>
  `--platform=${platform} pins this stage to one platform even when the build targets another: remove the flag, or use $BUILDPLATFORM for a stage that only runs build tools (if the pin is deliberate, name the stage after it, e.g. AS build-${suffix}).`;

runRuleTests(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n',
    { name: 'no flag', code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache git\n' },
    { name: 'braced variable', code: 'FROM --platform=${BUILDPLATFORM} node:22-alpine AS assets\nRUN npm ci && npm run build\n' },
    {
      name: 'stages named after their architecture',
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nRUN apk add --no-cache curl\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\nRUN apk add --no-cache curl\nFROM build_${TARGETARCH} AS build\n',
    },
    { name: 'stage named after the OS', code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS windows-tools\nRUN powershell -Command Write-Host ok\n' },
    { name: 'architecture as written in the name', code: 'FROM --platform=linux/x86_64 debian:12-slim AS x86_64-runtime\nRUN uname -m\n' },
    { name: 'built from variables', code: 'FROM --platform=$TARGETOS/$TARGETARCH debian:12-slim\nRUN uname -m\n' },
    { name: 'a fallback default is not a constant', code: 'FROM --platform=${TARGETPLATFORM:-linux/amd64} node:22-alpine AS deps\nRUN npm ci\n' },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN apk add --no-cache git\n',
      errors: [{ message: message('linux/amd64', 'amd64'), line: 1, column: 6, endColumn: 28 }],
    },
    {
      name: 'unnamed stage',
      code: 'FROM --platform=linux/arm64 node:22-bookworm-slim\nRUN npm ci --omit=dev\n',
      errors: [{ message: message('linux/arm64', 'arm64'), line: 1, column: 6 }],
    },
    {
      name: 'variant and quotes',
      code: 'FROM --platform="linux/arm/v7" ubuntu:22.04 AS installer-env\nRUN apt-get update\n',
      errors: [{ message: message('linux/arm/v7', 'arm'), line: 1, column: 6 }],
    },
    {
      name: 'lowercase file, one stage exempt',
      code: 'from --platform=linux/amd64 golang:1.23 as tools-amd64\nrun go install golang.org/x/tools/cmd/goimports@latest\nfrom --platform=linux/amd64 debian:12-slim as final\ncopy --from=tools-amd64 /go/bin/goimports /usr/local/bin/\n',
      errors: [{ message: message('linux/amd64', 'amd64'), line: 3, column: 6 }],
    },
    {
      name: 'Windows',
      code: '# escape=`\nFROM --platform=windows/amd64 mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build\nRUN msbuild /p:Configuration=Release\n',
      errors: [{ message: message('windows/amd64', 'amd64'), line: 2, column: 6 }],
    },
    {
      name: 'on a continuation line, with an alias architecture',
      code: 'FROM \\\n    --platform=linux/aarch64 \\\n    python:3.12-slim AS app\nRUN pip install --no-cache-dir flask\n',
      errors: [{ message: message('linux/aarch64', 'aarch64'), line: 2, column: 5 }],
    },
    {
      name: 'an architecture alone',
      code: 'FROM --platform=arm64 alpine:3.20 AS runtime\nRUN apk add --no-cache tini\n',
      errors: [{ message: message('arm64', 'arm64'), line: 1, column: 6 }],
    },
  ],
});
