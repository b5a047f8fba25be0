import rule from '../../rules/base-image-tag.js';
import { runRuleTests } from '../rule-tester.js';

const untagged = (image: string) => `The base image ${image} has no tag, so it means "latest" and changes whenever the image is republished: pin a version tag or a digest.`;
const latest = (image: string) => `The base image ${image} uses the "latest" tag, which changes whenever the image is republished: pin a version tag or a digest.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update\n',
    { name: 'scratch', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
    { name: 'an earlier stage', code: 'FROM node:22-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .\n' },
    { name: 'an earlier stage in lowercase with a platform flag', code: 'from --platform=$BUILDPLATFORM golang:1.23 as Builder\nfrom builder\n' },
    { name: 'a digest pins even :latest', code: 'FROM alpine:latest@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n' },
    { name: 'a digest without a tag', code: 'FROM ubuntu@sha256:2e863c44b718727c860746568e1d54afd13b2fa71b160f5cd9058fc436217b30\n' },
    { name: 'a variable whose ARG default is tagged', code: 'ARG BASE=python:3.12-slim\nFROM $BASE\n' },
    { name: 'a variable with no default', code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n' },
    { name: 'a tag from a variable with no default', code: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-alpine\n' },
    { name: 'a registry variable before a tagged name', code: 'ARG REGISTRY\nFROM ${REGISTRY}/library/nginx:1.27\n' },
    { name: 'a registry with a port', code: 'FROM localhost:5000/team/app:2.3.1\n' },
    { name: 'a stage picked by a quoted ARG default', code: 'ARG VARIANT="slim"\nFROM debian:12-slim AS base-slim\nFROM base-${VARIANT}\n' },
    { name: 'a Windows image with a tag', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu\nRUN apt-get update\n',
      errors: [{ message: untagged('"ubuntu"'), line: 1, column: 6, endColumn: 12, codes: ['DL3006'] }],
    },
    {
      name: 'latest',
      code: 'FROM node:latest\nWORKDIR /app\n',
      errors: [{ message: latest('"node:latest"'), line: 1, column: 6, endColumn: 17, codes: ['DL3007'] }],
    },
    {
      name: 'a registry image without a tag, in lowercase',
      code: 'from gcr.io/distroless/static-debian12 as runtime\n',
      errors: [{ message: untagged('"gcr.io/distroless/static-debian12"'), line: 1, column: 6, codes: ['DL3006'] }],
    },
    {
      name: 'a variable whose default is untagged',
      code: 'ARG BASE=alpine\nFROM $BASE\nRUN apk add --no-cache curl\n',
      errors: [{ message: untagged('"$BASE" (which defaults to "alpine")'), line: 2, column: 6, codes: ['DL3006'] }],
    },
    {
      name: 'a tag variable that defaults to latest',
      code: 'ARG VARIANT=latest\nFROM elixir:${VARIANT}\n',
      errors: [{ message: latest('"elixir:${VARIANT}" (which defaults to "elixir:latest")'), line: 2, column: 6, codes: ['DL3007'] }],
    },
    {
      name: 'each stage is checked, stage references are not',
      code: 'FROM golang AS build\nRUN go build -o /out/app .\nFROM build AS test\nRUN go test ./...\nFROM alpine:latest\nCOPY --from=build /out/app /app\n',
      errors: [
        { message: untagged('"golang"'), line: 1, column: 6, codes: ['DL3006'] },
        { message: latest('"alpine:latest"'), line: 5, column: 6, codes: ['DL3007'] },
      ],
    },
    {
      name: 'platform flag and continuation',
      code: 'FROM --platform=linux/amd64 \\\n    python AS base\n',
      errors: [{ message: untagged('"python"'), line: 2, column: 5, codes: ['DL3006'] }],
    },
    {
      name: 'a Windows image without a tag under an escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\n',
      errors: [{ message: untagged('"mcr.microsoft.com/windows/servercore"'), line: 2, column: 6, codes: ['DL3006'] }],
    },
  ],
});
