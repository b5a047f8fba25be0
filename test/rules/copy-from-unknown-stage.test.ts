import rule from '../../rules/copy-from-unknown-stage.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\n',
    { name: 'stage index', code: 'FROM golang:1.23\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=0 /app /app\n' },
    { name: 'an image reference', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\nCOPY --from=busybox /bin/busybox /bin/\n' },
    { name: 'stage names compare without case', code: 'FROM node:22 AS Deps\nFROM node:22\nCOPY --from=deps /app/node_modules ./node_modules\n' },
    { name: 'a variable', code: 'ARG BASE=build\nFROM alpine:3.20\nCOPY --from=$BASE /a /a\n' },
  ],
  invalid: [
    {
      name: 'a stage copying from itself',
      code: 'FROM golang:1.23 AS build\nCOPY --from=build /src /src\n',
      errors: [{ message: 'COPY --from=build refers to the stage it is in: a stage cannot copy from itself. Copy from an earlier stage.', line: 2, column: 13, endColumn: 18 }],
    },
    {
      name: 'a stage defined later',
      code: 'FROM alpine:3.20\nCOPY --from=assets /dist /srv\nFROM node:22 AS assets\n',
      errors: [{ message: 'Stage "assets" is defined after this one (line 3), so --from=assets pulls an image of that name instead: move the stage before this one.', line: 2, column: 13 }],
    },
    {
      name: 'a misspelt stage',
      code: 'FROM golang:1.23 AS builder\nFROM alpine:3.20\nCOPY --from=biulder /out/app /app\n',
      errors: [{ message: 'No earlier stage is named "biulder", so Docker would pull an image of that name: did you mean "builder"?', line: 3, column: 13, suggestions: 1 }],
    },
    {
      name: 'an index that is not earlier',
      code: 'FROM alpine:3.20\nCOPY --from=1 /a /a\nFROM alpine:3.20\n',
      errors: [{ message: '--from=1 refers to a stage that does not come before this one: this is the first stage, so there is no earlier one to copy from.', line: 2, column: 13 }],
    },
  ],
});
