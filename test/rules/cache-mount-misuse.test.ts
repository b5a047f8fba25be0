import rule from '../../rules/cache-mount-misuse.js';
import { runRuleTests } from '../rule-tester.js';

const DOCKER_CLEAN = /^The apt cache mount at \/var\/cache\/apt stays empty: Debian and Ubuntu images ship \/etc\/apt\/apt\.conf\.d\/docker-clean/;

runRuleTests(rule, {
  valid: [
    { name: 'pip cache mount', code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n' },
    { name: 'apt with docker-clean removed in the same RUN', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean; apt-get update && apt-get install -y curl\n' },
    { name: 'docker-clean removed in the parent stage', code: 'FROM ubuntu:24.04 AS base\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM base\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git\n' },
    { name: 'cargo target copied out in the same RUN', code: 'FROM rust:1.80 AS build\nWORKDIR /app\nRUN --mount=type=cache,target=/app/target cargo build --release && cp target/release/x /x\nFROM debian:12-slim\nCOPY --from=build /x /x\n' },
    { name: 'Next.js cache inside a copied directory', code: 'FROM node:22 AS build\nWORKDIR /app\nRUN --mount=type=cache,target=/app/.next/cache npm run build\nFROM node:22\nCOPY --from=build /app/.next /app/.next\n' },
    { name: 'node user with uid', code: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n' },
    { name: 'rm of lock files inside a cache', code: 'FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go mod download && rm -f /go/pkg/mod/cache/*.lock\n' },
    { name: 'apk mount without --no-cache', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add -U curl\n' },
    { name: 'exec form with a mount', code: 'FROM node:22\nRUN --mount=type=cache,target=/root/.npm ["npm", "ci"]\n' },
    { name: 'base image from a variable: docker-clean unknown', code: 'ARG BASE\nFROM ${BASE}\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git\n' },
    { name: 'bind mounts are not caches', code: 'FROM node:22\nWORKDIR /app\nRUN --mount=type=bind,target=/app/node_modules npm ci\n' },
  ],
  invalid: [
    {
      name: 'node_modules in a cache mount',
      code: 'FROM node:22\nWORKDIR /app\nRUN --mount=type=cache,target=/app/node_modules npm ci\n',
      errors: [{ message: 'The cache mount at /app/node_modules hides node_modules (the installed dependencies) from the image: what a RUN writes into a cache mount is never saved in the image, so it is missing at run time. Mount only the package manager\'s download cache, or drop this mount.', line: 3, column: 5, endColumn: 48 }],
    },
    {
      name: 'relative target resolves to the WORKDIR',
      code: 'FROM python:3.12\nWORKDIR /srv\nRUN --mount=type=cache,target=. pip install -r requirements.txt\n',
      errors: [{ message: /^The cache mount at \/srv hides the WORKDIR from the image/, line: 3, column: 5 }],
    },
    {
      name: 'build output copied by a later stage',
      code: 'FROM node:22 AS build\nWORKDIR /app\nRUN --mount=type=cache,target=/app/dist npm run build\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
      errors: [{ message: 'The cache mount at /app/dist holds /app/dist, which line 5 copies from this stage: what a RUN writes into a cache mount is never saved in the image, so that COPY finds nothing. Build outside the mount, or copy the output out of it in the same RUN.', line: 3, column: 5 }],
    },
    {
      name: 'cargo target copied from a stage built FROM the build stage',
      code: 'FROM rust:1.80 AS build\nWORKDIR /app\nRUN --mount=type=cache,target=/app/target cargo build --release\nFROM build AS test\nRUN true\nFROM debian:12-slim\nCOPY --from=test /app/target/release/x /x\n',
      errors: [{ message: /^The cache mount at \/app\/target holds \/app\/target\/release\/x, which line 7 copies/, line: 3, column: 5 }],
    },
    {
      name: '--no-cache-dir and rm of the cache parent, with continuation',
      code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir -r requirements.txt \\\n    && rm -rf /root/.cache\n',
      errors: [
        { message: '--no-cache-dir turns the pip cache off, so the cache mount at /root/.cache/pip stays empty and every build downloads again. Drop --no-cache-dir: the mount already keeps the cache out of the image.', line: 2, column: 60, endColumn: 74 },
        { message: '`rm` deletes a directory that holds the cache mount at /root/.cache/pip: it empties the cache, and rm fails on the mount point itself. Remove it: nothing in a cache mount ends up in the image anyway.', line: 3, column: 8 },
      ],
      unsafeOutput: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'apt clean and missing docker-clean removal',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl && apt-get clean\n',
      errors: [
        { message: DOCKER_CLEAN, line: 2, column: 5 },
        { message: /^`apt-get clean` empties the cache mount at \/var\/cache\/apt/, line: 2, column: 91 },
      ],
      unsafeOutput: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean; apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'heredoc apt without docker-clean removal, rm of lists',
      code: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
      errors: [
        { message: DOCKER_CLEAN, line: 2, column: 5 },
        { message: /^`rm` empties the cache mount at \/var\/lib\/apt/, line: 5, column: 1 },
      ],
      unsafeOutput: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt <<EOF\nrm -f /etc/apt/apt.conf.d/docker-clean\napt-get update\napt-get install -y curl\nEOF\n',
    },
    {
      name: 'wrong user: /root/.npm under USER node, npm cache clean',
      code: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/root/.npm npm ci && npm cache clean --force\n',
      errors: [{ message: 'The cache mount at /root/.npm is not where npm keeps its cache for user node: it uses /home/node/.npm, so the mount stays empty and every build downloads again. Mount /home/node/.npm instead.', line: 3, column: 5 }],
      unsafeOutput: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci\n',
    },
    {
      name: 'non-root user without uid, user inherited through FROM <stage>',
      code: 'FROM node:22 AS base\nUSER node\nFROM base\nRUN --mount=type=cache,target=/home/node/.npm npm ci\n',
      errors: [{ message: /^The cache mount at \/home\/node\/\.npm belongs to root, but npm runs as node here/, line: 4, column: 5 }],
      unsafeOutput: 'FROM node:22 AS base\nUSER node\nFROM base\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci\n',
    },
    {
      name: 'apk --no-cache with a mount',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add --no-cache curl\n',
      errors: [{ message: /^--no-cache turns the apk cache off/, line: 2, column: 54 }],
      unsafeOutput: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add --update-cache curl\n',
    },
    {
      name: 'exec form --no-cache-dir',
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip ["pip", "install", "--no-cache-dir", "flask"]\n',
      errors: [{ message: /^--no-cache-dir turns the pip cache off/, line: 2, column: 67 }],
      unsafeOutput: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip ["pip", "install", "flask"]\n',
    },
    {
      name: 'UV_NO_CACHE from ENV: no fix',
      code: 'FROM python:3.12\nENV UV_NO_CACHE=1\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n',
      errors: [{ message: 'UV_NO_CACHE turns the uv cache off, so the cache mount at /root/.cache/uv stays empty and every build downloads again. Unset UV_NO_CACHE for this RUN (or drop the mount).', line: 3, column: 5 }],
    },
    {
      name: 'ONBUILD trigger with an inline PIP_NO_CACHE_DIR',
      code: 'FROM python:3.12\nONBUILD RUN --mount=type=cache,target=/root/.cache/pip PIP_NO_CACHE_DIR=1 pip install -r requirements.txt\n',
      errors: [{ message: /^PIP_NO_CACHE_DIR turns the pip cache off/, line: 2, column: 56 }],
      unsafeOutput: 'FROM python:3.12\nONBUILD RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'CRLF: yarn cache clean removed with its joiner',
      code: 'FROM node:22\r\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install \\\r\n    && yarn cache clean\r\n',
      errors: [{ message: /^`yarn cache clean` empties the cache mount at \/usr\/local\/share\/\.cache\/yarn/, line: 3, column: 8 }],
      unsafeOutput: 'FROM node:22\r\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\r\n',
    },
  ],
});
