import { describe, expect, it } from 'vitest';
import rule from '../../rules/workdir-relative-path.js';
import { lintText } from '../../src/lint.js';
import { RuleSet } from '../../src/rules.js';
import { runRuleTests } from '../rule-tester.js';

const message = (written: string, advice: string, where = "the base image's working directory") =>
  `WORKDIR ${written} is relative to ${where}, which this Dockerfile never sets and which can change upstream: ${advice}.`;

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nCOPY . .\n',
    { name: 'relative after an absolute WORKDIR', code: 'FROM python:3.12-slim\nWORKDIR /srv\nWORKDIR app\nCOPY . .\n' },
    { name: 'inherited from the parent stage', code: 'FROM node:22-slim AS base\nWORKDIR /app\nFROM base AS client\nWORKDIR client\nRUN npm ci\n' },
    { name: 'a leading variable may be absolute', code: 'FROM eclipse-temurin:21-jre\nWORKDIR $APP_HOME/lib\n' },
    { name: 'a variable with an absolute default', code: 'FROM node:22-slim\nARG APP_DIR=/srv/app\nWORKDIR ${APP_DIR}\n' },
    { name: 'quoted absolute path', code: 'FROM node:22-slim\nWORKDIR "/srv/my app"\n' },
    { name: 'Windows drive path', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n' },
    { name: 'Windows with the backtick escape', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\Users\\ContainerUser\\app\n' },
    { name: 'ONBUILD after an absolute WORKDIR', code: 'FROM node:22-slim AS base\nWORKDIR /app\nONBUILD WORKDIR client\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27-alpine AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n',
      errors: [{ message: message('usr/share/nginx/html', 'write WORKDIR /usr/share/nginx/html'), line: 2, column: 9, endColumn: 29, suggestions: 1 }],
    },
    {
      name: 'an image whose working directory dockfix does not know',
      code: 'FROM eclipse-temurin:21-jre\nWORKDIR application\nCOPY app.jar .\n',
      errors: [{ message: message('application', 'use an absolute path'), line: 2, column: 9, suggestions: 0 }],
    },
    {
      name: 'golang starts in /go',
      code: 'FROM golang:1.23 AS build\nWORKDIR src/app\nRUN go build ./...\n',
      errors: [{ message: message('src/app', 'write WORKDIR /go/src/app'), line: 2, column: 9, suggestions: 1 }],
    },
    {
      name: 'only the first relative WORKDIR, like BuildKit',
      code: 'FROM python:3.12-slim\nWORKDIR ./app\nWORKDIR src\nCOPY . .\n',
      errors: [{ message: message('./app', 'write WORKDIR /app'), line: 2, column: 9 }],
    },
    {
      name: 'each stage chain on its own',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nRUN go build -o /out/app .\nFROM alpine:3.20\nworkdir app\nCOPY --from=build /out/app .\n',
      errors: [{ message: message('app', 'write WORKDIR /app'), line: 5, column: 9 }],
    },
    {
      name: 'quoted path keeps its quotes in the suggestion',
      code: 'FROM debian:12-slim\nWORKDIR "my app"\n',
      errors: [{ message: message('"my app"', 'write WORKDIR /my app'), line: 2, column: 9, suggestions: 1 }],
    },
    {
      name: 'a variable whose default is relative',
      code: 'FROM node:22-slim\nARG APP_DIR=app\nWORKDIR $APP_DIR\n',
      errors: [{ message: message('$APP_DIR', 'use an absolute path'), line: 3, column: 9, suggestions: 0 }],
    },
    {
      name: 'ONBUILD in a stage that never sets its directory',
      code: 'FROM node:22-slim\nONBUILD WORKDIR client\n',
      errors: [{ message: message('client', 'use an absolute path', "the child image's working directory"), line: 2, column: 17 }],
    },
    {
      name: 'line continuation',
      code: 'FROM alpine:3.20\nWORKDIR \\\n    srv/app\n',
      errors: [{ message: message('srv/app', 'write WORKDIR /srv/app'), line: 3, column: 5 }],
    },
  ],
});

describe('workdir-relative-path suggestions', () => {
  const suggest = (code: string) => {
    const config = { path: undefined, rules: new Map([[rule.meta.id, { level: rule.meta.severity, options: {} }]]), ignorePaths: [], targets: [] };
    const [finding] = lintText(code, { filePath: 'Dockerfile', ruleSet: new RuleSet([rule]), config }).diagnostics;
    const [suggestion] = finding.suggestions ?? [];
    const [edit] = suggestion.edits;
    return { description: suggestion.description, result: code.slice(0, edit.start) + edit.text + code.slice(edit.end) };
  };

  it('replaces the path with the absolute one, quotes kept', () => {
    expect(suggest('FROM debian:12-slim\nWORKDIR "my app"\n')).toEqual({
      description: 'Use the absolute path /my app',
      result: 'FROM debian:12-slim\nWORKDIR "/my app"\n',
    });
  });

  it('resolves ./ and ../ against the image directory', () => {
    expect(suggest('FROM golang:1.23\nWORKDIR ../src/./app\n').result).toBe('FROM golang:1.23\nWORKDIR /src/app\n');
  });
});
