import rule from '../../rules/label-schema.js';
import { runRuleTests } from '../rule-tester.js';

const schema = {
  schema: {
    'org.opencontainers.image.source': 'url',
    'org.opencontainers.image.created': 'rfc3339',
    'org.opencontainers.image.licenses': 'spdx',
    'org.opencontainers.image.revision': 'hash',
    'org.opencontainers.image.version': 'semver',
    'org.opencontainers.image.authors': 'email',
    'org.opencontainers.image.title': 'text',
  },
};
const complete = [
  'LABEL org.opencontainers.image.source="https://github.com/acme/api" \\',
  '      org.opencontainers.image.created="2024-05-01T12:30:00Z" \\',
  '      org.opencontainers.image.licenses="Apache-2.0 OR MIT" \\',
  '      org.opencontainers.image.revision=3f786850e387550fdab836ed7e6dc881de23001b \\',
  '      org.opencontainers.image.version=1.4.2 \\',
  '      org.opencontainers.image.authors=team@example.com \\',
  '      org.opencontainers.image.title="ACME API"',
].join('\n');
const shapeMessage = (key: string) => `Label key "${key}" should use only lowercase letters, digits, "." and "-", start with a letter, end with a letter or digit, and never repeat "." or "-".`;
const typed = (key: string, expected: string, value: string) => `Label "${key}" should be ${expected}, but it is "${value}".`;
const missing = (key: string) => `The image has no "${key}" label, which the label schema requires: add LABEL ${key}=… to this stage.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nLABEL maintainer="ops@example.com" org.opencontainers.image.version=1.0\n',
    { name: 'a complete schema', code: `FROM node:22-slim\n${complete}\n`, options: schema },
    { name: 'labels from the parent stage count', code: `FROM node:22-slim AS base\n${complete}\nFROM base\nRUN npm ci\n`, options: schema },
    { name: 'values from build arguments are not validated', code: 'FROM node:22-slim\nARG CREATED\nARG REVISION\nLABEL org.opencontainers.image.created=$CREATED org.opencontainers.image.revision="${REVISION}"\n', options: { schema: { 'org.opencontainers.image.created': 'rfc3339', 'org.opencontainers.image.revision': 'hash' } } },
    { name: 'SPDX expressions', code: 'FROM alpine:3.20\nLABEL license="(GPL-2.0-only WITH Classpath-exception-2.0 OR mit) AND LicenseRef-acme-1"\n', options: { schema: { license: 'spdx' } } },
    { name: 'semver with a leading v and a prerelease', code: 'FROM alpine:3.20\nLABEL version=v2.0.0-rc.1+build.5\n', options: { schema: { version: 'semver' } } },
    { name: 'a variable key', code: 'FROM alpine:3.20\nARG KEY=Custom_Key\nLABEL $KEY=value\n' },
    { name: 'Docker Desktop extension labels', code: 'FROM alpine:3.20\nLABEL com.docker.desktop.extension.api.version=">= 0.3.0" com.docker.extension.publisher-url="https://example.com"\n' },
    { name: 'not strict: extra labels are fine', code: 'FROM alpine:3.20\nLABEL version=1.2.3 team=payments\n', options: { schema: { version: 'semver' } } },
    { name: 'only the shipped target must be complete', code: 'FROM alpine:3.20 AS tools\nFROM alpine:3.20 AS app\nLABEL version=1.2.3\n', options: { schema: { version: 'semver' } }, targets: ['app'] },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nLABEL MAINTAINER="ops@example.com"\n',
      errors: [{ message: 'Label key "MAINTAINER" has uppercase letters, but label keys are lowercase: write "maintainer".', line: 2, column: 7, endColumn: 17, codes: ['DL3048'] }],
    },
    {
      name: 'bad key shapes and a reserved namespace, lowercase keyword, legacy form',
      code: 'from alpine:3.20\nlabel com.example..name=a build_date=b com.docker.compose.project=c\nlabel 1st-label value with spaces\n',
      errors: [
        { message: shapeMessage('com.example..name'), line: 2, column: 7, codes: ['DL3048'] },
        { message: shapeMessage('build_date'), line: 2, column: 27, codes: ['DL3048'] },
        { message: 'Label key "com.docker.compose.project" is in the com.docker.* namespace, which Docker reserves for its own use: use your own reverse-DNS prefix.', line: 2, column: 40, codes: ['DL3048'] },
        { message: shapeMessage('1st-label'), line: 3, column: 7, codes: ['DL3048'] },
      ],
    },
    {
      name: 'missing labels are reported on the final FROM',
      code: 'FROM golang:1.23 AS build\nLABEL version=1.2.3\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
      options: { schema: { version: 'semver', 'org.opencontainers.image.source': 'url' } },
      errors: [
        { message: missing('version'), line: 3, column: 1, codes: ['DL3049'] },
        { message: missing('org.opencontainers.image.source'), line: 3, column: 1, codes: ['DL3049'] },
      ],
    },
    {
      name: 'strict schema: superfluous labels, also in ONBUILD',
      code: 'FROM alpine:3.20\nLABEL version=1.2.3 team=payments\nONBUILD LABEL stage=child\n',
      options: { schema: { version: 'semver' }, strict: true },
      errors: [
        { message: 'Label "team" is not in the label schema, which is strict: remove it or add it to the schema.', line: 2, column: 21, codes: ['DL3050'] },
        { message: 'Label "stage" is not in the label schema, which is strict: remove it or add it to the schema.', line: 3, column: 15, codes: ['DL3050'] },
      ],
    },
    {
      name: 'empty values',
      code: 'FROM alpine:3.20\nLABEL version="" description=\n',
      options: { schema: { version: 'semver', description: 'text' } },
      errors: [
        { message: 'Label "version" is empty: give it a value or remove it.', line: 2, column: 15, codes: ['DL3051'] },
        { message: 'Label "description" is empty: give it a value or remove it.', line: 2, column: 18, codes: ['DL3051'] },
      ],
    },
    {
      name: 'type errors, with continuations and CRLF',
      code: [
        'FROM node:22-slim',
        'LABEL org.opencontainers.image.source=github.com/acme/api \\',
        '      org.opencontainers.image.created="2024-13-01 10:00" \\',
        '      org.opencontainers.image.licenses="Apache 2" \\',
        '      org.opencontainers.image.revision=main \\',
        '      org.opencontainers.image.version=1.4 \\',
        '      org.opencontainers.image.authors="ACME Team <team@example.com>" \\',
        '      org.opencontainers.image.title="ACME API"',
        '',
      ].join('\r\n'),
      options: schema,
      errors: [
        { message: typed('org.opencontainers.image.source', 'an absolute URL (https://…)', 'github.com/acme/api'), line: 2, column: 39, codes: ['DL3052'] },
        { message: typed('org.opencontainers.image.created', 'an RFC 3339 timestamp (2024-05-01T12:00:00Z)', '2024-13-01 10:00'), line: 3, column: 40, codes: ['DL3053'] },
        { message: typed('org.opencontainers.image.licenses', 'an SPDX license expression (MIT, Apache-2.0 OR MIT, LicenseRef-…)', 'Apache 2'), line: 4, column: 41, codes: ['DL3054'] },
        { message: typed('org.opencontainers.image.revision', 'a git commit hash (7 to 40 hex digits)', 'main'), line: 5, column: 41, codes: ['DL3055'] },
        { message: typed('org.opencontainers.image.version', 'a semantic version (1.4.2, 2.0.0-rc.1)', '1.4'), line: 6, column: 40, codes: ['DL3056'] },
        { message: typed('org.opencontainers.image.authors', 'an email address (name@example.com)', 'ACME Team <team@example.com>'), line: 7, column: 40, codes: ['DL3058'] },
      ],
    },
    {
      name: 'an invalid date and a bad SPDX operator',
      code: 'FROM alpine:3.20\nLABEL created=2023-02-29T00:00:00+01:00 license="MIT and Apache-2.0"\n',
      options: { schema: { created: 'rfc3339', license: 'spdx' } },
      errors: [
        { message: typed('created', 'an RFC 3339 timestamp (2024-05-01T12:00:00Z)', '2023-02-29T00:00:00+01:00'), line: 2, column: 15, codes: ['DL3053'] },
        { message: typed('license', 'an SPDX license expression (MIT, Apache-2.0 OR MIT, LicenseRef-…)', 'MIT and Apache-2.0'), line: 2, column: 49, codes: ['DL3054'] },
      ],
    },
  ],
});
