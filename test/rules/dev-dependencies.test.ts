import rule from '../../rules/dev-dependencies.js';
import { runRuleTests } from '../rule-tester.js';

const NPM_CI = '`npm ci` in the final stage installs devDependencies into the shipped image: build, test and lint tools make it bigger and give an attacker more to work with, yet the app does not need them at run time; add --omit=dev (or set NODE_ENV=production) to install production dependencies only.';
const NPM_INSTALL = NPM_CI.replace('`npm ci`', '`npm install`');

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    { name: 'the builder installs dev dependencies, the final stage does not', code: 'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nFROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/main.js"]\n' },
    { name: 'NODE_ENV=production inherited through FROM <stage>', code: 'FROM node:22 AS base\nENV NODE_ENV=production\nFROM base\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n' },
    { name: 'inline NODE_ENV', code: 'FROM node:22\nRUN NODE_ENV=production npm ci\n' },
    { name: 'NODE_ENV exported earlier in the RUN', code: 'FROM node:22\nRUN export NODE_ENV=production && yarn install --frozen-lockfile\n' },
    { name: 'inline npm_config_production', code: 'FROM node:22\nRUN npm_config_production=true npm install\n' },
    { name: 'NPM_CONFIG_OMIT in ENV', code: 'FROM node:22\nENV NPM_CONFIG_OMIT=dev\nRUN npm ci\n' },
    { name: 'build, then npm prune --omit=dev in a later RUN', code: 'FROM node:22\nCOPY . .\nRUN npm ci \\\n    && npm run build\nRUN npm prune --omit=dev\nCMD ["node", "dist/index.js"]\n' },
    { name: 'named and global installs', code: 'FROM node:22\nRUN npm install express && npm i -g pnpm@9\nRUN pip install flask\n' },
    { name: 'ONBUILD triggers run in child images', code: 'FROM node:22\nONBUILD COPY . /app\nONBUILD RUN npm ci\n' },
    { name: 'a --target that installs production dependencies only', targets: ['prod'], code: 'FROM node:22 AS prod\nRUN npm ci --omit=dev\nFROM prod AS debug\nRUN npm ci\n' },
    { name: 'a last stage named for tests', code: 'FROM python:3.12 AS app\nRUN pip install -r requirements.txt\nFROM app AS test\nRUN pip install -r requirements-dev.txt\nCMD ["pytest"]\n' },
    { name: 'production flags of every tool', code: 'FROM node:22\nRUN yarn install --frozen-lockfile --production\nRUN pnpm install --prod\nRUN bun install --production\nRUN uv sync --frozen --no-dev\nRUN poetry install --only main --no-root\nRUN pipenv install --deploy --system\nRUN composer install --no-dev\nRUN bundle install --without development\n' },
    { name: 'BUNDLE_WITHOUT and bundle config', code: 'FROM ruby:3.3\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\nFROM ruby:3.3\nRUN bundle config set --local without "development test" && bundle install\n' },
    { name: 'UV_NO_DEV and COMPOSER_NO_DEV', code: 'FROM python:3.12\nENV UV_NO_DEV=1\nRUN uv sync --locked\nFROM php:8.3\nENV COMPOSER_NO_DEV=1\nRUN composer install\n' },
    { name: 'NODE_ENV from a build argument may be production', code: 'FROM node:22\nARG NODE_ENV\nRUN npm ci\n' },
    { name: 'a dev or prod branch in the same RUN', code: 'FROM python:3.12\nARG INSTALL_DEV=false\nRUN if [ "$INSTALL_DEV" = true ]; then poetry install; else poetry install --only main; fi\n' },
    { name: 'COPY node_modules from a pruned builder', code: 'FROM node:22 AS build\nRUN npm ci && npm run build && npm prune --omit=dev\nFROM node:22-slim\nCOPY --from=build /app/node_modules /app/node_modules\n' },
    { name: 'yarn --version is not an install', code: 'FROM node:22\nRUN yarn --version\n' },
    { name: 'the image runs a dev server', code: 'FROM node:22\nCOPY . .\nRUN npm install\nCMD ["npm", "run", "dev"]\n' },
    { name: 'a Dockerfile for development', filePath: 'docker/Dockerfile.dev', code: 'FROM node:22\nRUN npm ci\n' },
    { name: 'runtime requirements only', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt && pip install -e .\n' },
  ],
  invalid: [
    {
      name: 'npm ci in a single stage',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
      errors: [{ message: NPM_CI, line: 4, column: 5, endLine: 4, endColumn: 11 }],
      unsafeOutput: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "index.js"]\n',
    },
    {
      name: 'exec-form RUN gets a new JSON element',
      code: 'FROM node:22\nRUN ["npm", "ci", "--no-audit"]\n',
      errors: [{ message: NPM_CI, line: 2, column: 6 }],
      unsafeOutput: 'FROM node:22\nRUN ["npm", "ci", "--omit=dev", "--no-audit"]\n',
    },
    {
      name: 'continuation lines',
      code: 'FROM node:22\nRUN apt-get update && \\\n    npm install \\\n      --no-audit\n',
      errors: [{ message: NPM_INSTALL, line: 3, column: 5 }],
      unsafeOutput: 'FROM node:22\nRUN apt-get update && \\\n    npm install --omit=dev \\\n      --no-audit\n',
    },
    {
      name: 'heredoc RUN',
      code: 'FROM node:22\nRUN <<EOF\nset -e\nyarn install --frozen-lockfile\nEOF\n',
      errors: [{ message: /^`yarn install` in the final stage installs devDependencies .* add --production \(or set NODE_ENV=production\)/, line: 4, column: 1 }],
      unsafeOutput: 'FROM node:22\nRUN <<EOF\nset -e\nyarn install --production --frozen-lockfile\nEOF\n',
    },
    {
      name: 'a later build needs the dev dependencies: no fix, a prune suggestion',
      code: 'FROM node:22\nCOPY . .\nRUN npm ci\nRUN npx tsc -p .\nCMD ["node", "dist/index.js"]\n',
      errors: [{ message: '`npm ci` in the final stage installs devDependencies into the shipped image, and `npx tsc` (line 4) needs them, so they cannot just be left out: build in a separate stage that installs everything, and install production dependencies only in the final stage that copies the build output (or run `npm prune --omit=dev` after the build). Dev tools make the image bigger and give an attacker more to work with.', line: 3, column: 5, suggestions: 1 }],
    },
    {
      name: 'the parent of the shipped stage installs dev dependencies (FROM <stage>)',
      code: 'FROM node:22 AS base\nENV NODE_ENV=development\nRUN pnpm install --frozen-lockfile\nFROM base\nCMD ["node", "index.js"]\n',
      errors: [{ message: /^`pnpm install` in stage "base" installs devDependencies .* add --prod/, line: 3, column: 5 }],
      unsafeOutput: 'FROM node:22 AS base\nENV NODE_ENV=development\nRUN pnpm install --prod --frozen-lockfile\nFROM base\nCMD ["node", "index.js"]\n',
    },
    {
      name: 'COPY node_modules from a builder that kept its devDependencies',
      code: 'FROM node:22 AS build\nWORKDIR /app\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app/node_modules ./node_modules\n',
      errors: [{ message: 'COPY --from=build copies /app/node_modules from stage "build", where `npm ci` (line 3) installed devDependencies that no later step removes, so dev dependencies ship in this image: run `npm prune --omit=dev` at the end of stage "build", or copy /app/node_modules from a stage that installs production dependencies only.', line: 5, column: 19, endColumn: 36, suggestions: 1 }],
    },
    {
      name: 'the --target stage is checked, not the last one',
      targets: ['api'],
      code: 'FROM python:3.12 AS api\nRUN uv sync --frozen\nFROM api AS test\nRUN uv sync --frozen --only-dev\n',
      errors: [{ message: /^`uv sync` in stage "api" installs the dev dependency group .* add --no-dev \(or set UV_NO_DEV=1\)/, line: 2, column: 5 }],
      unsafeOutput: 'FROM python:3.12 AS api\nRUN uv sync --no-dev --frozen\nFROM api AS test\nRUN uv sync --frozen --only-dev\n',
    },
    {
      name: 'pip requirement files for dev and tests',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt -r requirements/test.txt\nRUN pip install -r dev-requirements.txt\n',
      errors: [
        { message: /^`pip install` in the final stage installs the dev requirements in requirements\/test\.txt into the shipped image/, line: 2, column: 5 },
        { message: /the dev requirements in dev-requirements\.txt/, line: 3, column: 5 },
      ],
    },
    {
      name: 'dev extras of the project',
      code: 'FROM python:3.12\nRUN pip install -e ".[test,postgres]"\n',
      errors: [{ message: /installs the dev extras \[test\] of \. into the shipped image.*install \.\[postgres\] without them\.$/, line: 2, column: 5 }],
      unsafeOutput: 'FROM python:3.12\nRUN pip install -e ".[postgres]"\n',
    },
    {
      name: 'poetry, pipenv --dev and composer',
      code: 'FROM python:3.12\nRUN poetry install --no-root\nRUN pipenv install --dev --system\nFROM php:8.3\nRUN composer install --prefer-dist\n',
      errors: [{ message: /^`composer install` in the final stage installs the require-dev packages .* add --no-dev/, line: 5, column: 5 }],
      unsafeOutput: 'FROM python:3.12\nRUN poetry install --no-root\nRUN pipenv install --dev --system\nFROM php:8.3\nRUN composer install --no-dev --prefer-dist\n',
    },
    {
      name: 'poetry and pipenv',
      code: 'FROM python:3.12\nRUN poetry install --no-root\nRUN pipenv install --dev --system\n',
      errors: [
        { message: /^`poetry install` in the final stage installs the dev dependency groups .* add --only main \(Poetry 1\.2\+\)/, line: 2, column: 5 },
        { message: /^`pipenv install --dev` in the final stage installs the \[dev-packages\] of the Pipfile .* drop --dev/, line: 3, column: 5 },
      ],
      unsafeOutput: 'FROM python:3.12\nRUN poetry install --only main --no-root\nRUN pipenv install --system\n',
    },
    {
      name: 'bundle install gets BUNDLE_WITHOUT',
      code: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install --jobs 4\nCMD ["bundle", "exec", "puma"]\n',
      errors: [{ message: /^`bundle install` in the final stage installs the development and test gem groups .* set ENV BUNDLE_WITHOUT="development:test" before it/, line: 3, column: 5 }],
      unsafeOutput: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nENV BUNDLE_WITHOUT="development:test"\nRUN bundle install --jobs 4\nCMD ["bundle", "exec", "puma"]\n',
    },
    {
      name: 'Yarn 2+ gets a suggestion, not a fix',
      code: 'FROM node:22\nCOPY package.json yarn.lock .yarnrc.yml ./\nRUN yarn install --immutable\n',
      errors: [{ message: /^`yarn install` in the final stage installs devDependencies .* Yarn 2\+ has no install --production/, line: 3, column: 5, suggestions: 1 }],
    },
    {
      name: 'keeps CRLF line endings',
      code: 'FROM ruby:3.3\r\nRUN bundle install\r\n',
      errors: [{ message: /^`bundle install`/, line: 2, column: 5 }],
      unsafeOutput: 'FROM ruby:3.3\r\nENV BUNDLE_WITHOUT="development:test"\r\nRUN bundle install\r\n',
    },
    {
      name: 'CRLF with a fix inside the line',
      code: 'FROM node:22\r\nRUN bun install --frozen-lockfile\r\nCMD ["bun", "index.ts"]\r\n',
      errors: [{ message: /^`bun install` in the final stage installs devDependencies/, line: 2, column: 5 }],
      unsafeOutput: 'FROM node:22\r\nRUN bun install --production --frozen-lockfile\r\nCMD ["bun", "index.ts"]\r\n',
    },
    {
      name: 'a second install of the same kind is the one reported',
      code: 'FROM python:3.12\nRUN uv sync --no-install-project\nCOPY . .\nRUN uv sync\n',
      errors: [{ message: /^`uv sync` in the final stage installs the dev dependency group/, line: 4, column: 5 }],
      unsafeOutput: 'FROM python:3.12\nRUN uv sync --no-install-project\nCOPY . .\nRUN uv sync --no-dev\n',
    },
    {
      name: '--include=dev wins over NODE_ENV: reported, no fix',
      code: 'FROM node:22\nENV NODE_ENV=production\nRUN npm ci --include=dev\n',
      errors: [{ message: NPM_CI, line: 3, column: 5 }],
    },
  ],
});
