import rule from '../../rules/layer-order.js';
import { runRuleTests } from '../rule-tester.js';

const NPM_CI = (copy: string, line: number) =>
  `npm ci runs after "${copy}" (line ${line}), so any change to the sources re-runs it and re-downloads every package: copy package.json and package-lock.json first, install, then copy the rest.`;
const NPM_COPY = 'COPY package.json package-lock.json* npm-shrinkwrap.json* ./';

runRuleTests(rule, {
  valid: [
    { name: 'manifests installed before the broad copy; the build after it is no install', code: 'FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'a second install after the broad copy, once deps are in (workspaces)', code: 'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm ci --offline && npm run build\n' },
    { name: 'go build after go mod download', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'cargo build after cargo chef cook', code: 'FROM rust:1 AS chef\nRUN cargo install cargo-chef\nWORKDIR /app\nFROM chef AS builder\nCOPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n' },
    { name: 'COPY --from is not a copy of the build context', code: 'FROM node:22 AS src\nFROM node:22\nWORKDIR /app\nCOPY --from=src /src /app\nRUN npm ci\n' },
    { name: 'a source directory next to a manifest copied on its own', code: 'FROM node:22\nWORKDIR /app\nCOPY src/ /app/\nCOPY package.json package-lock.json /app/\nRUN npm ci\n' },
    { name: 'a broad copy in a stage the install does not build on', code: 'FROM node:22 AS lint\nWORKDIR /app\nCOPY . .\nFROM node:22\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\n' },
    { name: 'an install in a directory the copy does not reach', code: 'FROM python:3.12\nCOPY . /srv/site\nWORKDIR /opt/tools\nRUN pip install -r requirements.txt\n' },
    { name: 'a build with a cache mount downloads nothing again', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app .\n' },
    { name: 'the classic ONBUILD order', code: 'FROM node:22\nWORKDIR /usr/src/app\nONBUILD COPY package.json /usr/src/app/\nONBUILD RUN npm install\nONBUILD COPY . /usr/src/app\n' },
    { name: 'the manifest is made in the image', code: 'FROM golang:1.23\nWORKDIR /app\nRUN go mod init example.com/app\nCOPY * ./\nRUN go build -o /bin/app\n' },
    { name: 'pip install --no-deps installs only the project', code: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n' },
    { name: 'global tools and OS packages are not project dependencies', code: 'FROM node:22\nCOPY . /app\nRUN npm install -g pm2 && apt-get update && apt-get install -y curl\n' },
    { name: 'a directory of requirement files is not the sources', code: 'FROM python:3.12\nWORKDIR /code\nADD requirements ./requirements\nRUN pip install -r requirements/local.txt\n' },
    { name: 'COPY file /dir where /dir is the WORKDIR', code: 'FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt /app\nCOPY src/ /app\nRUN pip install -r requirements.txt\n' },
    { name: 'vendored Go modules', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -mod=vendor -o /app .\n' },
  ],
  invalid: [
    {
      name: 'npm ci after COPY . .: the install moves ahead',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 4, column: 5, endLine: 4, endColumn: 11 }],
      unsafeOutput: `FROM node:22\nWORKDIR /app\n${NPM_COPY}\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n`,
    },
    {
      name: 'an install and a build in one RUN: a copy of the install goes ahead',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 4, column: 5, endColumn: 11 }],
      unsafeOutput: `FROM node:22\nWORKDIR /app\n${NPM_COPY}\nRUN npm ci\nCOPY . .\nRUN npm ci && npm run build\n`,
    },
    {
      name: 'pip install -r with requirements in the sources',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=app:app . .\nRUN pip install --no-cache-dir -r requirements.txt\n',
      errors: [{ message: 'pip install runs after "COPY --chown=app:app . ." (line 3), so any change to the sources re-runs it and re-downloads every package: copy requirements.txt first, install, then copy the rest.', line: 4, column: 5 }],
      unsafeOutput: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=app:app requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY --chown=app:app . .\n',
    },
    {
      name: 'pip install . needs the sources: no fix',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install .\n',
      errors: [{ message: 'pip install runs after "COPY . ." (line 3), so any change to the sources re-runs it and re-downloads every package: install the dependencies from a requirements file or lockfile copied on its own first, then copy the rest and install the project.', line: 4, column: 5 }],
    },
    {
      name: 'poetry install: a --no-root install goes ahead, the original stays',
      code: 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nRUN poetry install --only main\n',
      errors: [{ message: /^poetry install runs after "COPY \. \/app" \(line 2\), .*: copy pyproject\.toml and poetry\.lock first, run poetry install --no-root, then copy the rest\.$/, line: 4, column: 5 }],
      unsafeOutput: 'FROM python:3.12\nCOPY pyproject.toml poetry.lock* /app/\nRUN cd /app && poetry install --only main --no-root\nCOPY . /app\nWORKDIR /app\nRUN poetry install --only main\n',
    },
    {
      name: 'go build with no download before, in a multi-stage build',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
      errors: [{ message: 'go build runs after "COPY . ." (line 3), so any change to the sources re-runs it and re-downloads every module: copy go.mod and go.sum first, run go mod download, then copy the rest.', line: 4, column: 5 }],
      unsafeOutput: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'an install in a stage built FROM a stage that copied the sources: no fix',
      code: 'FROM node:22 AS base\nWORKDIR /app\nCOPY . .\nFROM base AS deps\nRUN npm ci\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 5, column: 5 }],
    },
    {
      name: 'heredoc RUN',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN <<EOF\nset -e\nnpm ci\nEOF\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 6, column: 1, endColumn: 7 }],
      unsafeOutput: `FROM node:22\nWORKDIR /app\n${NPM_COPY}\nRUN <<EOF\nset -e\nnpm ci\nEOF\nCOPY . .\n`,
    },
    {
      name: 'exec-form RUN',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN ["npm", "ci"]\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 4, column: 6, endColumn: 17 }],
      unsafeOutput: `FROM node:22\nWORKDIR /app\n${NPM_COPY}\nRUN ["npm", "ci"]\nCOPY . .\n`,
    },
    {
      name: 'a directory copy, cd and a continuation',
      code: 'FROM node:22\nCOPY app /app\nRUN cd /app && \\\n    npm ci --omit=dev\n',
      errors: [{ message: NPM_CI('COPY app /app', 2), line: 4, column: 5, endLine: 4, endColumn: 22 }],
      unsafeOutput: 'FROM node:22\nCOPY app/package.json app/package-lock.json* app/npm-shrinkwrap.json* /app/\nRUN cd /app && \\\n    npm ci --omit=dev\nCOPY app /app\n',
    },
    {
      name: 'a WORKDIR between the copy and the install: the moved RUN changes directory',
      code: 'FROM node:22\nADD . /app\nWORKDIR /app\nRUN npm install\nCMD ["npm", "start"]\n',
      errors: [{ message: /^npm install runs after "ADD \. \/app" \(line 2\)/, line: 4, column: 5 }],
      unsafeOutput: 'FROM node:22\nCOPY package.json package-lock.json* npm-shrinkwrap.json* /app/\nRUN cd /app && npm install\nADD . /app\nWORKDIR /app\nCMD ["npm", "start"]\n',
    },
    {
      name: 'ONBUILD triggers in the wrong order',
      code: 'FROM node:22\nONBUILD COPY . /app\nONBUILD RUN cd /app && npm install\n',
      errors: [{ message: /^npm install runs after "COPY \. \/app" \(line 2\)/, line: 3, column: 24, endColumn: 35 }],
      unsafeOutput: 'FROM node:22\nONBUILD COPY package.json package-lock.json* npm-shrinkwrap.json* /app/\nONBUILD RUN cd /app && npm install\nONBUILD COPY . /app\n',
    },
    {
      name: 'keeps CRLF line endings',
      code: 'FROM node:22\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci\r\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 4, column: 5 }],
      unsafeOutput: `FROM node:22\r\nWORKDIR /app\r\n${NPM_COPY}\r\nRUN npm ci\r\nCOPY . .\r\n`,
    },
    {
      name: 'a cache mount saves the downloads, not the re-run',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
      errors: [{ message: 'npm ci runs after "COPY . ." (line 3), so any change to the sources re-runs it: copy package.json and package-lock.json first, install, then copy the rest.', line: 4, column: 42 }],
      unsafeOutput: `FROM node:22\nWORKDIR /app\n${NPM_COPY}\nRUN --mount=type=cache,target=/root/.npm npm ci\nCOPY . .\n`,
    },
    {
      name: 'composer: scripts and autoloader wait for the sources',
      code: 'FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n',
      errors: [{ message: /^composer install runs after "COPY \. \." \(line 3\).*copy composer\.json and composer\.lock first/, line: 4, column: 5 }],
      unsafeOutput: 'FROM composer:2\nWORKDIR /app\nCOPY composer.json composer.lock* ./\nRUN composer install --no-dev --no-scripts --no-autoloader\nCOPY . .\nRUN composer install --no-dev\n',
    },
    {
      name: 'an ENV between the copy and the install: no fix',
      code: 'FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nENV BUNDLE_WITHOUT=development\nRUN bundle install\n',
      errors: [{ message: /^bundle install runs after "COPY \. \." \(line 3\).*copy Gemfile and Gemfile\.lock first/, line: 5, column: 5 }],
    },
    {
      name: 'a conditional install: reported, no fix',
      code: 'FROM python:3.12\nCOPY . /app\nRUN if [ -f /app/requirements.txt ]; then pip install -r /app/requirements.txt; fi\n',
      errors: [{ message: /^pip install runs after "COPY \. \/app" \(line 2\)/, line: 3, column: 43 }],
    },
    {
      name: 'two installs in subshells: only the one whose directory is certain, and the RUN stays',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN (cd client && npm ci) && (cd server && npm ci)\n',
      errors: [{ message: NPM_CI('COPY . .', 3), line: 4, column: 19, endColumn: 25 }],
      unsafeOutput: 'FROM node:22\nWORKDIR /app\nCOPY client/package.json client/package-lock.json* client/npm-shrinkwrap.json* /app/client/\nRUN cd /app/client && npm ci\nCOPY . .\nRUN (cd client && npm ci) && (cd server && npm ci)\n',
    },
    {
      name: 'cargo build: reported, no fix',
      code: 'FROM rust:1\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n',
      errors: [{ message: 'cargo build runs after "COPY . ." (line 3), so any change to the sources re-runs it and re-downloads every crate: copy Cargo.toml and Cargo.lock first and build the dependencies alone (cargo-chef, or a stub src/main.rs), then copy the rest.', line: 4, column: 5 }],
    },
    {
      name: 'maven package: dependency:go-offline goes ahead',
      code: 'FROM maven:3-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\n',
      errors: [{ message: /^mvn package runs after "COPY \. \." \(line 3\).*every dependency: copy pom\.xml first, run mvn dependency:go-offline/, line: 4, column: 5 }],
      unsafeOutput: 'FROM maven:3-eclipse-temurin-21\nWORKDIR /app\nCOPY pom.xml ./\nRUN mvn -B dependency:go-offline\nCOPY . .\nRUN mvn -B package -DskipTests\n',
    },
  ],
});
