import rule from '../../rules/env-self-reference.js';
import { runRuleTests } from '../rule-tester.js';
import { lintText } from '../../src/lint.js';
import { RuleSet } from '../../src/rules.js';
import { describe, expect, it } from 'vitest';

const message = (name: string, written: string, target: string) =>
  `$${name} here still has its value from before this ENV, not ${written} set earlier in the same instruction: set ${target} in a separate ENV after it.`;

runRuleTests(rule, {
  valid: [
    'FROM eclipse-temurin:21-jre\nENV JAVA_HOME=/opt/java/openjdk\nENV PATH=$JAVA_HOME/bin:$PATH\n',
    { name: 'a reference before the definition means the old value', code: 'FROM node:22-slim\nENV OLD_PATH=$PATH PATH=/app/bin:$PATH\n' },
    { name: 'its own previous value', code: 'FROM python:3.12-slim\nENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/app\n' },
    { name: 'an ARG re-exported under the same name', code: 'FROM golang:1.23\nARG VERSION=1.4.2\nENV VERSION=$VERSION URL=https://example.com/v$VERSION/tool.tgz\n' },
    { name: 'an ARG with the same value', code: 'FROM nginx:1.27\nARG PORT=8080\nENV PORT=8080 LISTEN=0.0.0.0:$PORT\n' },
    { name: 'single quotes do not expand', code: 'FROM debian:12-slim\nENV GREETING=hello MOTD=\'$GREETING world\'\n' },
    { name: 'an escaped dollar', code: 'FROM debian:12-slim\nENV PRICE=5 LABEL=\\$PRICE\n' },
    { name: 'legacy form has one pair', code: 'FROM debian:12-slim\nENV APP_HOME /srv/app $APP_HOME\n' },
    { name: 'a longer name that starts the same', code: 'FROM debian:12-slim\nENV APP=/srv APP_DIR=$APP_DIRECTORY\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin\n',
      errors: [{ message: message('APP_HOME', 'APP_HOME=/srv/app', 'APP_BIN'), line: 2, column: 31, endColumn: 40, suggestions: 1 }],
    },
    {
      name: 'braces, quotes and a continuation',
      code: 'FROM node:22-slim\nENV NVM_DIR="/usr/local/share/nvm" \\\n    PATH="${NVM_DIR}/current/bin:${PATH}"\n',
      errors: [{ message: message('NVM_DIR', 'NVM_DIR="/usr/local/share/nvm"', 'PATH'), line: 3, column: 11, endColumn: 21 }],
    },
    {
      name: 'an earlier definition with another value',
      code: 'FROM python:3.12-slim\nENV VENV=/opt/old\nenv VENV=/opt/venv PATH=$VENV/bin:$PATH\n',
      errors: [{ message: message('VENV', 'VENV=/opt/venv', 'PATH'), line: 3, column: 25 }],
    },
    {
      name: 'a default modifier',
      code: 'FROM alpine:3.20\nARG MODE\nENV MODE=${MODE:-release} FLAGS="--mode=${MODE:-release}"\n',
      errors: [{ message: message('MODE', 'MODE=${MODE:-release}', 'FLAGS'), line: 3, column: 41 }],
    },
    {
      name: 'ONBUILD ENV',
      code: 'FROM node:22-slim\nONBUILD ENV APP=/app CONFIG=$APP/config.json\n',
      errors: [{ message: message('APP', 'APP=/app', 'CONFIG'), line: 2, column: 29 }],
    },
    {
      name: 'two variables, each reported once',
      code: 'FROM ruby:3.3-slim\nENV GEM_HOME=/usr/local/bundle BUNDLE_PATH=$GEM_HOME BUNDLE_BIN=$GEM_HOME/bin PATH=$GEM_HOME/bin:$BUNDLE_BIN:$PATH\n',
      errors: [
        { message: message('GEM_HOME', 'GEM_HOME=/usr/local/bundle', 'BUNDLE_PATH'), line: 2, column: 44 },
        { message: message('GEM_HOME', 'GEM_HOME=/usr/local/bundle', 'BUNDLE_BIN'), line: 2, column: 65 },
        { message: message('GEM_HOME', 'GEM_HOME=/usr/local/bundle', 'PATH'), line: 2, column: 84 },
        { message: message('BUNDLE_BIN', 'BUNDLE_BIN=$GEM_HOME/bin', 'PATH'), line: 2, column: 98 },
      ],
    },
    {
      name: 'Windows under an escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV ProgramFiles="C:\\Program Files" `\n    PSCORE="$ProgramFiles\\PowerShell\\pwsh.exe"\n',
      errors: [{ message: message('ProgramFiles', 'ProgramFiles="C:\\Program Files"', 'PSCORE'), line: 4, column: 13 }],
    },
  ],
});

describe('env-self-reference suggestion', () => {
  const ruleSet = new RuleSet([rule]);
  const config = { path: undefined, rules: new Map([[rule.meta.id, { level: rule.meta.severity, options: {} }]]), ignorePaths: [], targets: [] };
  const apply = (code: string) => {
    const [finding] = lintText(code, { filePath: 'Dockerfile', ruleSet, config }).diagnostics.filter((d) => d.ruleId === rule.meta.id);
    const edit = finding.suggestions![0].edits[0];
    return code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  };
  it('splits the ENV before the pair that uses the variable', () => {
    expect(apply('FROM debian:12-slim\nENV APP_HOME=/srv/app \\\n    APP_BIN=$APP_HOME/bin\n')).toBe('FROM debian:12-slim\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin\n');
  });
  it('keeps ONBUILD and the keyword case', () => {
    expect(apply('from node:22-slim\nonbuild env APP=/app CONFIG=$APP/config.json\n')).toBe('from node:22-slim\nonbuild env APP=/app\nonbuild env CONFIG=$APP/config.json\n');
  });
});
