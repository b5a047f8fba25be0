import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { packageCommands } from '../../src/knowledge/package-managers.js';
import { accountOf, cacheClearing, cacheContextAt, cacheDisablers, cacheFamilies, covers, emptiesMount, keptPathKind } from '../../src/knowledge/caches.js';
import { createdUser } from '../../src/knowledge/users.js';

/** The cache dirs (fix targets) of the package commands of the last RUN of a Dockerfile. */
function dirsOf(dockerfile: string): string[] {
  const model = parseDockerfile(dockerfile, 'Dockerfile');
  const run = [...model.instructions].reverse().find((instruction) => instruction.keyword === 'RUN')!;
  const context = cacheContextAt(model, run)!;
  return packageCommands(run.run!.commands).flatMap((command) => cacheFamilies(command, context).flatMap((family) => family.dirs.map((entry) => `${family.id}:${entry.path}`)));
}

describe('cache locations', () => {
  it.each([
    ['FROM python:3.12\nRUN pip install flask\n', ['pip:/root/.cache/pip']],
    ['FROM python:3.12\nUSER app\nRUN pip install flask\n', ['pip:/home/app/.cache/pip']],
    ['FROM python:3.12\nENV PIP_CACHE_DIR=/c/pip\nRUN pip install flask\n', ['pip:/c/pip']],
    ['FROM python:3.12\nRUN PIP_CACHE_DIR=/x pip install flask\n', ['pip:/x']],
    ['FROM python:3.12\nRUN pip install --cache-dir=/y flask\n', ['pip:/y']],
    ['FROM python:3.12\nENV XDG_CACHE_HOME=/xdg\nRUN uv sync\n', ['uv:/xdg/uv']],
    ['FROM node:22\nUSER node\nRUN npm ci\n', ['npm:/home/node/.npm']],
    ['FROM node:22\nENV npm_config_cache=/npm\nRUN npm ci\n', ['npm:/npm']],
    ['FROM node:22\nRUN yarn install\n', ['yarn:/usr/local/share/.cache/yarn']],
    ['FROM node:22\nUSER node\nRUN yarn install\n', ['yarn:/home/node/.cache/yarn']],
    ['FROM node:22\nRUN corepack enable && yarn install --immutable\n', ['yarn:/root/.yarn/berry/cache']],
    ['FROM node:22\nENV PNPM_HOME=/pnpm\nRUN pnpm install\n', ['pnpm:/pnpm/store']],
    ['FROM golang:1.23\nRUN go build ./...\n', ['go-mod:/go/pkg/mod', 'go-build:/root/.cache/go-build']],
    ['FROM debian:12\nENV GOPATH=/gp GOCACHE=/gc\nRUN go build -mod=vendor .\n', ['go-build:/gc']],
    ['FROM rust:1.80\nRUN cargo build\n', ['cargo:/usr/local/cargo/registry', 'cargo:/usr/local/cargo/git']],
    ['FROM maven:3\nRUN mvn package\n', ['maven:/root/.m2/repository']],
    ['FROM gradle:8\nENV GRADLE_USER_HOME=/g\nRUN gradle build\n', ['gradle:/g/caches']],
    ['FROM ruby:3.3\nRUN bundle install\n', ['gem:/usr/local/bundle/cache']],
    ['FROM composer:2\nRUN composer install\n', ['composer:/tmp/cache']],
    ['FROM mcr.microsoft.com/dotnet/sdk:8.0\nENV NUGET_PACKAGES=/nuget\nRUN dotnet restore\n', ['nuget:/nuget']],
    ['FROM debian:12\nRUN apt-get install -y git\n', ['apt:/var/cache/apt', 'apt:/var/lib/apt']],
    ['FROM alpine:3.20\nRUN apk add git\n', ['apk:/etc/apk/cache']],
    ['FROM fedora:40\nRUN dnf install -y git\n', ['dnf:/var/cache/dnf']],
    ['FROM python:3.12\nUSER 1001\nRUN pip install flask\n', []],
    ['FROM python:3.12\nENV PIP_CACHE_DIR=$OTHER\nRUN pip install flask\n', []],
    ['FROM python:3.12\nRUN useradd -u 1500 --home-dir /srv/app app\nUSER 1500\nRUN pip install flask\n', ['pip:/srv/app/.cache/pip']],
    ['FROM python:3.12 AS base\nUSER app\nFROM base\nRUN pip install flask\n', ['pip:/home/app/.cache/pip']],
    ['FROM python:3.12\nENV HOME=/h\nUSER app\nRUN pip install flask\n', ['pip:/h/.cache/pip']],
  ])('%j', (dockerfile, expected) => {
    expect(dirsOf(dockerfile)).toEqual(expected);
  });
});

