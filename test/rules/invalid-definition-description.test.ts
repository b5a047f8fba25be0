import rule from '../../rules/invalid-definition-description.js';
import { runRuleTests } from '../rule-tester.js';

const stage = (name: string, keyword = 'FROM') =>
  `The comment above FROM … AS ${name} does not start with "${name}", so docker build --call=outline does not show it as the stage's description: write "# ${name} <description>", or put an empty line between the comment and ${keyword}.`;
const arg = (name: string, keyword = 'ARG') =>
  `The comment above ARG ${name} does not start with "${name}", so docker build --call=outline does not show it as the argument's description: write "# ${name} <description>", or put an empty line between the comment and ${keyword}.`;

runRuleTests(rule, {
  valid: [
    '# build-cli builds the CLI binary\nFROM alpine:3.20 AS build-cli\n# VERSION controls the version of the program\nARG VERSION=1\n',
    { name: 'an empty line separates the comment', code: '# a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1\n' },
    { name: 'an empty comment line separates the comment', code: '# Shared settings\n#\nFROM debian:12-slim AS base\n' },
    { name: 'the name on the first line of a longer description', code: '# builder compiles the Go binaries\n# with CGO turned off.\nFROM golang:1.23 AS builder\n' },
    { name: 'the bare name', code: '# NODE_VERSION\nARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim\n' },
    { name: 'unnamed stages and other instructions are not checked', code: '# Runtime image\nFROM alpine:3.20\n# Install curl\nRUN apk add --no-cache curl\n' },
    { name: 'suppression comments and directives are not descriptions', code: '# syntax=docker/dockerfile:1\nARG VERSION=1\n# hadolint ignore=DL3006\nFROM alpine AS base\n' },
    { name: 'ONBUILD ARG is not checked', code: 'FROM node:22-slim AS base\n# the registry to use\nONBUILD ARG REGISTRY\n' },
    { name: 'one of several ARG names', code: '# NODE_VERSION and GO_VERSION pin the toolchains\nARG GO_VERSION=1.23 NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim\n' },
  ],
  invalid: [
    {
      code: '# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\nARG VERSION=1\n',
      errors: [
        { message: stage('base'), line: 2, column: 17, endColumn: 21 },
        { message: arg('VERSION'), line: 5, column: 5, endColumn: 12 },
      ],
      output: '# a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1\n',
    },
    {
      name: 'the name must match exactly',
      code: 'FROM golang:1.23 AS deps\nRUN go mod download\n# Build stage\nFROM deps AS build\nRUN go build -o /out/app .\n',
      errors: [{ message: stage('build'), line: 4, column: 14 }],
      output: 'FROM golang:1.23 AS deps\nRUN go mod download\n# Build stage\n\nFROM deps AS build\nRUN go build -o /out/app .\n',
    },
    {
      name: 'several ARG names',
      code: 'FROM node:22-slim\n# toolchain versions\nARG GO_VERSION=1.23 NODE_VERSION=22\n',
      errors: [
        {
          message: 'The comment above ARG GO_VERSION NODE_VERSION does not start with one of its names (GO_VERSION, NODE_VERSION), so docker build --call=outline does not show it as the argument\'s description: write "# <name> <description>", or put an empty line between the comment and ARG.',
          line: 3,
          column: 5,
        },
      ],
      output: 'FROM node:22-slim\n# toolchain versions\n\nARG GO_VERSION=1.23 NODE_VERSION=22\n',
    },
    {
      name: 'below the syntax directive',
      code: '# syntax=docker/dockerfile:1\n# Base image to build on\nARG BASE=debian:12-slim\nFROM $BASE\n',
      errors: [{ message: arg('BASE'), line: 3, column: 5 }],
      output: '# syntax=docker/dockerfile:1\n# Base image to build on\n\nARG BASE=debian:12-slim\nFROM $BASE\n',
    },
    {
      name: 'the empty line goes above suppression comments',
      code: '# Install the tools\n# hadolint ignore=DL3006\nFROM tools-image AS tools\n',
      errors: [{ message: stage('tools'), line: 3, column: 21 }],
      output: '# Install the tools\n\n# hadolint ignore=DL3006\nFROM tools-image AS tools\n',
    },
    {
      name: 'lowercase instructions, indented comment',
      code: 'from node:22-slim as deps\n  # the npm registry\narg NPM_REGISTRY=https://registry.npmjs.org\n',
      errors: [{ message: arg('NPM_REGISTRY', 'arg'), line: 3, column: 5 }],
      output: 'from node:22-slim as deps\n  # the npm registry\n\narg NPM_REGISTRY=https://registry.npmjs.org\n',
    },
    {
      name: 'CRLF line endings',
      code: '# compile everything\r\nFROM golang:1.23 AS build\r\nRUN go build ./...\r\n',
      errors: [{ message: stage('build'), line: 2, column: 21 }],
      output: '# compile everything\r\n\r\nFROM golang:1.23 AS build\r\nRUN go build ./...\r\n',
    },
    {
      name: 'a comment after a continued instruction, escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nRUN powershell -Command `\n    Write-Host hi\n# Windows version\nARG WINVER=ltsc2022\n',
      errors: [{ message: arg('WINVER'), line: 6, column: 5 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nRUN powershell -Command `\n    Write-Host hi\n# Windows version\n\nARG WINVER=ltsc2022\n',
    },
  ],
});
