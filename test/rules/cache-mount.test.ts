import rule from '../../rules/cache-mount.js';
import { runRuleTests } from '../rule-tester.js';

const PIP = /^`pip install` downloads packages again on every build: no cache mount covers the pip cache \(\/root\/\.cache\/pip\)\./;

runRuleTests(rule, {
  valid: [
    { name: 'pip with a cache mount', code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n' },
    { name: 'npm as node user with the right mount', code: 'FROM node:22\nUSER node\nWORKDIR /app\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n' },
    { name: 'relative mount target resolves against WORKDIR', code: 'FROM python:3.12\nENV PIP_CACHE_DIR=/app/.pipcache\nWORKDIR /app\nRUN --mount=type=cache,target=.pipcache pip install flask\n' },
    { name: 'ENV inherited through FROM <stage>', code: 'FROM golang:1.23 AS base\nENV GOMODCACHE=/cache/mod GOCACHE=/cache/build\nFROM base\nRUN --mount=type=cache,target=/cache go build ./...\n' },
    { name: 'apt with both mounts, docker-clean removed earlier', code: 'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n' },
    { name: 'apt-get update alone', code: 'FROM debian:12\nRUN apt-get update\n' },
    { name: 'pip install of nothing', code: 'FROM python:3.12\nRUN pip install\n' },
    { name: '--network=none', code: 'FROM node:22\nRUN --network=none npm ci --offline\n' },
    { name: 'exec form of a program that is not a package manager', code: 'FROM alpine:3.20\nRUN ["echo", "npm", "ci"]\n' },
    { name: 'PowerShell shell', code: 'FROM mcr.microsoft.com/powershell:latest\nSHELL ["pwsh", "-Command"]\nRUN npm ci\n' },
    { name: 'Windows image', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dotnet restore\n' },
    { name: 'cache turned off image-wide by ENV', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n' },
    { name: 'unknown home of a numeric user is left alone', code: 'FROM python:3.12\nUSER 1001\nRUN pip install --user flask\n' },
    { name: 'mount target from a variable', code: 'FROM node:22\nARG CACHE=/root/.npm\nRUN --mount=type=cache,target=${UNKNOWN} npm ci\n' },
    { name: 'yarn v1 as root', code: 'FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n' },
  ],
  invalid: [
    {
      name: 'pip --no-cache-dir: mount added, flag dropped',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n',
      errors: [{ message: '`pip install` downloads packages again on every build: no cache mount covers the pip cache (/root/.cache/pip). Add --mount=type=cache,target=/root/.cache/pip to the RUN so rebuilds reuse the downloads without putting them in the image. --no-cache-dir would then defeat the mount, so drop it: the cache stays out of the image either way.', line: 2, column: 5, endLine: 2, endColumn: 51 }],
      output: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    },
    {
      name: 'apt: one finding, unsafe fix with docker-clean and both dirs',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ message: /^`apt-get install` downloads packages .* \(\/var\/cache\/apt\)\. Add --mount=type=cache,target=\/var\/cache\/apt,sharing=locked .* also remove \/etc\/apt\/apt\.conf\.d\/docker-clean, which empties the apt cache after every install\.$/, line: 2, column: 23 }],
      unsafeOutput: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean; apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'USER node: cache in /home/node with uid',
      code: 'FROM node:22\nUSER node\nWORKDIR /app\nRUN npm ci\n',
      errors: [{ message: /no cache mount covers the npm cache \(\/home\/node\/\.npm\)\. Add --mount=type=cache,target=\/home\/node\/\.npm,uid=1000,gid=1000 to the RUN/, line: 4, column: 5 }],
      output: 'FROM node:22\nUSER node\nWORKDIR /app\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci\n',
    },
    {
      name: 'a mount elsewhere does not count; wrong-user mount is kept for the other rule',
      code: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/root/.npm npm ci && npm cache clean --force\n',
      errors: [{ message: /covers the npm cache \(\/home\/node\/\.npm\)/, line: 3, column: 42 }],
      output: 'FROM node:22\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 --mount=type=cache,target=/root/.npm npm ci\n',
    },
    {
      name: 'multi-stage Go: module and build caches, GOPATH of the golang image',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
      errors: [
        { message: /^`go mod download` .* the Go module cache \(\/go\/pkg\/mod\)/, line: 3, column: 5 },
        { message: /^`go build` .* the Go module cache \(\/go\/pkg\/mod\)/, line: 4, column: 5 },
        { message: /^`go build` .* the Go build cache \(\/root\/\.cache\/go-build\)/, line: 4, column: 5 },
      ],
      output: 'FROM golang:1.23 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'heredoc RUN with apt',
      code: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
      errors: [{ message: /^`apt-get install`/, line: 5, column: 1 }],
      unsafeOutput: 'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked <<EOF\nrm -f /etc/apt/apt.conf.d/docker-clean\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
    },
    {
      name: 'exec form keeps exec form',
      code: 'FROM python:3.12\nRUN ["pip", "install", "--no-cache-dir", "flask"]\n',
      errors: [{ message: PIP, line: 2, column: 6 }],
      output: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip ["pip", "install", "flask"]\n',
    },
    {
      name: 'exec form apt: reported without a fix',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ message: /^`apt-get install`/, line: 2, column: 6 }],
    },
    {
      name: 'ONBUILD RUN uses the state at the end of the stage',
      code: 'FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\nENV PIP_CACHE_DIR=/cache/pip\n',
      errors: [{ message: /covers the pip cache \(\/cache\/pip\)/, line: 2, column: 13 }],
      output: 'FROM python:3.12\nONBUILD RUN --mount=type=cache,target=/cache/pip pip install -r requirements.txt\nENV PIP_CACHE_DIR=/cache/pip\n',
    },
    {
      name: 'CRLF with a flag alone on a continuation line',
      code: 'FROM python:3.12\r\nRUN pip install \\\r\n    --no-cache-dir \\\r\n    -r requirements.txt\r\n',
      errors: [{ message: PIP, line: 2, column: 5, endLine: 4, endColumn: 24 }],
      output: 'FROM python:3.12\r\nRUN --mount=type=cache,target=/root/.cache/pip pip install \\\r\n    -r requirements.txt\r\n',
    },
    {
      name: 'apk --no-cache becomes --update-cache',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [{ message: /^`apk add` .* --no-cache would then defeat the mount/, line: 2, column: 5 }],
      unsafeOutput: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache curl\n',
    },
    {
      name: 'ENV from the parent stage and rm of the cache parent (unsafe)',
      code: 'FROM python:3.12 AS base\nENV XDG_CACHE_HOME=/var/cache/app\nFROM base\nRUN pip install flask && rm -rf /var/cache/app\n',
      errors: [{ message: /covers the pip cache \(\/var\/cache\/app\/pip\)/, line: 4, column: 5 }],
      unsafeOutput: 'FROM python:3.12 AS base\nENV XDG_CACHE_HOME=/var/cache/app\nFROM base\nRUN --mount=type=cache,target=/var/cache/app/pip pip install flask\n',
    },
    {
      name: 'user created with a home and uid',
      code: 'FROM python:3.12\nRUN useradd -u 1500 -d /srv/app app\nUSER app\nRUN pip install --user flask\n',
      errors: [{ message: /\(\/srv\/app\/\.cache\/pip\)\. Add --mount=type=cache,target=\/srv\/app\/\.cache\/pip,uid=1500 to the RUN/, line: 4, column: 5 }],
      output: 'FROM python:3.12\nRUN useradd -u 1500 -d /srv/app app\nUSER app\nRUN --mount=type=cache,target=/srv/app/.cache/pip,uid=1500 pip install --user flask\n',
    },
    {
      name: 'non-root user with unknown uid: no fix',
      code: 'FROM python:3.12\nRUN useradd app\nUSER app\nRUN pip install --user flask\n',
      errors: [{ message: /Add --mount=type=cache,target=\/home\/app\/\.cache\/pip,uid=<uid of the user> to the RUN/, line: 4, column: 5 }],
    },
    {
      name: 'two tools in one RUN: two findings',
      code: 'FROM node:22\nRUN npm ci && pip install flask\n',
      errors: [
        { message: /^`npm ci`/, line: 2, column: 5 },
        { message: /^`pip install`/, line: 2, column: 15 },
      ],
      output: 'FROM node:22\nRUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/root/.npm npm ci && pip install flask\n',
    },
  ],
});
