import { describe, expect, it } from 'vitest';
import rule from '../../rules/healthcheck.js';
import { runRuleTests } from '../rule-tester.js';
import { lintText } from '../../src/lint.js';
import { RuleSet } from '../../src/rules.js';
import { applyFixes } from '../../src/fixer.js';

const MISSING = /but has no HEALTHCHECK, so Docker reports it as running even when it hangs or stops answering, and Compose or Swarm cannot wait for it or replace it\. Add a HEALTHCHECK that probes the service, or "HEALTHCHECK NONE" to opt out on purpose\.$/;

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nHEALTHCHECK CMD node /app/healthcheck.js\nCMD ["node", "/app/server.js"]\n',
    { name: 'HEALTHCHECK NONE is an opt-out', code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nHEALTHCHECK NONE\n' },
    { name: 'inherited from the parent stage', code: 'FROM python:3.12-slim AS base\nHEALTHCHECK CMD python -c "print(1)"\nFROM base\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n' },
    { name: 'a builder stage that nothing ships', code: 'FROM node:22 AS dev\nEXPOSE 3000\nCMD ["npm", "start"]\nFROM alpine:3.20\nCOPY --from=dev /app/dist /dist\nCMD ["ls", "/dist"]\n' },
    { name: 'a CLI image', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/tool .\nFROM alpine:3.20\nCOPY --from=build /out/tool /usr/bin/tool\nENTRYPOINT ["tool"]\n' },
    { name: 'a one-shot job that exposes a port', code: 'FROM python:3.12\nEXPOSE 8000\nCMD ["pytest", "-q"]\n' },
    { name: 'a shell image', code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\nCMD ["bash"]\n' },
    { name: 'ONBUILD EXPOSE is for child images', code: 'FROM node:22\nONBUILD EXPOSE 3000\nCMD ["node", "--version"]\n' },
    { name: 'the --target stage has a HEALTHCHECK', targets: ['prod'], code: 'FROM nginx:1.27 AS prod\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nFROM prod AS debug\n' },
  ],
  invalid: [
    {
      name: 'EXPOSE with a node server and curl installed',
      code: 'FROM node:22-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
      errors: [{ message: 'The image runs a long-lived service (CMD starts node /app/server.js) but has no HEALTHCHECK, so Docker reports it as running even when it hangs or stops answering, and Compose or Swarm cannot wait for it or replace it. Add a HEALTHCHECK that probes the service, or "HEALTHCHECK NONE" to opt out on purpose.', line: 5, column: 1, endColumn: 31, suggestions: 1 }],
    },
    {
      name: 'nginx base image with its default command',
      code: 'FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
      errors: [{ message: /^The image runs a long-lived service \(the default command of nginx\)/, line: 1, column: 1, suggestions: 1 }],
    },
    {
      name: 'gunicorn in the final stage of a multi-stage build',
      code: 'FROM python:3.12 AS build\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install /wheels/*\nCMD gunicorn -b 0.0.0.0:8000 app:app\n',
      errors: [{ message: /\(CMD starts gunicorn\)/, line: 6, column: 1, suggestions: 1 }],
    },
    {
      name: 'inherits EXPOSE through FROM <stage>',
      code: 'FROM eclipse-temurin:21-jre AS base\nEXPOSE 8080\nFROM base\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      errors: [{ message: /\(ENTRYPOINT starts java -jar\)/, line: 5, column: 1 }],
    },
    {
      name: 'wget is installed by a heredoc RUN',
      code: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y wget\nEOF\nEXPOSE 80\nENTRYPOINT ["httpd", "-f"]\n',
      errors: [{ message: MISSING, line: 7, column: 1, suggestions: 1 }],
    },
    {
      name: 'uvicorn after a continuation, exec-form RUN',
      code: 'FROM python:3.12-slim\nRUN ["pip", "install", "uvicorn"]\nCMD uvicorn app:app \\\n    --host 0.0.0.0\n',
      errors: [{ message: /\(CMD starts uvicorn\)/, line: 3, column: 1, endLine: 4, suggestions: 1 }],
    },
    {
      name: 'an ONBUILD HEALTHCHECK does not count',
      code: 'FROM node:22\nONBUILD HEALTHCHECK CMD true\nEXPOSE 3000\nCMD ["npm", "start"]\n',
      errors: [{ message: /\(CMD starts npm start\)/, line: 4, column: 1, suggestions: 1 }],
    },
    {
      name: 'only EXPOSE, no CMD of its own',
      code: 'FROM node:22\nCOPY . /app\nEXPOSE 8080/tcp\n',
      errors: [{ message: /\(EXPOSE 8080\/tcp\)/, line: 3, column: 1, suggestions: 1 }],
    },
    {
      name: 'distroless: no shell for a probe, so no suggestion',
      code: 'FROM gcr.io/distroless/java21-debian12\nCOPY app.jar /app.jar\nEXPOSE 8080\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
      errors: [{ message: /java -jar/, line: 4, column: 1, suggestions: 0 }],
    },
  ],
});

describe('healthcheck suggestions', () => {
  const suggest = (code: string) => {
    const result = lintText(code, { filePath: 'Dockerfile', ruleSet: new RuleSet([rule]) });
    const [suggestion] = result.diagnostics[0].suggestions ?? [];
    return suggestion && applyFixes(code, [{ applicability: 'unsafe', edits: suggestion.edits }], '\n');
  };

  it('probes the exposed port with curl when a RUN installs it', () => {
    expect(suggest('FROM node:22-slim\nRUN apt-get update && apt-get install -y curl\nEXPOSE 3000\nCMD ["node", "server.js"]\n')).toBe(
      'FROM node:22-slim\nRUN apt-get update && apt-get install -y curl\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD curl -fsS http://localhost:3000/ || exit 1\nCMD ["node", "server.js"]\n',
    );
  });

  it("uses BusyBox wget on Alpine and the server's usual port", () => {
    expect(suggest('FROM nginx:1.27-alpine\nCMD ["nginx", "-g", "daemon off;"]\n')).toBe(
      'FROM nginx:1.27-alpine\nHEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD wget -q --spider http://localhost:80/ || exit 1\nCMD ["nginx", "-g", "daemon off;"]\n',
    );
  });

  it('falls back to a Node.js probe in exec form on node images', () => {
    expect(suggest('FROM node:22-slim\nEXPOSE 8080\nCMD ["npm", "start"]\n')).toContain(
      `CMD ["node", "-e", "require('http').get('http://localhost:8080/', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"]\nCMD ["npm", "start"]`,
    );
  });
});