describe('accounts', () => {
  it('knows root, node, numeric and created users', () => {
    expect(accountOf(undefined, [])).toEqual({ home: '/root', uid: '0', gid: '0' });
    expect(accountOf(undefined, [], true).home).toBeUndefined();
    expect(accountOf('node', [])).toEqual({ home: '/home/node', uid: '1000', gid: '1000' });
    expect(accountOf('1001:1001', [])).toEqual({ home: undefined, uid: '1001', gid: '1001' });
    expect(accountOf('app', [{ name: 'app', uid: '42', home: '/opt/app' }])).toEqual({ home: '/opt/app', uid: '42', gid: undefined });
  });
  it('reads useradd and adduser', () => {
    const command = (text: string) => parseDockerfile(`FROM x\nRUN ${text}\n`, 'Dockerfile').instructions[1].run!.commands[0];
    expect(createdUser(command('useradd -r -u 999 -d /srv svc'))).toEqual({ name: 'svc', uid: '999', home: '/srv' });
    expect(createdUser(command('adduser --system --uid=100 svc'))).toEqual({ name: 'svc', uid: '100', home: '/nonexistent' });
    expect(createdUser(command('adduser -S -h /data svc'))).toEqual({ name: 'svc', uid: undefined, home: '/data' });
    expect(createdUser(command('groupadd svc'))).toBeUndefined();
  });
});

describe('mount paths', () => {
  it('covers', () => {
    expect(covers('/root/.cache', '/root/.cache/pip')).toBe(true);
    expect(covers('/root/.cache/', '/root/.cache/pip')).toBe(true);
    expect(covers('/root/.cache/pip', '/root/.cache')).toBe(false);
    expect(covers('/root/.c', '/root/.cache')).toBe(false);
  });
  it('emptiesMount', () => {
    expect(emptiesMount('/root/.cache', '/root/.cache/pip')).toBe(true);
    expect(emptiesMount('/var/lib/apt/lists', '/var/lib/apt', ['/var/lib/apt/lists'])).toBe(true);
    expect(emptiesMount('/go/pkg/mod/cache/x', '/go/pkg/mod')).toBe(false);
  });
  it('keptPathKind', () => {
    const env = new Map([['VIRTUAL_ENV', '/env']]);
    expect(keptPathKind('/app/node_modules', '/app', env)).toMatch(/node_modules/);
    expect(keptPathKind('/env', '/app', env)).toMatch(/virtualenv/);
    expect(keptPathKind('/usr/local/lib/python3.12/site-packages', '/app', env)).toMatch(/site-packages/);
    expect(keptPathKind('/app', '/app/src', env)).toMatch(/holding the WORKDIR/);
    expect(keptPathKind('/root/.npm', '/app', env)).toBeUndefined();
    expect(keptPathKind('/app/node_modules/.cache', '/app', env)).toBeUndefined();
  });
});

describe('disablers and clearing', () => {
  const commandsOf = (text: string) => parseDockerfile(`FROM x\nRUN ${text}\n`, 'Dockerfile').instructions[1].run!.commands;
  it('finds flags and variables that turn a cache off', () => {
    const [pip] = packageCommands(commandsOf('PIP_NO_CACHE_DIR=1 pip install --no-cache-dir flask'));
    expect(cacheDisablers(pip, new Map()).map((d) => [d.what, d.inline])).toEqual([['--no-cache-dir', false], ['PIP_NO_CACHE_DIR', true]]);
    const [uv] = packageCommands(commandsOf('uv sync'));
    expect(cacheDisablers(uv, new Map([['UV_NO_CACHE', 'true']])).map((d) => d.what)).toEqual(['UV_NO_CACHE']);
    expect(cacheDisablers(uv, new Map([['UV_NO_CACHE', '0']]))).toEqual([]);
  });
  it('finds commands that empty a cache', () => {
    const [clean, rm, lock] = commandsOf('npm cache clean --force && rm -rf ~/.cache/* /tmp/x && rm -f ./.git/*.lock');
    expect(cacheClearing(clean, '/root', '/')?.families).toEqual(['npm']);
    expect(cacheClearing(rm, '/root', '/')?.paths.map((p) => p.path)).toEqual(['/root/.cache', '/tmp/x']);
    expect(cacheClearing(lock, '/root', '/app')?.paths ?? []).toEqual([]);
  });
});
