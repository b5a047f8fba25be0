import rule from '../../rules/expose-invalid-format.js';
import { runRuleTests } from '../rule-tester.js';

const hostIp = (written: string, container: string, publish = written) =>
  `EXPOSE ${written} names a host IP address, which EXPOSE cannot set and a future Docker release will reject. Docker keeps only the container port (${container}); publish ports when the container runs (docker run -p ${publish}).`;
const hostPort = (written: string, container: string, publish = written) =>
  `EXPOSE ${written} names a host port, which EXPOSE cannot set and a future Docker release will reject. Docker keeps only the container port (${container}); publish ports when the container runs (docker run -p ${publish}).`;

runRuleTests(rule, {
  valid: [
    'FROM nginx:1.27-alpine\nEXPOSE 80 443/tcp\n',
    { name: 'port range', code: 'FROM debian:12-slim\nEXPOSE 8000-8010/tcp\n' },
    { name: 'a default holds a colon inside the variable', code: 'FROM node:22-slim\nEXPOSE ${PORT:-8080}\n' },
    { name: 'variable with a plain port', code: 'FROM node:22-slim\nARG PORT=8080\nEXPOSE $PORT\n' },
    { name: 'unknown variable', code: 'FROM node:22-slim\nEXPOSE $PORT\n' },
    { name: 'empty host part, which Docker ignores', code: 'FROM node:22-slim\nEXPOSE :3000\n' },
    { name: 'mappings elsewhere are fine', code: 'FROM node:22-slim\nLABEL ports="8080:80"\nRUN echo 127.0.0.1:80:80\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27-alpine\nEXPOSE 127.0.0.1:80:80\n',
      errors: [{ message: hostIp('127.0.0.1:80:80', '80'), line: 2, column: 8, endColumn: 23 }],
      output: 'FROM nginx:1.27-alpine\nEXPOSE 80\n',
    },
    {
      name: 'host-port mapping',
      code: 'FROM node:22-slim\nWORKDIR /app\nEXPOSE 8080:3000\nCMD ["node", "server.js"]\n',
      errors: [{ message: hostPort('8080:3000', '3000'), line: 3, column: 8, endColumn: 17 }],
      output: 'FROM node:22-slim\nWORKDIR /app\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'protocol and other ports kept, lowercase instruction',
      code: 'from debian:12-slim\nexpose 0.0.0.0:5000:5000/udp 22\n',
      errors: [{ message: hostIp('0.0.0.0:5000:5000/udp', '5000/udp'), line: 2, column: 8 }],
      output: 'from debian:12-slim\nexpose 5000/udp 22\n',
    },
    {
      name: 'IPv6 host address and host range',
      code: 'FROM debian:12-slim\nEXPOSE [::1]:8080:8080 \\\n    9000-9001:9000-9001\n',
      errors: [
        { message: hostIp('[::1]:8080:8080', '8080'), line: 2, column: 8 },
        { message: hostPort('9000-9001:9000-9001', '9000-9001'), line: 3, column: 5 },
      ],
      output: 'FROM debian:12-slim\nEXPOSE 8080 \\\n    9000-9001\n',
    },
    {
      name: 'a host name fails the build: no fix',
      code: 'FROM debian:12-slim\nEXPOSE localhost:80:80\n',
      errors: [{ message: hostIp('localhost:80:80', '80'), line: 2, column: 8 }],
    },
    {
      name: 'variables with known defaults',
      code: 'FROM node:22-slim\nARG HOST_PORT=8080\nARG PORT=3000\nEXPOSE ${HOST_PORT}:${PORT}\n',
      errors: [{ message: hostPort('${HOST_PORT}:${PORT}', '${PORT}'), line: 4, column: 8 }],
      output: 'FROM node:22-slim\nARG HOST_PORT=8080\nARG PORT=3000\nEXPOSE ${PORT}\n',
    },
    {
      name: 'host port from an unknown variable: no fix',
      code: 'FROM node:22-slim\nEXPOSE ${HOST_PORT}:3000\n',
      errors: [{ message: hostPort('${HOST_PORT}:3000', '3000'), line: 2, column: 8 }],
    },
    {
      name: 'the mapping comes from a variable',
      code: 'FROM node:22-slim\nENV MAPPING=8080:3000\nEXPOSE $MAPPING\n',
      errors: [
        {
          message: 'EXPOSE $MAPPING (8080:3000 with the defaults in scope) names a host port, which EXPOSE cannot set and a future Docker release will reject. Docker keeps only the container port (3000); publish ports when the container runs (docker run -p 8080:3000).',
          line: 3,
          column: 8,
        },
      ],
    },
    {
      name: 'ONBUILD trigger in a builder stage',
      code: 'FROM node:22-slim AS base\nONBUILD EXPOSE 8080:8080\nFROM base\nRUN npm ci\n',
      errors: [{ message: hostPort('8080:8080', '8080'), line: 2, column: 16 }],
      output: 'FROM node:22-slim AS base\nONBUILD EXPOSE 8080\nFROM base\nRUN npm ci\n',
    },
    {
      name: 'CRLF',
      code: 'FROM nginx:1.27-alpine\r\nEXPOSE 80:80\r\n',
      errors: [{ message: hostPort('80:80', '80'), line: 2, column: 8 }],
      output: 'FROM nginx:1.27-alpine\r\nEXPOSE 80\r\n',
    },
  ],
});
