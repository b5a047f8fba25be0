import rule from '../../rules/copy-relative-destination.js';
import { runRuleTests } from '../rule-tester.js';

const message = (keyword: string, destination: string, lands: string, image: string) =>
  `${keyword} to the relative destination "${destination}" writes to ${lands}, because no WORKDIR is set in this stage and "${image}" sets none: add a WORKDIR before it or use an absolute path.`;

runRuleTests(rule, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nCOPY . .\n',
    { name: 'an absolute destination', code: 'FROM python:3.12-slim\nCOPY requirements.txt /app/requirements.txt\n' },
    { name: 'golang sets WORKDIR /go', code: 'FROM golang:1.23\nCOPY . .\nRUN go build ./...\n' },
    { name: 'an unknown image may set one', code: 'FROM registry.example.com/platform/base:3\nCOPY app.jar app.jar\n' },
    { name: 'scratch export stages', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS binary\nCOPY --from=build /out .\n' },
    { name: 'WORKDIR inherited from the parent stage', code: 'FROM node:22-slim AS base\nWORKDIR /app\nFROM base\nCOPY package.json ./\n' },
    { name: 'a variable destination that is absolute', code: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nCOPY config.yml $APP_HOME/\n' },
    { name: 'an unknown variable', code: 'FROM alpine:3.20\nARG TARGET\nCOPY config.yml ${TARGET}\n' },
    { name: 'a base image from an unresolved variable', code: 'ARG BASE\nFROM $BASE\nCOPY . .\n' },
    { name: 'ONBUILD after a WORKDIR', code: 'FROM node:22-slim\nONBUILD COPY package.json ./\nWORKDIR /app\n' },
    { name: 'Windows paths', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:/app/\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      errors: [{ message: message('COPY', '.', '/', 'python:3.12-slim'), line: 2, column: 23, endColumn: 24 }],
    },
    {
      name: 'before the WORKDIR, lowercase',
      code: 'from node:22-slim\ncopy package.json app/\nworkdir /app\ncopy . .\n',
      errors: [{ message: message('COPY', 'app/', '/app/', 'node:22-slim'), line: 2, column: 19 }],
    },
    {
      name: 'ADD, a file name, and a parent stage without WORKDIR',
      code: 'FROM debian:12-slim AS base\nRUN apt-get update\nFROM base\nADD entrypoint.sh docker-entrypoint.sh\n',
      errors: [{ message: message('ADD', 'docker-entrypoint.sh', '/docker-entrypoint.sh', 'debian:12-slim'), line: 4, column: 19 }],
    },
    {
      name: 'exec form with continuation',
      code: 'FROM ruby:3.3-slim\nCOPY ["Gemfile", "Gemfile.lock", \\\n      "./"]\n',
      errors: [{ message: message('COPY', './', '/', 'ruby:3.3-slim'), line: 3, column: 7 }],
    },
    {
      name: 'ONBUILD COPY in a stage that never sets WORKDIR',
      code: 'FROM node:22-slim\nONBUILD COPY . src\n',
      errors: [{ message: message('COPY', 'src', '/src', 'node:22-slim'), line: 2, column: 16 }],
    },
    {
      name: 'a variable that resolves to a relative path, official image with registry prefix',
      code: 'FROM docker.io/library/alpine:3.20\nARG DEST=config\nCOPY --from=docker.io/library/nginx:1.27 /etc/nginx/nginx.conf $DEST/\n',
      errors: [{ message: message('COPY', '$DEST/', '/config/', 'docker.io/library/alpine:3.20'), line: 3, column: 64 }],
    },
  ],
});
