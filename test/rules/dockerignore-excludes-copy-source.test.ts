import rule from '../../rules/dockerignore-excludes-copy-source.js';
import { runRuleTests } from '../rule-tester.js';
import { buildContext } from '../helpers/build-context.js';

const APP = ['package.json', 'package-lock.json', 'src/index.ts', 'src/util.ts', 'config/app.yaml', 'config/local.yaml', 'docs/README.md', 'node_modules/x/index.js', 'dist/app.js'];

runRuleTests(rule, {
  valid: [
    { name: 'sources are sent', code: 'FROM node:22\nCOPY package.json package-lock.json ./\nCOPY src ./src\n', buildContext: buildContext('node_modules\ndist\n', APP) },
    { name: 'COPY . . with excludes is what .dockerignore is for', code: 'FROM node:22\nCOPY . .\n', buildContext: buildContext('node_modules\n', APP) },
    { name: 'an exception re-includes the file', code: 'FROM alpine:3.20\nCOPY docs/README.md /README.md\n', buildContext: buildContext('docs\n!docs/README.md\n', APP) },
    { name: 'an excluded directory with a re-included file inside', code: 'FROM alpine:3.20\nCOPY config /etc/app\n', buildContext: buildContext('config\n!config/app.yaml\n', APP) },
    { name: 'COPY --from reads another stage', code: 'FROM node:22 AS build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n', buildContext: buildContext('dist\n', APP) },
    { name: 'ADD from a URL', code: 'FROM alpine:3.20\nADD https://example.com/dist/app.tgz /tmp/\n', buildContext: buildContext('dist\n', APP) },
    { name: 'no ignore file', code: 'FROM node:22\nCOPY dist /app\n', buildContext: buildContext(undefined, APP) },
    { name: 'no build context known', code: 'FROM node:22\nCOPY dist /app\n' },
    { name: 'an unscanned directory that an exception reaches into', code: 'FROM alpine:3.20\nADD folder1 /x\n', buildContext: buildContext('**\n!folder1/file1\n', ['Dockerfile']) },
    { name: 'a glob that still matches sent files', code: 'FROM alpine:3.20\nCOPY config/*.yaml /etc/app/\n', buildContext: buildContext('config/other.yaml\n', APP) },
    { name: 'a variable source is not guessed', code: 'FROM alpine:3.20\nARG SRC=dist\nCOPY $SRC /app\n', buildContext: buildContext('dist\n', APP) },
  ],
  invalid: [
    {
      name: 'a directory the ignore file drops',
      code: 'FROM node:22\nWORKDIR /app\nCOPY dist ./dist\n',
      buildContext: buildContext('node_modules\ndist\n', APP),
      errors: [{ message: '.dockerignore excludes "dist" (pattern "dist" on line 2), so it is not in the build context and COPY fails with "not found". Remove the pattern or add an exception "!dist" to .dockerignore.', line: 3, column: 6, endColumn: 10 }],
    },
    {
      name: 'a file under an excluded directory, with an unrelated exception (BuildKit turns its own check off here)',
      code: 'FROM alpine:3.20\nCOPY config/local.yaml /etc/app/\n',
      buildContext: buildContext('config\n!config/app.yaml\n', APP),
      errors: [{ message: /^\.dockerignore excludes "config\/local\.yaml" \(pattern "config" on line 1\)/, line: 2, column: 6 }],
    },
    {
      name: 'a later pattern wins over an exception',
      code: 'FROM alpine:3.20\nCOPY docs/README.md /\n',
      buildContext: buildContext('!docs/README.md\n**/*.md\n', APP),
      errors: [{ message: /pattern "\*\*\/\*\.md" on line 2/, line: 2, column: 6 }],
    },
    {
      name: 'a glob whose files are all excluded',
      code: 'FROM alpine:3.20\nCOPY config/*.yaml /etc/app/\n',
      buildContext: buildContext('*/*.yaml\n', APP),
      errors: [{ message: '.dockerignore excludes "config/*.yaml", so it is not in the build context and COPY fails with "not found". Remove the pattern or add an exception "!config/*.yaml" to .dockerignore.', line: 2, column: 6 }],
    },
    {
      name: 'a glob that loses some files',
      code: 'FROM alpine:3.20\nCOPY config/*.yaml /etc/app/\n',
      buildContext: buildContext('config/local.yaml\n', APP),
      errors: [{ message: '.dockerignore leaves out 1 of 2 of the files "config/*.yaml" matches, so COPY silently copies less than it names. Add "!config/*.yaml" exceptions to .dockerignore, or narrow the source.', line: 2, column: 6 }],
    },
    {
      name: 'exec-form COPY and a leading ./',
      code: 'FROM node:22\nCOPY ["./dist", "/app/dist"]\n',
      buildContext: buildContext('dist\n', APP),
      errors: [{ message: /excludes "\.\/dist"/, line: 2, column: 7 }],
    },
    {
      name: 'ADD with several sources, across a continuation',
      code: 'FROM alpine:3.20\nADD package.json \\\n    node_modules /app/\n',
      buildContext: buildContext('node_modules\n', APP),
      errors: [{ message: /excludes "node_modules" \(pattern "node_modules" on line 1\), so it is not in the build context and ADD fails/, line: 3, column: 5 }],
    },
    {
      name: 'inside ONBUILD and in a second stage',
      code: 'FROM node:22 AS base\nONBUILD COPY dist /app\nFROM base\nCOPY docs/README.md /\n',
      buildContext: buildContext('dist\ndocs\n', APP),
      errors: [{ message: /excludes "dist"/, line: 2, column: 14 }, { message: /excludes "docs\/README\.md"/, line: 4, column: 6 }],
    },
    {
      name: 'a Dockerfile-specific ignore file is named',
      code: 'FROM node:22\nCOPY src /app/src\n',
      buildContext: buildContext('src\n', APP, 'Dockerfile.dockerignore'),
      errors: [{ message: /^Dockerfile\.dockerignore excludes "src"/, line: 2, column: 6 }],
    },
  ],
});
