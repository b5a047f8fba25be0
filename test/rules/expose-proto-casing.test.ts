import rule from '../../rules/expose-proto-casing.js';
import { runRuleTests } from '../rule-tester.js';

const message = (written: string, fixed: string) => `The protocol in EXPOSE ${written} should be lowercase: write ${fixed}.`;

runRuleTests(rule, {
  valid: [
    'FROM nginx:1.27-alpine\nEXPOSE 80/tcp 443/tcp 443/udp\n',
    { name: 'no protocol', code: 'FROM node:22-slim\nEXPOSE 3000\n' },
    { name: 'sctp in lowercase', code: 'FROM debian:12-slim\nEXPOSE 3868/sctp\n' },
    { name: 'a protocol from a variable is not guessed at', code: 'FROM debian:12-slim\nARG PROTO=tcp\nEXPOSE 53/${PROTO}\n' },
    { name: 'unknown protocol is not a casing problem', code: 'FROM debian:12-slim\nEXPOSE 8080/HTTP\n' },
    { name: 'other instructions', code: 'FROM debian:12-slim\nLABEL ports="80/TCP"\nRUN echo 80/TCP\n' },
    { name: 'port range in lowercase', code: 'from debian:12-slim\nexpose 60000-61000/udp\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27-alpine\nEXPOSE 80/TCP\n',
      errors: [{ message: message('80/TCP', '80/tcp'), line: 2, column: 11, endColumn: 14 }],
      output: 'FROM nginx:1.27-alpine\nEXPOSE 80/tcp\n',
    },
    {
      name: 'mixed case, several ports',
      code: 'FROM coredns/coredns:1.11.1\nEXPOSE 53/Udp 53/tcp 9153/TcP\n',
      errors: [
        { message: message('53/Udp', '53/udp'), line: 2, column: 11 },
        { message: message('9153/TcP', '9153/tcp'), line: 2, column: 27 },
      ],
      output: 'FROM coredns/coredns:1.11.1\nEXPOSE 53/udp 53/tcp 9153/tcp\n',
    },
    {
      name: 'lowercase instruction, SCTP, port range',
      code: 'from debian:12-slim\nexpose 3868/SCTP 60000-61000/UDP\n',
      errors: [
        { message: message('3868/SCTP', '3868/sctp'), line: 2, column: 13 },
        { message: message('60000-61000/UDP', '60000-61000/udp'), line: 2, column: 30 },
      ],
      output: 'from debian:12-slim\nexpose 3868/sctp 60000-61000/udp\n',
    },
    {
      name: 'line continuation',
      code: 'FROM nginx:1.27-alpine\nEXPOSE 80/tcp \\\n    443/TCP\n',
      errors: [{ message: message('443/TCP', '443/tcp'), line: 3, column: 9 }],
      output: 'FROM nginx:1.27-alpine\nEXPOSE 80/tcp \\\n    443/tcp\n',
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM node:22-slim AS base\nONBUILD EXPOSE 3000/TCP\n',
      errors: [{ message: message('3000/TCP', '3000/tcp'), line: 2, column: 21 }],
      output: 'FROM node:22-slim AS base\nONBUILD EXPOSE 3000/tcp\n',
    },
    {
      name: 'variable port, literal protocol',
      code: 'FROM node:22-slim\nARG PORT=3000\nEXPOSE ${PORT}/TCP\n',
      errors: [{ message: message('${PORT}/TCP', '${PORT}/tcp'), line: 3, column: 16 }],
      output: 'FROM node:22-slim\nARG PORT=3000\nEXPOSE ${PORT}/tcp\n',
    },
    {
      name: 'escape directive and CRLF, second stage',
      code: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\r\nRUN echo hi\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nEXPOSE 80/TCP `\r\n    443/tcp\r\n',
      errors: [{ message: message('80/TCP', '80/tcp'), line: 5, column: 11 }],
      output: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\r\nRUN echo hi\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nEXPOSE 80/tcp `\r\n    443/tcp\r\n',
    },
  ],
});
