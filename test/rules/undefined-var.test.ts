import rule from '../../rules/undefined-var.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM node:22\nARG APP_DIR=/app\nWORKDIR $APP_DIR\n',
    { name: 'ENV defines it', code: 'FROM node:22\nENV APP_HOME=/srv\nCOPY . ${APP_HOME}\n' },
    { name: 'base image variables are not guessed at', code: 'FROM golang:1.23\nENV PATH=$PATH:$GOPATH/bin\n' },
    { name: 'a default covers the undefined case', code: 'FROM alpine:3.20\nWORKDIR ${APP_DIR:-/app}\n' },
    { name: 'RUN is expanded by the shell', code: 'FROM scratch\nRUN echo $HOME\n' },
    { name: 'global ARG redeclared in the stage', code: 'ARG VERSION=1.0\nFROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION\n' },
    { name: 'escaped dollar', code: 'FROM scratch\nLABEL price=\\$5\n' },
    { name: 'inherited from the parent stage', code: 'FROM alpine:3.20 AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n' },
    { name: 'a later ENV may override a base image variable', code: 'FROM eclipse-temurin:21\nENV PATH=$JAVA_HOME/bin:$PATH\nENV JAVA_HOME=/opt/java\n' },
    { name: 'PATH exists even in scratch', code: 'FROM scratch\nENV PATH="$PATH:/"\n' },
  ],
  invalid: [
    {
      name: 'global ARG not redeclared',
      code: 'ARG VERSION=1.0\nFROM alpine:3.20\nLABEL version=$VERSION\n',
      errors: [{ message: '$VERSION is a global ARG, which a stage does not see: add "ARG VERSION" after FROM to bring it into this stage.', line: 3, column: 15, endColumn: 23 }],
      unsafeOutput: 'ARG VERSION=1.0\nFROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION\n',
    },
    {
      name: 'platform ARG without declaration',
      code: 'FROM alpine:3.20\nCOPY bin/app-${TARGETARCH} /usr/local/bin/app\n',
      errors: [{ message: '$TARGETARCH is set by BuildKit only in the global scope: add "ARG TARGETARCH" after FROM to use it in this stage.', line: 2, column: 14 }],
      unsafeOutput: 'FROM alpine:3.20\nARG TARGETARCH\nCOPY bin/app-${TARGETARCH} /usr/local/bin/app\n',
    },
    {
      name: 'used before it is defined',
      code: 'FROM node:22\nWORKDIR $APP_DIR\nARG APP_DIR=/app\n',
      errors: [{ message: '$APP_DIR is used before it is defined (line 3), so it expands to an empty string here: move the definition above this line.', line: 2, column: 9 }],
    },
    {
      name: 'a typo of a defined name',
      code: 'FROM node:22\nENV APP_HOME=/srv\nCOPY . $APP_HOEM\n',
      errors: [{ message: '$APP_HOEM is not defined, so it expands to an empty string: did you mean $APP_HOME?', line: 3, column: 8 }],
    },
    {
      name: 'a scratch stage has no image variables',
      code: 'FROM scratch\nCOPY app /bin/app\nUSER $APP_USER\n',
      errors: [{ message: '$APP_USER is not defined in this stage, which starts from scratch, so it expands to an empty string: define it with ARG or ENV.', line: 3, column: 6 }],
    },
  ],
});
