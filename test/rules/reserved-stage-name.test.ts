import rule from '../../rules/reserved-stage-name.js';
import { runRuleTests } from '../rule-tester.js';

const scratch = (name: string) =>
  `Stage name "${name}" is reserved: "scratch" is the empty base image, and reusing the name makes FROM and --from references ambiguous. Rename the stage.`;
const context = (name: string) =>
  `Stage name "${name}" is reserved: "context" is the name BuildKit gives the build context, and reusing the name makes FROM and --from references ambiguous. Rename the stage.`;

runRuleTests(rule, {
  valid: [
    'FROM golang:1.23-bookworm AS build\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    { name: 'scratch as a base is fine', code: 'FROM scratch AS final\nCOPY app /app\n' },
    { name: 'names that only start with a reserved word', code: 'FROM alpine:3.20 AS scratch-base\nRUN apk add --no-cache ca-certificates\nFROM alpine:3.20 AS context-builder\nRUN echo ok\n' },
    { name: 'unnamed stages', code: 'FROM debian:12-slim\nRUN apt-get update\n' },
    { name: 'ctx is not reserved', code: 'from node:22-alpine as ctx\nrun npm ci\n' },
    { name: 'COPY --from=scratch is not a stage name', code: 'FROM alpine:3.20 AS base\nCOPY --from=scratch / /\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20 AS scratch\nRUN apk add --no-cache ca-certificates\n',
      errors: [{ message: scratch('scratch'), line: 1, column: 21, endColumn: 28 }],
    },
    {
      name: 'context',
      code: 'FROM node:22-alpine AS context\nCOPY package.json ./\n',
      errors: [{ message: context('context'), line: 1, column: 24, endColumn: 31 }],
    },
    {
      name: 'compared without case',
      code: 'FROM alpine:3.20 AS Scratch\nRUN echo hi\nFROM alpine:3.20 AS CONTEXT\nRUN echo hi\n',
      errors: [
        { message: scratch('Scratch'), line: 1, column: 21 },
        { message: context('CONTEXT'), line: 3, column: 21 },
      ],
    },
    {
      name: 'lowercase file',
      code: 'from golang:1.23 as context\nrun go build ./...\n',
      errors: [{ message: context('context'), line: 1, column: 21 }],
    },
    {
      name: 'the name on a continuation line',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.23 \\\n    AS scratch\nRUN go build ./...\n',
      errors: [{ message: scratch('scratch'), line: 2, column: 8 }],
    },
    {
      name: 'a later stage named scratch in a multi-stage file',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12-slim AS scratch\nCOPY --from=build /app /app\nFROM scratch\nCOPY --from=scratch /app /app\n',
      errors: [{ message: scratch('scratch'), line: 3, column: 24 }],
    },
  ],
});
