import rule from '../../rules/legacy-key-value-format.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM node:22\nENV NODE_ENV=production PORT=3000\nLABEL org.opencontainers.image.title="api"\n',
    'FROM node:22\nARG VERSION\n',
  ],
  invalid: [
    {
      code: 'FROM node:22\nENV NODE_ENV production\n',
      errors: [{ message: '"ENV NODE_ENV production" uses the legacy form, which cannot set several keys and is easy to misread: write ENV NODE_ENV=production.', line: 2, column: 5, endColumn: 24 }],
      output: 'FROM node:22\nENV NODE_ENV=production\n',
    },
    {
      name: 'value with spaces is quoted',
      code: 'FROM python:3.12\nENV PYTHONPATH /app /lib\n',
      errors: [{ message: /write ENV PYTHONPATH="\/app \/lib"\.$/, line: 2, column: 5 }],
      output: 'FROM python:3.12\nENV PYTHONPATH="/app /lib"\n',
    },
    {
      name: 'LABEL in the legacy form',
      code: 'FROM alpine:3.20\nLABEL maintainer ops@example.com\n',
      errors: [{ message: /write LABEL maintainer=ops@example.com\.$/, line: 2, column: 7 }],
      output: 'FROM alpine:3.20\nLABEL maintainer=ops@example.com\n',
    },
    {
      name: 'a quoted value is reported but left to a human',
      code: 'FROM alpine:3.20\nENV GREETING "hello world"\n',
      errors: [{ message: /write ENV GREETING="…"\.$/, line: 2, column: 5 }],
    },
    {
      name: 'variables keep expanding inside double quotes',
      code: 'FROM golang:1.23\nENV PATH $PATH:/usr/local/go/bin\n',
      errors: [{ message: /write ENV PATH=\$PATH:\/usr\/local\/go\/bin\.$/, line: 2, column: 5 }],
      output: 'FROM golang:1.23\nENV PATH=$PATH:/usr/local/go/bin\n',
    },
  ],
});
