import rule from '../../rules/from-as-casing.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /out /app\n',
    'from golang:1.23 as build\nfrom scratch\ncopy --from=build /out /app\n',
    'FROM alpine:3.20\n',
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 as build\nRUN go build ./...\n',
      errors: [{ message: '"as" does not match the case of "FROM": write "FROM … AS build".', line: 1, column: 18, endColumn: 20 }],
      output: 'FROM golang:1.23 AS build\nRUN go build ./...\n',
    },
    {
      code: 'from golang:1.23 AS build\nrun go build ./...\n',
      errors: [{ message: '"AS" does not match the case of "from": write "from … as build".', line: 1, column: 18 }],
      output: 'from golang:1.23 as build\nrun go build ./...\n',
    },
    {
      name: 'platform flag before the image',
      code: 'FROM --platform=$BUILDPLATFORM node:22 As deps\nRUN npm ci\n',
      errors: [{ message: /write "FROM … AS deps"/, line: 1, column: 40 }],
      output: 'FROM --platform=$BUILDPLATFORM node:22 AS deps\nRUN npm ci\n',
    },
  ],
});
