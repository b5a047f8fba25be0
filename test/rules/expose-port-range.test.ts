import rule from '../../rules/expose-port-range.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM nginx:1.27-alpine\nEXPOSE 80 443/tcp 65535 0\n',
    { name: 'a range in order', code: 'FROM debian:12-slim\nEXPOSE 40000-60000/udp\n' },
    { name: 'an unknown variable is not checked', code: 'FROM node:22-slim\nEXPOSE ${PORT} 40000-${MAX_PORT}\n' },
    { name: 'a known default in range', code: 'FROM node:22-slim\nARG PORT=8080\nEXPOSE $PORT\n' },
    { name: 'not a number: not a range problem', code: 'FROM node:22-slim\nEXPOSE http\n' },
    { name: 'ENV default in range, lowercase', code: 'from node:22-slim\nenv PORTS="80 443"\nexpose $PORTS\n' },
    { name: 'the state at the EXPOSE counts, not a later ARG', code: 'FROM node:22-slim\nEXPOSE ${PORT:-3000}\nARG PORT=99999\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27-alpine\nEXPOSE 80000\n',
      errors: [{ message: 'The port 80000 in EXPOSE 80000 is outside the valid range 0–65535, so the build fails.', line: 2, column: 8, endColumn: 13 }],
    },
    {
      name: 'end of a range, with a protocol',
      code: 'FROM debian:12-slim\nEXPOSE 80 40000-80000/tcp\n',
      errors: [{ message: 'The port 80000 in EXPOSE 40000-80000/tcp is outside the valid range 0–65535, so the build fails.', line: 2, column: 11, endColumn: 22 }],
    },
    {
      name: 'a range that runs backwards',
      code: 'FROM debian:12-slim\nEXPOSE 9000-8000\n',
      errors: [{ message: 'The port range 9000-8000 in EXPOSE 9000-8000 starts above its end, so the build fails: write 8000-9000.', line: 2, column: 8 }],
    },
    {
      name: 'host port out of range',
      code: 'FROM debian:12-slim\nEXPOSE 70000:80\n',
      errors: [{ message: 'The host port 70000 in EXPOSE 70000:80 is outside the valid range 0–65535, so the build fails.', line: 2, column: 8, endColumn: 13 }],
    },
    {
      name: 'a default from ARG',
      code: 'FROM node:22-slim\nARG PORT=99999\nEXPOSE $PORT\n',
      errors: [{ message: 'The port 99999 in EXPOSE $PORT (99999 with the defaults in scope) is outside the valid range 0–65535, so the build fails.', line: 3, column: 8, endColumn: 13 }],
    },
    {
      name: 'one of several ports from ENV, over a continuation',
      code: 'FROM node:22-slim\nENV PORTS="80 123456"\nEXPOSE 22 \\\n    ${PORTS}\n',
      errors: [{ message: 'The port 123456 in EXPOSE ${PORTS} (123456 with the defaults in scope) is outside the valid range 0–65535, so the build fails.', line: 4, column: 5 }],
    },
    {
      name: 'a default inside the reference',
      code: 'FROM node:22-slim\nEXPOSE ${PORT:-300000}\n',
      errors: [{ message: 'The port 300000 in EXPOSE ${PORT:-300000} (300000 with the defaults in scope) is outside the valid range 0–65535, so the build fails.', line: 2, column: 8 }],
    },
    {
      name: 'ONBUILD and a later stage',
      code: 'FROM node:22-slim AS base\nRUN npm ci\nFROM base\nONBUILD EXPOSE 100000\n',
      errors: [{ message: 'The port 100000 in EXPOSE 100000 is outside the valid range 0–65535, so the build fails.', line: 4, column: 16 }],
    },
  ],
});
