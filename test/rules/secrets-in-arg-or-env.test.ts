import rule from '../../rules/secrets-in-arg-or-env.js';
import { runRuleTests } from '../rule-tester.js';

const ARG_HISTORY = 'build arguments are recorded in the image history of the RUNs that use them';
const ENV_CONFIG = 'ENV values are stored in the image config for anyone who pulls the image';
const argName = (name: string) => `ARG ${name} is named like a secret, and ${ARG_HISTORY}: pass it with RUN --mount=type=secret (docker build --secret) instead.`;
const envName = (name: string) =>
  `ENV ${name} is named like a secret, and ${ENV_CONFIG}: pass it with RUN --mount=type=secret (docker build --secret) at build time, or set it when the container runs.`;
const value = (keyword: 'ARG' | 'ENV', name: string, what: string) =>
  `${keyword} ${name} holds ${what} in plain text, and ${keyword === 'ARG' ? ARG_HISTORY : ENV_CONFIG}: revoke it and pass it with RUN --mount=type=secret (docker build --secret) instead.`;

const GITHUB_TOKEN = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n',
    { name: 'GPG key fingerprints are public', code: 'FROM python:3.12-slim\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\nENV WORDPRESS_CLI_GPG_KEY=63AF7AA15067C05616FDDD88A3A2E8F226F0BC06\n' },
    {
      name: 'names that hold a path, a URL or a setting',
      code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg \\\n    AUTH_METHOD=scram-sha-256\nARG TOKEN_URL=https://auth.example.com/token\nARG SECRETS_DIR\nENV SSH_AUTH_SOCK=/ssh-agent\n',
    },
    { name: 'public and placeholder keys', code: 'FROM node:22-slim\nARG NEXT_PUBLIC_STRIPE_KEY\nARG STRIPE_PUBLISHABLE_KEY\nARG RECAPTCHA_SITE_KEY\nENV SECRET_KEY_BASE_DUMMY=1\n' },
    { name: 'flag and path values', code: 'FROM ruby:3.3-slim\nENV SECRET_KEY_BASE=1 \\\n    DB_PASSWORD=/run/secrets/db_password\nENV APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE=DontWarn\n' },
    { name: 'well-known path variables', code: 'FROM google/cloud-sdk:slim\nARG GOOGLE_APPLICATION_CREDENTIALS\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json\n' },
    { name: 'words that only contain a secret word', code: 'FROM python:3.12-slim\nENV TOKENIZERS_PARALLELISM=false AUTHOR=jane KEYBOARD=us PASSTHROUGH=1\n' },
    { name: 'an empty ENV holds nothing', code: 'FROM node:22-slim\nENV API_TOKEN=\n' },
    { name: 'the AWS documentation example key', code: 'FROM amazon/aws-cli:2.17.0\nENV SAMPLE_ACCESS_ID=AKIAIOSFODNN7EXAMPLE\n' },
    { name: 'LABEL is not checked', code: 'FROM node:22-slim\nLABEL org.example.password-policy="strong"\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/acme/private.git\n',
      errors: [{ message: argName('GITHUB_TOKEN'), line: 2, column: 5, endColumn: 17 }],
    },
    {
      name: 'several keys on one ENV line',
      code: 'FROM postgres:16\nENV POSTGRES_USER=app POSTGRES_PASSWORD=changeme\n',
      errors: [{ message: envName('POSTGRES_PASSWORD'), line: 2, column: 23, endColumn: 40 }],
    },
    {
      name: 'legacy ENV form, lowercase instruction',
      code: 'from python:3.12-slim\nenv DJANGO_SECRET_KEY insecure-dev-key\n',
      errors: [{ message: envName('DJANGO_SECRET_KEY'), line: 2, column: 5 }],
    },
    {
      name: 'an ARG copied into ENV is reported twice: both keep the value',
      code: 'FROM node:22-slim AS build\nARG SENTRY_AUTH_TOKEN\nENV SENTRY_AUTH_TOKEN=$SENTRY_AUTH_TOKEN\nRUN npm run build\n',
      errors: [
        { message: argName('SENTRY_AUTH_TOKEN'), line: 2, column: 5 },
        { message: envName('SENTRY_AUTH_TOKEN'), line: 3, column: 5 },
      ],
    },
    {
      name: 'global ARG with an empty default, camelCase and plural names',
      code: 'ARG HF_TOKEN=""\nFROM python:3.12-slim\nARG npmAuthToken\nARG API_KEYS\n',
      errors: [
        { message: argName('HF_TOKEN'), line: 1, column: 5 },
        { message: argName('npmAuthToken'), line: 3, column: 5 },
        { message: argName('API_KEYS'), line: 4, column: 5 },
      ],
    },
    {
      name: 'a file word that is not the last, or a GPG passphrase, does not excuse the name',
      code: 'FROM alpine:3.20\nARG FILE_ENCRYPTION_KEY\nARG GPG_PASSPHRASE\n',
      errors: [
        { message: argName('FILE_ENCRYPTION_KEY'), line: 2, column: 5 },
        { message: argName('GPG_PASSPHRASE'), line: 3, column: 5 },
      ],
    },
    {
      name: 'a GitHub token under an innocent name',
      code: `FROM alpine:3.20\nENV GIT_CLONE_OPTS=${GITHUB_TOKEN}\n`,
      errors: [{ message: value('ENV', 'GIT_CLONE_OPTS', 'a GitHub token'), line: 2, column: 20, endColumn: 60 }],
    },
    {
      name: 'an AWS key ID as an ARG default, over a continuation',
      code: 'FROM amazon/aws-cli:2.17.0\nARG AWS_REGION=eu-west-1 \\\n    AWS_ACCESS_KEY_ID=AKIAZ7Q3XJ2LTRN5VW4K\n',
      errors: [{ message: value('ARG', 'AWS_ACCESS_KEY_ID', 'an AWS access key ID'), line: 3, column: 23 }],
    },
    {
      name: 'a private key and a Slack webhook',
      code: 'FROM alpine:3.20\nENV BOOTSTRAP="-----BEGIN OPENSSH PRIVATE KEY-----b3BlbnNzaC1rZXktdjEAAAAA"\nENV NOTIFY_HOOK https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdEFGHijklMNOPqrstUVWX\n',
      errors: [
        { message: value('ENV', 'BOOTSTRAP', 'a private key'), line: 2, column: 15 },
        { message: value('ENV', 'NOTIFY_HOOK', 'a Slack token'), line: 3, column: 17 },
      ],
    },
    {
      name: 'ONBUILD triggers and escape directive',
      code: '# escape=`\nFROM node:22-slim AS base\nONBUILD ARG NPM_TOKEN\nONBUILD RUN npm ci\n',
      errors: [{ message: argName('NPM_TOKEN'), line: 3, column: 13 }],
    },
  ],
});
