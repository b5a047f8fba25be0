import rule from '../../rules/prefer-copy.js';
import { runRuleTests } from '../rule-tester.js';

const MESSAGE = 'ADD of local files only copies them, as COPY does: use COPY, which never downloads or unpacks, so readers need not check.';

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nCOPY app.conf /etc/app/app.conf\n',
    { name: 'a URL', code: 'FROM debian:12-slim\nADD https://example.com/tool-1.2.tar.gz /tmp/\n' },
    { name: 'a git repository', code: 'FROM golang:1.23\nADD https://github.com/moby/buildkit.git#v0.16.0 /src\nADD git@github.com:acme/private.git /src/private\n' },
    { name: 'a local tar archive is unpacked', code: 'FROM scratch\nADD rootfs.tar.xz /\nADD vendor.tgz /opt/vendor/\n' },
    { name: 'a zstd archive', code: 'FROM alpine:3.20\nADD tools.tar.zst /opt/\n' },
    { name: 'a compressed file may hide a tar', code: 'FROM alpine:3.20\nADD bundle.gz /opt/\n' },
    { name: '--checksum', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d app.bin /usr/local/bin/app\n' },
    { name: '--keep-git-dir and --unpack', code: 'FROM alpine:3.20\nADD --keep-git-dir=true repo /src\nADD --unpack=false data.bin /data\n' },
    { name: 'a glob that may match archives', code: 'FROM alpine:3.20\nADD dist/* /opt/dist/\n' },
    { name: 'a variable ADD cannot see through', code: 'FROM alpine:3.20\nARG PACKAGE_URL\nADD ${PACKAGE_URL} /tmp/pkg\n' },
    { name: 'a variable that is a URL', code: 'ARG BASE=alpine:3.20\nFROM $BASE\nARG URL=https://example.com/key.asc\nADD $URL /etc/keys/\n' },
    { name: 'a flag written without "="', code: 'FROM alpine:3.20\nADD --chmod 755 run.sh /run.sh\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nADD requirements.txt /app/\n',
      errors: [{ message: MESSAGE, line: 2, column: 1, endColumn: 4 }],
      output: 'FROM python:3.12-slim\nCOPY requirements.txt /app/\n',
    },
    {
      name: 'lowercase and mixed-case keywords keep their case',
      code: 'from node:22-slim\nadd . /app\nAdd package.json /app/\n',
      errors: [{ message: MESSAGE, line: 2, column: 1 }, { message: MESSAGE, line: 3, column: 1 }],
      output: 'from node:22-slim\ncopy . /app\nCopy package.json /app/\n',
    },
    {
      name: 'flags COPY shares',
      code: 'FROM debian:12-slim\nADD --chown=app:app --chmod=0644 --link config/ /etc/app/\n',
      errors: [{ message: MESSAGE, line: 2, column: 1 }],
      output: 'FROM debian:12-slim\nCOPY --chown=app:app --chmod=0644 --link config/ /etc/app/\n',
    },
    {
      name: 'exec form, continuation and a non-archive glob',
      code: 'FROM nginx:1.27\nADD ["site/index.html", \\\n     "/usr/share/nginx/html/"]\nADD conf/*.conf /etc/nginx/conf.d/\n',
      errors: [{ message: MESSAGE, line: 2, column: 1 }, { message: MESSAGE, line: 4, column: 1 }],
      output: 'FROM nginx:1.27\nCOPY ["site/index.html", \\\n     "/usr/share/nginx/html/"]\nCOPY conf/*.conf /etc/nginx/conf.d/\n',
    },
    {
      name: 'a heredoc',
      code: 'FROM debian:12-slim\nADD <<EOF /etc/apt/apt.conf.d/99retries\nAcquire::Retries "3";\nEOF\n',
      errors: [{ message: MESSAGE, line: 2, column: 1 }],
      output: 'FROM debian:12-slim\nCOPY <<EOF /etc/apt/apt.conf.d/99retries\nAcquire::Retries "3";\nEOF\n',
    },
    {
      name: 'ONBUILD ADD',
      code: 'FROM node:22-slim\nONBUILD ADD package.json /app/\n',
      errors: [{ message: MESSAGE, line: 2, column: 9, endColumn: 12 }],
      output: 'FROM node:22-slim\nONBUILD COPY package.json /app/\n',
    },
    {
      name: 'a variable that resolves to a local file, under an escape directive, CRLF',
      code: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nARG CONFIG=app.config\r\nADD $CONFIG C:\\app\\\r\n',
      errors: [{ message: MESSAGE, line: 4, column: 1 }],
      output: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nARG CONFIG=app.config\r\nCOPY $CONFIG C:\\app\\\r\n',
    },
  ],
});
