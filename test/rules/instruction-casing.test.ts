import rule from '../../rules/instruction-casing.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n',
    'from alpine:3.20\nrun apk add --no-cache curl\ncmd ["curl", "--version"]\n',
    { name: 'onbuild trigger in the same case', code: 'FROM node:22\nONBUILD COPY package.json ./\nONBUILD RUN npm ci\n' },
    { name: 'empty stage', code: 'FROM scratch\n' },
  ],
  invalid: [
    {
      name: 'one lowercase instruction among uppercase ones',
      code: 'FROM alpine:3.20\nrun apk add --no-cache curl\nCMD ["sh"]\n',
      errors: [{ message: 'Instruction "run" breaks the file\'s upper-case style: write "RUN" so every instruction reads the same.', line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["sh"]\n',
    },
    {
      name: 'mixed-case keyword in a lowercase file',
      code: 'from alpine:3.20\nrun echo hi\nWorkdir /app\ncmd ["sh"]\n',
      errors: [{ message: 'Instruction "Workdir" breaks the file\'s lower-case style: write "workdir" so every instruction reads the same.', line: 3, column: 1 }],
      output: 'from alpine:3.20\nrun echo hi\nworkdir /app\ncmd ["sh"]\n',
    },
    {
      name: 'ONBUILD trigger keyword',
      code: 'FROM node:22\nONBUILD run npm ci\nCMD ["node"]\n',
      errors: [{ message: /write "RUN"/, line: 2, column: 9 }],
      output: 'FROM node:22\nONBUILD RUN npm ci\nCMD ["node"]\n',
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM alpine:3.20\r\nrun echo hi\r\nCMD ["sh"]\r\n',
      errors: [{ message: /write "RUN"/, line: 2, column: 1 }],
      output: 'FROM alpine:3.20\r\nRUN echo hi\r\nCMD ["sh"]\r\n',
    },
    {
      name: 'continuation lines',
      code: 'FROM debian:12\nRun apt-get update \\\n  && apt-get install -y curl\nUSER nobody\n',
      errors: [{ message: /write "RUN"/, line: 2, column: 1 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y curl\nUSER nobody\n',
    },
  ],
});
