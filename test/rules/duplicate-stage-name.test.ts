import rule from '../../rules/duplicate-stage-name.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM node:22 AS deps\nFROM node:22 AS build\nFROM node:22-slim\n',
    'FROM node:22\nFROM node:22\n',
  ],
  invalid: [
    {
      code: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22 AS build\n',
      errors: [{ message: 'Stage name "build" is already used by the stage at line 1: docker build fails. Rename one of them.', line: 3, column: 17, endColumn: 22 }],
    },
    {
      name: 'names compare without case',
      code: 'FROM golang:1.23 AS Builder\nFROM alpine:3.20 AS builder\n',
      errors: [{ message: /"builder" is already used by the stage at line 1/, line: 2, column: 21 }],
    },
  ],
});
