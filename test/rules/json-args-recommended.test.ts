import rule from '../../rules/json-args-recommended.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM node:22\nCMD ["node", "server.js"]\n',
    'FROM node:22\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n',
    { name: 'exec replaces the shell', code: 'FROM node:22\nCMD exec node server.js\n' },
    { name: 'a SHELL makes the shell form deliberate', code: 'FROM mcr.microsoft.com/powershell:7.4\nSHELL ["pwsh", "-Command"]\nCMD Write-Host hello\n' },
    { name: 'SHELL inherited from a parent stage', code: 'FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nFROM base\nCMD echo hi | tee /tmp/x\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCMD node server.js\n',
      errors: [{ message: 'CMD in shell form runs under /bin/sh -c, so the program does not receive SIGTERM and stops only when killed: use the exec form CMD ["node", "server.js"].', line: 2, column: 1, endColumn: 19 }],
      unsafeOutput: 'FROM node:22\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'ENTRYPOINT with flags',
      code: 'FROM nginx:1.27\nENTRYPOINT nginx -g daemon-off\n',
      errors: [{ message: /use the exec form ENTRYPOINT \["nginx", "-g", "daemon-off"\]\.$/, line: 2, column: 1 }],
      unsafeOutput: 'FROM nginx:1.27\nENTRYPOINT ["nginx", "-g", "daemon-off"]\n',
    },
    {
      name: 'shell features are reported without a fix',
      code: 'FROM python:3.12\nCMD gunicorn app:app --bind 0.0.0.0:$PORT\n',
      errors: [{ message: /use the exec form \(CMD \["program", "arg"\]\), or prefix the command with exec\.$/, line: 2, column: 1 }],
    },
    {
      name: 'continuation lines are joined',
      code: 'FROM python:3.12\nCMD python \\\n  -m http.server\n',
      errors: [{ message: /CMD \["python", "-m", "http.server"\]/, line: 2, column: 1, endLine: 3 }],
      unsafeOutput: 'FROM python:3.12\nCMD ["python", "-m", "http.server"]\n',
    },
  ],
});
