import rule from '../../rules/undefined-arg-in-from.js';
import { runRuleTests } from '../rule-tester.js';

const undeclared = (name: string) =>
  `$${name} is not declared before the first FROM, so it is always unset here and --build-arg ${name} has no effect: add "ARG ${name}" above the first FROM.`;

runRuleTests(rule, {
  valid: [
    'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nRUN apk add --no-cache curl\n',
    { name: 'automatic platform ARGs', code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM build-${TARGETARCH} AS final\n' },
    { name: 'braced platform ARG', code: 'FROM --platform=${BUILDPLATFORM} node:22-alpine AS assets\nRUN npm ci\n' },
    { name: 'declared without a default', code: 'ARG VARIANT\nFROM node:22${VARIANT} AS jsbuilder\nRUN npm ci\n' },
    { name: 'several ARGs in one instruction', code: 'ARG REGISTRY=docker.io NODE_VERSION=22\nFROM ${REGISTRY}/library/node:${NODE_VERSION}-alpine\nRUN npm ci\n' },
    { name: 'no variables', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n' },
    { name: 'variables in other instructions are another rule', code: 'FROM debian:12-slim\nRUN echo "$UNDEFINED"\nCOPY ${SRC_DIR} /app\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22${VARIANT} AS jsbuilder\nRUN npm ci\n',
      errors: [{ message: undeclared('VARIANT'), line: 1, column: 13, endColumn: 23 }],
    },
    {
      name: 'misspelt automatic ARG in --platform',
      code: 'FROM --platform=$BUILDPLATFROM golang:1.23 AS build\nRUN go build ./...\n',
      errors: [{ message: '$BUILDPLATFROM is not declared before the first FROM, so it is empty here: did you mean $BUILDPLATFORM?', line: 1, column: 17, endColumn: 31 }],
    },
    {
      name: 'misspelt global ARG',
      code: 'ARG GOLANG_VERSION=1.23\nFROM golang:${GOLANG_VERSON}-bookworm AS build\nRUN go build ./...\n',
      errors: [{ message: '$GOLANG_VERSON is not declared before the first FROM, so it is empty here: did you mean $GOLANG_VERSION?', line: 2, column: 13 }],
    },
    {
      name: 'declared inside a stage',
      code: 'FROM alpine:3.20 AS base\nARG DEBIAN_TAG=12-slim\nRUN apk add --no-cache curl\nFROM debian:${DEBIAN_TAG}\nCOPY --from=base /usr/bin/curl /usr/bin/curl\n',
      errors: [{ message: '$DEBIAN_TAG is declared by the ARG at line 2, inside a stage, but FROM lines only see ARGs declared before the first FROM: declare "ARG DEBIAN_TAG" above the first FROM.', line: 4, column: 13 }],
    },
    {
      name: 'a default in FROM does not declare the ARG',
      code: 'FROM python:${PYTHON_VERSION:-3.12}-slim\nRUN pip install --no-cache-dir flask\n',
      errors: [{ message: undeclared('PYTHON_VERSION'), line: 1, column: 13 }],
    },
    {
      name: 'variables inside a default, each name once',
      code: 'ARG BASE_IMAGE\nfrom ${BASE_IMAGE:-${REGISTRY}/app:${REGISTRY_TAG}} as app\nfrom ${REGISTRY}/runtime:1.0\nrun echo ok\n',
      errors: [
        { message: undeclared('REGISTRY'), line: 2, column: 20 },
        { message: undeclared('REGISTRY_TAG'), line: 2, column: 36 },
        { message: undeclared('REGISTRY'), line: 3, column: 6 },
      ],
    },
    {
      name: 'escape directive and escaped dollar',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:${WIN_VER}\nLABEL price=`$5\n',
      errors: [{ message: undeclared('WIN_VER'), line: 2, column: 43 }],
    },
  ],
});
