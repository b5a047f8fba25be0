import rule from '../../rules/context-secrets.js';
import { runRuleTests } from '../rule-tester.js';
import { buildContext } from '../helpers/build-context.js';
import type { BuildContextInfo } from '../../src/types.js';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----\n';
const HEADS: Record<string, string> = {
  '.env': 'DATABASE_URL=postgres://u:p@db/app\n',
  '.env.local': 'API_KEY=abc\n',
  '.env.empty': 'API_KEY=\n',
  '.npmrc': '//registry.npmjs.org/:_authToken=npm_abcdef\n',
  'registry/.npmrc': 'registry=https://registry.example.com/\n',
  'certs/server.key': KEY,
  'certs/server.pem': CERT,
  'key.pem': KEY,
};

/** A context whose sniffed heads come from HEADS. */
function context(ignoreText: string | undefined, paths: readonly string[], ignoreName?: string): BuildContextInfo {
  const info = buildContext(ignoreText, paths, ignoreName);
  const heads = new Map(paths.map((path) => path.split('=')[0]).filter((path) => path in HEADS).map((path) => [path, HEADS[path]] as const));
  return { ...info, scan: { ...info.scan, heads } };
}

const APP = ['package.json', 'src/index.ts', 'README.md'];

runRuleTests(rule, {
  valid: [
    { name: 'no build context known', code: 'FROM node:22\nCOPY . .\n' },
    { name: 'no secrets in the context', code: 'FROM node:22\nCOPY . .\n', buildContext: context(undefined, APP) },
    { name: 'the ignore file leaves the secrets out', code: 'FROM node:22\nCOPY . .\n', buildContext: context('.env\n*.key\n**/*.key\n', [...APP, '.env', 'certs/server.key']) },
    { name: 'templates, empty env files, certificates and registry-only .npmrc are no secrets', code: 'FROM node:22\nCOPY . .\n', buildContext: context(undefined, [...APP, '.env.example', '.env.empty', 'certs/server.pem', 'registry/.npmrc']) },
    { name: 'a COPY that names the secret wants it', code: 'FROM node:22\nCOPY .npmrc /root/.npmrc\nRUN npm ci\n', buildContext: context(undefined, [...APP, '.npmrc']) },
    { name: 'exec-form COPY naming the file', code: 'FROM node:22\nCOPY [".env", "/app/.env"]\n', buildContext: context('', [...APP, '.env']) },
    { name: 'a wildcard source that names it', code: 'FROM nginx:1.27\nCOPY *.pem /etc/nginx/certs/\n', buildContext: context('', [...APP, 'key.pem']) },
    { name: 'a negated ignore file keeps only the app', code: 'FROM node:22\nCOPY . .\n', buildContext: context('*\n!src\n!package.json\n', [...APP, '.env', '.git/config']) },
  ],
  invalid: [
    {
      name: '.env copied by COPY . .',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.env'] }],
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
      buildContext: context('node_modules\n', [...APP, '.env', 'node_modules/x/index.js']),
      errors: [{
        message: '1 file that looks like a secret is sent in the build context: .env (env-file); this COPY copies it into the image. Add these lines to .dockerignore: .env.',
        line: 3, column: 1, endLine: 3, endColumn: 9,
      }],
    },
    {
      name: 'no ignore file and no COPY: reported on FROM',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.git-credentials', 'certs/server.key'] }],
      code: 'FROM alpine:3.20\nRUN echo hi\n',
      buildContext: context(undefined, [...APP, 'certs/server.key', '.git-credentials']),
      errors: [{
        message: '2 files that look like secrets are sent in the build context: .git-credentials (git-credentials), certs/server.key (private-key); the builder receives them even though no COPY uses them. Create a .dockerignore at the root of the build context with these lines: .git-credentials, certs/server.key.',
        line: 1, column: 1, endLine: 1, endColumn: 17,
      }],
    },
    {
      name: 'multi-stage: the broad COPY of the second stage',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.npmrc'] }],
      code: 'FROM node:22 AS build\nCOPY package.json ./\nRUN npm ci\nFROM node:22-slim\nADD . /app\n',
      buildContext: context('', [...APP, '.npmrc']),
      errors: [{ message: /^1 file that looks like a secret is sent in the build context: \.npmrc \(npm-token\); this ADD copies it into the image\./, line: 5, column: 1 }],
    },
    {
      name: 'a directory source that holds the secret',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['config/.aws/credentials'] }],
      code: 'FROM python:3.12\nCOPY config /app/config\nCOPY src /app/src\n',
      buildContext: context('', [...APP, 'config/app.yaml', 'config/.aws/credentials']),
      errors: [{ message: /^1 file that looks like a secret is sent in the build context: config\/\.aws\/credentials \(aws-credentials\); this COPY copies it/, line: 2, column: 1 }],
    },
    {
      name: 'ONBUILD COPY . is the sender',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.env'] }],
      code: 'FROM node:22\nONBUILD COPY . /app\n',
      buildContext: context('', [...APP, '.env']),
      errors: [{ message: /: \.env \(env-file\); this COPY copies it into the image\./, line: 2, column: 9, endColumn: 20 }],
    },
    {
      name: 'exec-form COPY of the whole context',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.env.local'] }],
      code: 'FROM node:22\nCOPY ["./", "/app/"]\n',
      buildContext: context('', [...APP, '.env.local']),
      errors: [{ message: /: \.env\.local \(env-file\); this COPY copies it/, line: 2, column: 1, endColumn: 21 }],
    },
    {
      name: 'CRLF line endings',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['.env'] }],
      code: 'FROM node:22\r\nCOPY . .\r\n',
      buildContext: context('', [...APP, '.env']),
      errors: [{ message: /Add these lines to \.dockerignore: \.env\.$/, line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
    {
      name: 'more than five secrets',
      fileChanges: [{ path: '/ctx/.dockerignore', lines: ['a/id_rsa', 'b/id_rsa', 'c/id_rsa', 'd/id_rsa', 'e/id_rsa', 'f/id_rsa', 'g/id_rsa'] }],
      code: 'FROM node:22\nCOPY . .\n',
      buildContext: context(undefined, [...APP, 'a/id_rsa', 'b/id_rsa', 'c/id_rsa', 'd/id_rsa', 'e/id_rsa', 'f/id_rsa', 'g/id_rsa']),
      errors: [{
        message: '7 files that look like secrets are sent in the build context: a/id_rsa (ssh-private-key), b/id_rsa (ssh-private-key), c/id_rsa (ssh-private-key), d/id_rsa (ssh-private-key), e/id_rsa (ssh-private-key) (+2 more); this COPY copies them into the image. Create a .dockerignore at the root of the build context with these lines: a/id_rsa, b/id_rsa, c/id_rsa, d/id_rsa, e/id_rsa and the 2 more that `dockfix context` lists.',
        line: 2, column: 1,
      }],
    },
    {
      name: 'a Dockerfile-specific ignore file is named; a named secret is skipped, the other reported',
      fileChanges: [{ path: '/ctx/Dockerfile.dockerignore', lines: ['terraform.tfstate'] }],
      code: 'FROM node:22\nCOPY .npmrc ./\nCOPY . .\n',
      buildContext: context('node_modules\n', [...APP, '.npmrc', 'terraform.tfstate'], 'Dockerfile.dockerignore'),
      errors: [{ message: /: terraform\.tfstate \(terraform-state\); this COPY copies it into the image\. Add these lines to Dockerfile\.dockerignore: terraform\.tfstate\.$/, line: 3, column: 1 }],
    },
  ],
});
