import rule from '../../rules/language-package-pinning.js';
import { runRuleTests } from '../rule-tester.js';

const NEWEST = 'at whatever version is newest when the image builds.';

runRuleTests(rule, {
  valid: [
    { name: 'pip pinned, requirements, local project, wheels, VCS at a tag', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 "gunicorn>=22,<23" -r requirements.txt . ./libs/util dist/app-1.0-py3-none-any.whl git+https://github.com/org/lib.git@v1.2.0\n' },
    { name: 'pip upgrading its own tooling', code: 'FROM python:3.12-slim\nRUN pip install --upgrade pip setuptools wheel\n' },
    { name: 'pip with a constraints file', code: 'FROM python:3.12-slim\nRUN pip install -c constraints.txt flask requests\n' },
    { name: 'pip from a local wheel directory', code: 'FROM python:3.12-slim\nRUN pip install --no-index --find-links=/wheels flask\n' },
    { name: 'npm project installs and pinned globals', code: 'FROM node:22-bookworm-slim\nRUN npm ci && npm install && npm install -g pnpm@9.12.0 @angular/cli@18 ./tools/cli . https://example.com/tool-1.0.0.tgz\n' },
    { name: 'gem pinned', code: 'FROM ruby:3.3-bookworm\nRUN gem install bundler:2.5.22 && gem install rails -v 7.2.1 && gem install ./vendor/app-1.0.gem\n' },
    { name: 'go pinned, local, or from go.mod', code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2 && go install ./cmd/app && go install github.com/org/tool && go run ./gen\n' },
    { name: 'variables are not guessed', code: 'FROM python:3.12-slim\nARG PACKAGES\nRUN pip install $PACKAGES && npm install -g "$NPM_TOOLS"\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN pip install flask\n' },
    { name: 'ENV PIP_CONSTRAINT', code: 'FROM python:3.12-slim\nENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install flask\n' },
  ],
  invalid: [
    {
      name: 'pip install of named packages',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask "uvicorn[standard]" pip\n',
      errors: [{ message: `\`pip install\` installs \`flask\`, \`uvicorn[standard]\` ${NEWEST} Pin them (\`flask==<version>\`) or install from a requirements or constraints file.`, line: 2, column: 5, endColumn: 61, codes: ['DL3013'] }],
    },
    {
      name: 'python -m pip and uv pip, VCS without a ref',
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install git+https://github.com/org/lib.git && uv pip install --system --index-strategy unsafe-best-match httpx\n',
      errors: [
        { message: `\`pip install\` installs \`git+https://github.com/org/lib.git\` ${NEWEST} Pin it (\`git+https://github.com/org/lib.git@<tag or commit>\`) or install from a requirements or constraints file.`, line: 2, column: 5, codes: ['DL3013'] },
        { message: `\`uv pip install\` installs \`httpx\` ${NEWEST} Pin it (\`httpx==<version>\`) or install from a requirements or constraints file.`, line: 2, column: 66, codes: ['DL3013'] },
      ],
    },
    {
      name: 'npm global installs, @latest is not a version',
      code: 'FROM node:22-bookworm-slim\nRUN npm install -g npm@latest @anthropic-ai/claude-code typescript@5.6.3\n',
      errors: [{ message: `\`npm install -g\` installs \`npm@latest\`, \`@anthropic-ai/claude-code\` ${NEWEST} Pin them (\`npm@<version>\`).`, line: 2, column: 5, codes: ['DL3016'] }],
    },
    {
      name: 'npm local named install, lowercase, continuation',
      code: 'from node:22-bookworm-slim\nrun npm i \\\n    express\n',
      errors: [{ message: `\`npm i\` installs \`express\` ${NEWEST} Pin it (\`express@<version>\`).`, line: 2, column: 5, codes: ['DL3016'] }],
    },
    {
      name: 'gem install',
      code: 'FROM ruby:3.3-bookworm\nRUN gem install --no-document rails webdrivers\n',
      errors: [{ message: `\`gem install\` installs \`rails\`, \`webdrivers\` ${NEWEST} Pin them (\`rails:<version>\` or -v <version>).`, line: 2, column: 5, codes: ['DL3028'] }],
    },
    {
      name: 'go install @latest and go get without a version',
      code: 'FROM golang:1.23 AS tools\nRUN CGO_ENABLED=0 go install -ldflags="-s -w" github.com/go-delve/delve/cmd/dlv@latest\nRUN go get golang.org/x/lint/golint\nFROM debian:12-slim\nCOPY --from=tools /go/bin/dlv /usr/local/bin/dlv\n',
      errors: [
        { message: `\`go install\` fetches \`github.com/go-delve/delve/cmd/dlv@latest\` ${NEWEST} Pin it (\`github.com/go-delve/delve/cmd/dlv@<version>\`).`, line: 2, column: 5, codes: ['DL3062'] },
        { message: `\`go get\` fetches \`golang.org/x/lint/golint\` ${NEWEST} Pin it (\`golang.org/x/lint/golint@<version>\`).`, line: 3, column: 5, codes: ['DL3062'] },
      ],
    },
    {
      name: 'go run of a remote tool at latest, exec form',
      code: 'FROM golang:1.23\nRUN ["go", "run", "gotest.tools/gotestsum@latest", "--format", "testname"]\n',
      errors: [{ message: `\`go run\` fetches \`gotest.tools/gotestsum@latest\` ${NEWEST} Pin it (\`gotest.tools/gotestsum@<version>\`).`, line: 2, column: 6, codes: ['DL3062'] }],
    },
    {
      name: 'ONBUILD, heredoc and sudo',
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install gunicorn\nRUN <<EOF\nsudo -H pip3 install supervisor\nEOF\n',
      errors: [
        { message: `\`pip install\` installs \`gunicorn\` ${NEWEST} Pin it (\`gunicorn==<version>\`) or install from a requirements or constraints file.`, line: 2, column: 13, codes: ['DL3013'] },
        { message: `\`pip install\` installs \`supervisor\` ${NEWEST} Pin it (\`supervisor==<version>\`) or install from a requirements or constraints file.`, line: 4, column: 1, codes: ['DL3013'] },
      ],
    },
    {
      name: 'requirements file plus a named package',
      code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt gunicorn\n',
      errors: [{ message: `\`pip install\` installs \`gunicorn\` ${NEWEST} Pin it (\`gunicorn==<version>\`) or install from a requirements or constraints file.`, line: 2, column: 5, codes: ['DL3013'] }],
    },
    {
      name: 'escape directive, sh -c, multi-stage',
      code: '# escape=`\nFROM node:22-bookworm-slim AS tools\nRUN sh -c "npm install -g `\n    eslint"\nFROM ruby:3.3-bookworm\nRUN gem install bundler:2.5.22\n',
      errors: [{ message: `\`npm install -g\` installs \`eslint\` ${NEWEST} Pin it (\`eslint@<version>\`).`, line: 3, column: 12, codes: ['DL3016'] }],
    },
  ],
});
