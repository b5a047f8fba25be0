import rule from '../../rules/package-cache-cleanup.js';
import { runRuleTests } from '../rule-tester.js';

const HINT = 'or mount a cache there (see cache-mount).';
const apt = (label = 'apt-get update') => `\`${label}\` leaves the package lists (/var/lib/apt/lists) in this layer of the shipped image. End the RUN with \`rm -rf /var/lib/apt/lists/*\`, ${HINT}`;
const apkAdd = `\`apk add\` without --no-cache leaves the package index (/var/cache/apk) in this layer of the shipped image. Add --no-cache, ${HINT}`;
const apkUpdate = `\`apk update\` leaves the package index (/var/cache/apk) in this layer of the shipped image. Drop it and use \`apk add --no-cache\`, or end the RUN with \`rm -rf /var/cache/apk/*\`, ${HINT}`;
const rpm = (label: string, tool: string, cache: string, clean: string) => `\`${label}\` leaves ${tool}'s repository metadata and package cache (${cache}) in this layer of the shipped image. End the RUN with \`${clean}\`, ${HINT}`;
const pip = (label: string, dir = '/root/.cache/pip') => `\`${label}\` keeps downloaded packages and built wheels in pip's cache (${dir}), in this layer of the shipped image. Add --no-cache-dir, ${HINT}`;
const yarn = (label: string) => `\`${label}\` keeps every downloaded package in Yarn's cache (/usr/local/share/.cache/yarn), in this layer of the shipped image. End the RUN with \`yarn cache clean\`, ${HINT}`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:13-slim\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete\n',
    'FROM debian:12-slim\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n',
    'FROM debian:12-slim\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    {
      name: 'builder stages that do not ship keep their caches',
      code: 'FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y gcc && pip install flask\nRUN gcc -o /app main.c\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /app /app\n',
    },
    {
      name: 'only the --target and its ancestors ship',
      code: 'FROM debian:12-slim AS runtime\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM runtime AS debug\nRUN apt-get update && apt-get install -y gdb\n',
      targets: ['runtime'],
    },
    'FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git && apk update --no-cache\n',
    'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n',
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc && apk add --no-network --virtual .run-deps $runDeps && apk del .build-deps\n',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add curl\n',
    'FROM fedora:40\nRUN dnf install -y git && dnf clean all\n',
    'FROM centos:7\nRUN yum install -y git && rm -rf /var/cache/yum\n',
    'FROM registry.access.redhat.com/ubi8/ubi-minimal:8.10\nRUN microdnf install -y git && microdnf clean all\n',
    'FROM registry.access.redhat.com/ubi8/ubi:8.10\nRUN yum install -y git && dnf clean metadata\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in git && zypper cc -a\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y git\n',
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask && pip3 --no-cache-dir install gunicorn && python -m pip install --no-cache flask\n',
    'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n',
    { name: 'PIP_NO_CACHE_DIR disables the cache whatever its value', code: 'FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=off\nRUN pip install flask\n' },
    'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n',
    'FROM python:3.12-slim\nRUN pip config set global.no-cache-dir true\nRUN pip install flask\n',
    'FROM python:3.12-slim\nCOPY pip.conf /etc/pip.conf\nRUN pip install flask\n',
    'FROM python:3.12-slim\nRUN pip install flask && rm -rf /root/.cache\n',
    'FROM python:3.12-slim\nRUN pip install -r requirements.txt && pip cache purge\n',
    'FROM python:3.12-slim\nRUN pip install --no-index --find-links /wheels app\n',
    'FROM python:3.12-slim\nRUN pip install --upgrade\n',
    { name: 'a pip cache mount is cache-mount-misuse\'s business', code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir flask\n' },
    'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:22-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
    { name: 'Yarn 2+ Plug\'n\'Play needs its cache at run time', code: 'FROM node:22-slim\nRUN corepack enable && yarn install --immutable\n' },
    { name: 'a script run afterwards may clean up', code: 'FROM debian:12-slim\nRUN apt-get update && bash /tmp/scripts/common-debian.sh && ./cleanup.sh\n' },
    { name: 'a cache mount dockfix cannot place', code: 'FROM debian:12-slim\nARG CACHE\nRUN --mount=type=cache,target=$CACHE apt-get update && apt-get install -y curl\n' },
    { name: 'PowerShell RUN is not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get update\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
      errors: [{ message: apt(), line: 2, column: 5, endColumn: 19, codes: ['DL3009'] }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'clean-up before the update does not count; a mount elsewhere neither',
      code: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt rm -rf /var/lib/apt/lists/* && apt update && apt install -y curl\n',
      errors: [{ message: apt('apt update'), line: 2, column: 77, codes: ['DL3009'] }],
      output: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt rm -rf /var/lib/apt/lists/* && apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'no fix when a later RUN reads the lists',
      code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ message: apt(), line: 2, column: 5, codes: ['DL3009'] }],
    },
    {
      name: 'no fix after || or inside if; sudo is kept',
      code: 'FROM debian:12-slim\nRUN apt-get update || true\nRUN if [ -n "$X" ]; then apt-get update; fi\nRUN sudo apt-get update && sudo apt-get install -y curl\n',
      errors: [
        { message: apt(), line: 2, column: 5, codes: ['DL3009'] },
        { message: apt(), line: 3, column: 26, codes: ['DL3009'] },
        { message: apt(), line: 4, column: 5, codes: ['DL3009'] },
      ],
      output: 'FROM debian:12-slim\nRUN apt-get update || true\nRUN if [ -n "$X" ]; then apt-get update; fi\nRUN sudo apt-get update && sudo apt-get install -y curl && sudo rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apk add gets --no-cache',
      code: 'FROM alpine:3.20\nRUN apk add curl && apk add -U git\n',
      errors: [{ message: apkAdd, line: 2, column: 5, codes: ['DL3019'] }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl && apk add --no-cache -U git\n',
    },
    {
      name: 'apk update: the index is removed at the end, once later RUNs no longer need it',
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl\nRUN apk add git\n',
      errors: [
        { message: apkUpdate, line: 2, column: 5, codes: ['DL3019'] },
        { message: apkAdd, line: 3, column: 5, codes: ['DL3019'] },
      ],
      output: 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\nRUN apk add --no-cache git\n',
    },
    {
      name: 'yum, dnf, microdnf and zypper carry their own codes',
      code: 'FROM rockylinux:9\nRUN yum install -y git\nRUN dnf -y upgrade && dnf install -y make\nRUN microdnf install -y tar\nRUN zypper -n in vim\n',
      errors: [
        { message: rpm('yum install', 'yum', '/var/cache/yum', 'yum clean all'), line: 2, column: 5, codes: ['DL3032'] },
        { message: rpm('dnf upgrade', 'dnf', '/var/cache/dnf', 'dnf clean all'), line: 3, column: 5, codes: ['DL3040'] },
        { message: rpm('microdnf install', 'microdnf', '/var/cache/yum', 'microdnf clean all'), line: 4, column: 5, codes: ['DL3040'] },
        { message: rpm('zypper in', 'zypper', '/var/cache/zypp', 'zypper clean --all'), line: 5, column: 5, codes: ['DL3036'] },
      ],
      output: 'FROM rockylinux:9\nRUN yum install -y git && yum clean all\nRUN dnf -y upgrade && dnf install -y make && dnf clean all\nRUN microdnf install -y tar && microdnf clean all\nRUN zypper -n in vim && zypper clean --all\n',
    },
    {
      name: 'pip gets --no-cache-dir, in shell and exec form',
      code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt && python -m pip install gunicorn\nRUN ["pip3", "install", "flask"]\n',
      errors: [
        { message: pip('pip install'), line: 2, column: 5, codes: ['DL3042'] },
        { message: pip('pip3 install'), line: 3, column: 6, codes: ['DL3042'] },
      ],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt && python -m pip install --no-cache-dir gunicorn\nRUN ["pip3", "install", "--no-cache-dir", "flask"]\n',
    },
    {
      name: 'pip for another user, and PIP_NO_CACHE_DIR of another stage',
      code: 'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN useradd -m app\nUSER app\nRUN pip install --user flask\n',
      errors: [{ message: pip('pip install', '/home/app/.cache/pip'), line: 6, column: 5, codes: ['DL3042'] }],
      output: 'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN useradd -m app\nUSER app\nRUN pip install --no-cache-dir --user flask\n',
    },
    {
      name: 'yarn gets yarn cache clean, unless the chain ends in ||',
      code: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn build\nRUN yarn global add serve || true\n',
      errors: [
        { message: yarn('yarn install'), line: 2, column: 5, codes: ['DL3060'] },
        { message: yarn('yarn global'), line: 3, column: 5, codes: ['DL3060'] },
      ],
      output: 'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn build && yarn cache clean\nRUN yarn global add serve || true\n',
    },
    {
      name: 'ONBUILD triggers are reported without a fix',
      code: 'FROM debian:12-slim\nONBUILD RUN apt-get update && apt-get install -y curl\n',
      errors: [{ message: apt(), line: 2, column: 13, codes: ['DL3009'] }],
    },
    {
      name: 'heredoc and stage chains',
      code: 'FROM debian:12-slim AS base\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\nFROM base\nCMD ["curl", "--version"]\n',
      errors: [{ message: apt(), line: 4, column: 1, codes: ['DL3009'] }],
      output: 'FROM debian:12-slim AS base\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/*\nEOF\nFROM base\nCMD ["curl", "--version"]\n',
    },
    {
      name: 'lowercase, escape directive and CRLF',
      code: '# escape=`\r\nfrom debian:12-slim\r\nrun apt-get update && `\r\n    apt-get install -y curl\r\n',
      errors: [{ message: apt(), line: 3, column: 5, codes: ['DL3009'] }],
      output: '# escape=`\r\nfrom debian:12-slim\r\nrun apt-get update && `\r\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'a builder named as the target ships',
      code: 'FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n',
      targets: ['build'],
      errors: [{ message: apt(), line: 2, column: 5, codes: ['DL3009'] }],
      output: 'FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n',
    },
  ],
});
