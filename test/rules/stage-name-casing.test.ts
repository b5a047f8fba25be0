import rule from '../../rules/stage-name-casing.js';
import { runRuleTests } from '../rule-tester.js';

const message = (name: string) =>
  `Stage name "${name}" should be lowercase: write "${name.toLowerCase()}". Docker ignores case in stage names, and lowercase sets them apart from instruction keywords.`;

runRuleTests(rule, {
  valid: [
    'FROM golang:1.23-bookworm AS build\nRUN go build -o /out/app ./cmd/app\nFROM debian:12-slim\nCOPY --from=build /out/app /usr/local/bin/app\n',
    { name: 'unnamed stage', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n' },
    { name: 'dashes, dots and underscores', code: 'FROM node:22-alpine AS deps-1.0_x\nRUN npm ci\n' },
    { name: 'lowercase file', code: 'from node:22-alpine as build\nrun npm ci && npm run build\n' },
    { name: 'a reference in another case is not the name', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=BUILD /app /app\n' },
    { name: 'ONBUILD names a stage of the child build', code: 'FROM node:22-alpine AS base\nONBUILD COPY --from=Assets /dist /srv/www\n' },
    { name: 'exec-form and heredoc RUNs around named stages', code: 'FROM alpine:3.20 AS tools\nRUN <<EOF\napk add --no-cache git\nEOF\nCMD ["git", "--version"]\n' },
  ],
  invalid: [
    {
      name: 'name and every reference are lowercased',
      code: [
        'FROM golang:1.23-bookworm AS Builder',
        'RUN go build -o /out/app ./cmd/app',
        'FROM Builder AS Test',
        'RUN go test ./...',
        'FROM debian:12-slim',
        'COPY --from=Builder /out/app /usr/local/bin/app',
        'ADD --from=BUILDER /out/app.sig /usr/local/share/app.sig',
        '',
      ].join('\n'),
      errors: [
        { message: message('Builder'), line: 1, column: 30, endColumn: 37 },
        { message: message('Test'), line: 3, column: 17, endColumn: 21 },
      ],
      output: [
        'FROM golang:1.23-bookworm AS builder',
        'RUN go build -o /out/app ./cmd/app',
        'FROM builder AS test',
        'RUN go test ./...',
        'FROM debian:12-slim',
        'COPY --from=builder /out/app /usr/local/bin/app',
        'ADD --from=builder /out/app.sig /usr/local/share/app.sig',
        '',
      ].join('\n'),
    },
    {
      name: 'RUN --mount from= references',
      code: [
        'FROM golang:1.23 AS GoCache',
        'RUN go mod download',
        'FROM golang:1.23',
        'RUN --mount=type=bind,from=GoCache,source=/go/pkg/mod,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...',
        '',
      ].join('\n'),
      errors: [{ message: message('GoCache'), line: 1, column: 21 }],
      output: [
        'FROM golang:1.23 AS gocache',
        'RUN go mod download',
        'FROM golang:1.23',
        'RUN --mount=type=bind,from=gocache,source=/go/pkg/mod,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...',
        '',
      ].join('\n'),
    },
    {
      name: 'lowercase file',
      code: 'from node:22-alpine as Deps\nrun npm ci\nfrom node:22-alpine\ncopy --from=Deps /app/node_modules ./node_modules\n',
      errors: [{ message: message('Deps'), line: 1, column: 24 }],
      output: 'from node:22-alpine as deps\nrun npm ci\nfrom node:22-alpine\ncopy --from=deps /app/node_modules ./node_modules\n',
    },
    {
      name: 'ONBUILD triggers and stage indexes are left alone',
      code: 'FROM node:22-alpine AS Assets\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nONBUILD COPY --from=Assets /dist /usr/share/nginx/html\nCOPY --from=0 /app/dist /usr/share/nginx/html\n',
      errors: [{ message: message('Assets'), line: 1, column: 24 }],
      output: 'FROM node:22-alpine AS assets\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nONBUILD COPY --from=Assets /dist /usr/share/nginx/html\nCOPY --from=0 /app/dist /usr/share/nginx/html\n',
    },
    {
      name: 'lowercasing would clash with another stage',
      code: 'FROM alpine:3.20 AS builder\nRUN apk add --no-cache make\nFROM alpine:3.20 AS Builder\nRUN make\n',
      errors: [
        {
          message: 'Stage name "Builder" should be lowercase, but the stage at line 1 is already named "builder" and Docker ignores case in stage names: rename one of them.',
          line: 3,
          column: 21,
        },
      ],
    },
    {
      name: 'CRLF, escape directive and a name on a continuation line',
      code: '# escape=`\r\nFROM mcr.microsoft.com/dotnet/sdk:8.0 `\r\n    AS Build\r\nRUN dotnet publish -c Release -o C:\\out\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nCOPY --from=Build C:\\out C:\\app\r\n',
      errors: [{ message: message('Build'), line: 3, column: 8 }],
      output: '# escape=`\r\nFROM mcr.microsoft.com/dotnet/sdk:8.0 `\r\n    AS build\r\nRUN dotnet publish -c Release -o C:\\out\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nCOPY --from=build C:\\out C:\\app\r\n',
    },
    {
      name: 'a FROM that names the stage through an ARG keeps working',
      code: 'ARG BASE_STAGE=Base\nFROM debian:12-slim AS Base\nRUN apt-get update\nFROM ${BASE_STAGE}\nRUN apt-get install -y --no-install-recommends curl\n',
      errors: [{ message: message('Base'), line: 2, column: 24 }],
      output: 'ARG BASE_STAGE=Base\nFROM debian:12-slim AS base\nRUN apt-get update\nFROM ${BASE_STAGE}\nRUN apt-get install -y --no-install-recommends curl\n',
    },
  ],
});
