import rule from '../../rules/dockerignore-missing.js';
import { runRuleTests } from '../rule-tester.js';
import { buildContext } from '../helpers/build-context.js';
import type { BuildContextInfo } from '../../src/types.js';

const APP = ['package.json=1000', 'package-lock.json=9000', 'src/index.ts=2000'];
const GIT = ['.git/HEAD=23', '.git/objects/pack/p.pack=4000000'];
const MODULES = ['node_modules/react/index.js=2500000'];

function withHeads(info: BuildContextInfo, heads: Record<string, string>): BuildContextInfo {
  return { ...info, scan: { ...info.scan, heads: new Map(Object.entries(heads)) } };
}

runRuleTests(rule, {
  valid: [
    { name: 'no build context known', code: 'FROM node:22\nCOPY . .\n' },
    { name: 'an ignore file exists, even an empty one', code: 'FROM node:22\nCOPY . .\nRUN npm ci\n', buildContext: buildContext('', [...APP, ...GIT, ...MODULES]) },
    { name: 'nothing heavy or sensitive', code: 'FROM node:22\nCOPY . .\nRUN npm ci\n', buildContext: buildContext(undefined, APP) },
    { name: 'COPY . . without an install step relies on node_modules', code: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/src/index.js"]\n', buildContext: buildContext(undefined, [...APP, ...MODULES, 'dist/app.js=5000']) },
    { name: 'build output named by COPY', code: 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n', buildContext: buildContext(undefined, [...APP, 'dist/index.html']) },
    { name: 'exec-form COPY naming coverage', code: 'FROM nginx:1.27\nCOPY ["coverage", "/srv/coverage"]\n', buildContext: buildContext(undefined, ['coverage/index.html']) },
    { name: 'ONBUILD COPY names the build output, multi-stage', code: 'FROM node:22 AS base\nONBUILD COPY build /app\nFROM base\n', buildContext: buildContext(undefined, [...APP, 'build/app.js']) },
    { name: 'a secret that COPY names', code: 'FROM node:22\nCOPY .npmrc /root/.npmrc\n', buildContext: withHeads(buildContext(undefined, ['.npmrc']), { '.npmrc': '//r/:_authToken=abc\n' }) },
  ],
  invalid: [
    {
      name: 'Git history and node_modules with npm ci',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.git', '**/node_modules'] }],
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
      buildContext: buildContext(undefined, [...APP, ...GIT, ...MODULES]),
      errors: [{
        message: 'No .dockerignore: the whole build context is sent to the builder, including .git (Git history, 4.00 MB), node_modules (installed npm packages, 2.50 MB). Create a .dockerignore at the root of the build context with these lines: .git, **/node_modules.',
        line: 3, column: 1, endLine: 3, endColumn: 9,
      }],
    },
    {
      name: 'no COPY of the context: reported on the FROM of the first stage',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.git', 'target'] }],
      code: 'FROM golang:1.23 AS build\nCOPY go.mod ./\nFROM scratch\nCOPY --from=build /out/app /app\n',
      buildContext: buildContext(undefined, ['go.mod', 'main.go', ...GIT, 'target/x']),
      errors: [{
        message: 'No .dockerignore: the whole build context is sent to the builder, including .git (Git history, 4.00 MB), target (build output, 100 B). Create a .dockerignore at the root of the build context with these lines: .git, target.',
        line: 1, column: 1, endLine: 1, endColumn: 26,
      }],
    },
    {
      name: 'secrets are listed, a named one is not',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.env', 'deploy/id_ed25519'] }],
      code: 'FROM node:22\nCOPY .npmrc ./\nCOPY . .\n',
      buildContext: withHeads(buildContext(undefined, [...APP, '.npmrc', '.env', 'deploy/id_ed25519']), { '.npmrc': '//r/:_authToken=abc\n', '.env': 'TOKEN=x\n' }),
      errors: [{
        message: 'No .dockerignore: the whole build context is sent to the builder, including .env (possible secret: env-file), deploy/id_ed25519 (possible secret: ssh-private-key). Create a .dockerignore at the root of the build context with these lines: .env, deploy/id_ed25519.',
        line: 3, column: 1,
      }],
    },
    {
      name: 'nested node_modules and bytecode caches; exec-form COPY naming dist',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['**/node_modules', '**/__pycache__'] }],
      code: 'FROM node:22\nCOPY ["dist", "/app/dist"]\nCOPY ["./", "/app/"]\nRUN npm ci --omit=dev\n',
      buildContext: buildContext(undefined, [...APP, 'dist/app.js', 'packages/a/node_modules/x.js', 'tools/__pycache__/m.pyc']),
      errors: [{ message: /including node_modules \(installed npm packages, 100 B\), __pycache__ \(Python bytecode caches, 100 B\)\. Create a \.dockerignore at the root of the build context with these lines: \*\*\/node_modules, \*\*\/__pycache__\.$/, line: 3, column: 1, endColumn: 21 }],
    },
    {
      name: 'ONBUILD COPY . with pip install in a multi-stage file',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.venv', 'coverage'] }],
      code: 'FROM python:3.12 AS base\nONBUILD COPY . /app\nONBUILD RUN pip install -r /app/requirements.txt\nFROM base\n',
      buildContext: buildContext(undefined, ['requirements.txt', 'app.py', '.venv/lib/x.py', 'coverage/index.html']),
      errors: [{ message: /including \.venv \(Python virtual environment, 100 B\), coverage \(test coverage reports, 100 B\)\. .* lines: \.venv, coverage\.$/, line: 2, column: 9, endColumn: 20 }],
    },
    {
      name: 'node_modules that no COPY sends (no install step)',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['**/node_modules'] }],
      code: 'FROM node:22\nCOPY package.json /app/\n',
      buildContext: buildContext(undefined, [...APP, ...MODULES]),
      errors: [{ message: /including node_modules \(installed npm packages, 2\.50 MB\)\./, line: 1, column: 1 }],
    },
    {
      name: 'CRLF line endings',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.git', '.next'] }],
      code: 'FROM node:22\r\nCOPY . .\r\nRUN yarn install --frozen-lockfile\r\n',
      buildContext: buildContext(undefined, [...APP, ...GIT, '.next/cache/x']),
      errors: [{ message: /lines: \.git, \.next\.$/, line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
  ],
});
