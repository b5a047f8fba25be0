import rule from '../../rules/context-size.js';
import { runRuleTests } from '../rule-tester.js';
import { buildContext } from '../helpers/build-context.js';

const SMALL = ['package.json=2000', 'src/index.ts=30000', 'README.md=5000'];
/** 120 MB: node_modules and .git make most of it. */
const BIG = [...SMALL, 'node_modules/react/index.js=60000000', 'node_modules/next/dist/a.js=20000000', '.git/objects/pack/p.pack=30000000', 'data/dump.sql=9963000'];

runRuleTests(rule, {
  valid: [
    { name: 'no build context known', code: 'FROM node:22\nCOPY . .\n' },
    { name: 'a small context', code: 'FROM node:22\nCOPY . .\n', buildContext: buildContext(undefined, SMALL) },
    { name: 'the ignore file keeps it small', code: 'FROM node:22\nCOPY . .\n', buildContext: buildContext('node_modules\n.git\n', BIG) },
    { name: 'exactly at the limit', code: 'FROM node:22\nCOPY . .\n', buildContext: buildContext(undefined, ['a.bin=100000000']) },
    { name: 'a raised limit', code: 'FROM node:22\nCOPY . .\n', buildContext: buildContext(undefined, BIG), options: { maxBytes: 500_000_000 } },
    { name: 'multi-stage with ONBUILD, small', code: 'FROM node:22 AS build\nONBUILD COPY . /app\nFROM build\n', buildContext: buildContext('', SMALL) },
    { name: 'an invalid option falls back to the default', code: 'FROM node:22\n', buildContext: buildContext(undefined, SMALL), options: { maxBytes: 'big' } },
  ],
  invalid: [
    {
      name: 'no ignore file, COPY . .',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
      buildContext: buildContext(undefined, BIG),
      errors: [{
        message: 'The build context sends 120 MB in 7 files, more than 100 MB: every build uploads it before the first step. Biggest: node_modules/ (80.0 MB), .git/ (30.0 MB), data/ (9.96 MB). Create a .dockerignore with: "node_modules" (saves 80.0 MB), ".git" (saves 30.0 MB).',
        line: 3, column: 1, endLine: 3, endColumn: 9,
      }],
    },
    {
      name: 'with an ignore file, no COPY of the context: reported on the first FROM',
      code: 'FROM node:22 AS deps\nCOPY package.json ./\nFROM node:22-slim\nCOPY --from=deps /app /app\n',
      buildContext: buildContext('*.log\n', [...BIG, 'x.log=10']),
      errors: [{
        message: /^The build context sends 120 MB in 7 files, more than 100 MB: .* Add to \.dockerignore: "node_modules" \(saves 80\.0 MB\), "\.git" \(saves 30\.0 MB\)\.$/,
        line: 1, column: 1, endLine: 1, endColumn: 21,
      }],
    },
    {
      name: 'a pattern that would drop a COPY source is not suggested',
      code: 'FROM node:22\nCOPY node_modules ./node_modules\nCOPY . .\n',
      buildContext: buildContext(undefined, BIG),
      errors: [{ message: /Create a \.dockerignore with: "\.git" \(saves 30\.0 MB\)\.$/, line: 3, column: 1 }],
    },
    {
      name: 'a lower limit; one big file and nothing to suggest',
      code: 'FROM alpine:3.20\nCOPY [".", "/srv"]\n',
      buildContext: buildContext('', ['model.bin=2000000', 'app.py=1000']),
      options: { maxBytes: 1_000_000 },
      errors: [{
        message: 'The build context sends 2.00 MB in 2 files, more than 1.00 MB: every build uploads it before the first step. Biggest: model.bin (2.00 MB), app.py (1.00 kB). Leave out what the image does not need in .dockerignore, or use a smaller context directory.',
        line: 2, column: 1, endColumn: 19,
      }],
    },
    {
      name: 'ONBUILD COPY . in a multi-stage file',
      code: 'FROM node:22 AS base\nRUN true\nFROM base\nONBUILD COPY . /app\n',
      buildContext: buildContext('', BIG),
      errors: [{ message: /^The build context sends 120 MB/, line: 4, column: 9 }],
    },
    {
      name: 'CRLF line endings',
      code: 'FROM node:22\r\nCOPY ./ /app\r\n',
      buildContext: buildContext(undefined, BIG),
      errors: [{ message: /^The build context sends 120 MB/, line: 2, column: 1, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'a truncated scan says the lists are partial',
      code: 'FROM node:22\nCOPY . .\n',
      buildContext: ((info) => ({ ...info, scan: { ...info.scan, truncated: true, sentFiles: 1_234_567, sentBytes: 5_000_000_000 } }))(buildContext(undefined, BIG)),
      errors: [{ message: /^The build context sends 5\.00 GB in 1,234,567 files, more than 100 MB: every build uploads it before the first step\. Biggest \(of the scanned entries\): node_modules\//, line: 2, column: 1 }],
    },
  ],
});
