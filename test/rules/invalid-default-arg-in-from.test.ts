import rule from '../../rules/invalid-default-arg-in-from.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nRUN apk add --no-cache curl\n',
    { name: 'empty is fine where the reference stays valid', code: 'ARG VARIANT\nFROM busybox:stable${VARIANT}\nRUN echo ok\n' },
    { name: 'a default in FROM', code: 'ARG TAG\nFROM alpine:${TAG:-3.20}\nRUN apk add --no-cache git\n' },
    { name: 'quoted defaults lose their quotes', code: 'ARG GO_VERSION="1.23"\nARG DEBIAN="bookworm"\nFROM golang:${GO_VERSION}-${DEBIAN} AS build\nFROM debian:"${DEBIAN}"-slim\n' },
    { name: 'automatic platform ARGs have values', code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build-amd64\nRUN go build ./...\nFROM build-${TARGETARCH} AS final\n' },
    { name: 'a default naming an earlier stage', code: 'ARG BASE=deps_\nFROM node:22-alpine AS deps_\nRUN npm ci\nFROM ${BASE}\nRUN npm run build\n' },
    { name: 'a default built from another ARG', code: 'ARG NODE_MAJOR=22\nARG NODE_IMAGE=node:${NODE_MAJOR}-alpine\nFROM ${NODE_IMAGE}\nRUN npm ci\n' },
    { name: 'undeclared variables are undefined-arg-in-from\'s', code: 'FROM ${BASE_IMAGE}\nRUN echo ok\n' },
    { name: 'defaults dockfix cannot evaluate', code: 'ARG VARIANT="${templateOption:imageVariant}"\nFROM mcr.microsoft.com/devcontainers/base:${VARIANT}\n' },
  ],
  invalid: [
    {
      code: 'ARG TAG\nFROM alpine:${TAG}\nRUN apk add --no-cache curl\n',
      errors: [{ message: 'With no --build-arg, "alpine:${TAG}" expands to "alpine:", which is not a valid image reference: give ARG TAG a default, or write ${TAG:-<default>} here.', line: 2, column: 6, endColumn: 19 }],
    },
    {
      name: 'the whole image from an ARG',
      code: 'ARG BASE_IMAGE\nFROM $BASE_IMAGE AS base\nRUN echo ok\n',
      errors: [{ message: 'With no --build-arg, "$BASE_IMAGE" expands to an empty image name: give ARG BASE_IMAGE a default, or write ${BASE_IMAGE:-<default>} here.', line: 2, column: 6, endColumn: 17 }],
    },
    {
      name: 'an empty registry path',
      code: 'ARG PROJECT_ID\nARG TAG=1.4.2\nFROM gcr.io/${PROJECT_ID}/builder:${TAG} AS builder\nRUN make\n',
      errors: [{ message: 'With no --build-arg, "gcr.io/${PROJECT_ID}/builder:${TAG}" expands to "gcr.io//builder:1.4.2", which is not a valid image reference: give ARG PROJECT_ID a default, or write ${PROJECT_ID:-<default>} here.', line: 3, column: 6 }],
    },
    {
      name: 'a default that is not an image name',
      code: 'ARG IMAGE=Debian:12\nFROM ${IMAGE}\nRUN apt-get update\n',
      errors: [{ message: 'With no --build-arg, "${IMAGE}" expands to "Debian:12", which is not a valid image reference: fix the default of ARG IMAGE.', line: 2, column: 6 }],
    },
    {
      name: 'an empty default, in a later stage of a lowercase file',
      code: 'arg ENGINE_VERSION=""\nfrom alpine:3.20 as tools\nrun apk add --no-cache curl\nfrom docker:${ENGINE_VERSION}-dind\ncopy --from=tools /usr/bin/curl /usr/bin/curl\n',
      errors: [{ message: 'With no --build-arg, "docker:${ENGINE_VERSION}-dind" expands to "docker:-dind", which is not a valid image reference: give ARG ENGINE_VERSION a default, or write ${ENGINE_VERSION:-<default>} here.', line: 4, column: 6 }],
    },
    {
      name: 'several ARGs without defaults, with --platform and a continuation',
      code: 'ARG REGISTRY\nARG IMAGE\nFROM --platform=$BUILDPLATFORM \\\n    ${REGISTRY}/${IMAGE} AS build\nRUN make\n',
      errors: [{ message: 'With no --build-arg, "${REGISTRY}/${IMAGE}" expands to "/", which is not a valid image reference: give ARG REGISTRY, ARG IMAGE a default, or write ${REGISTRY:-<default>} here.', line: 4, column: 5 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nARG WINDOWS_VERSION\nFROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}\nRUN powershell -Command Write-Host ok\n',
      errors: [{ message: 'With no --build-arg, "mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}" expands to "mcr.microsoft.com/windows/servercore:", which is not a valid image reference: give ARG WINDOWS_VERSION a default, or write ${WINDOWS_VERSION:-<default>} here.', line: 3, column: 6 }],
    },
  ],
});
