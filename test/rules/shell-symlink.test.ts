import rule from '../../rules/shell-symlink.js';
import { runRuleTests } from '../rule-tester.js';

const MESSAGE = (path: string) => `\`ln\` replaces ${path}, the shell every script and tool in the image relies on. Choose the shell of RUN with SHELL (for example SHELL ["/bin/bash", "-c"]) instead.`;

runRuleTests(rule, {
  valid: [
    { name: 'SHELL instead', code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo ok\n' },
    { name: '/bin/sh as the link target, not the link', code: 'FROM debian:12-slim\nRUN ln -s /bin/sh /usr/local/bin/posix-sh\n' },
    { name: 'other links', code: 'FROM python:3.12-slim\nRUN ln -sf /usr/local/bin/python3 /usr/local/bin/python\n' },
    { name: 'a link named sh elsewhere', code: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /opt/tools/sh\n' },
    { name: 'relative name after a cd', code: 'FROM debian:12-slim\nRUN cd /opt/bin && ln -sf /bin/bash sh\n' },
    { name: 'echo of the command', code: 'FROM debian:12-slim\nRUN echo "ln -sf /bin/bash /bin/sh"\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN ln -sf /bin/bash /bin/sh\n' },
  ],
  invalid: [
    {
      name: 'bash linked over /bin/sh',
      code: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n',
      errors: [{ message: MESSAGE('/bin/sh'), line: 2, column: 5, endColumn: 29 }],
    },
    {
      name: '/usr/bin/sh, split options, continuation',
      code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && ln -s -f bash /usr/bin/sh\n',
      errors: [{ message: MESSAGE('/usr/bin/sh'), line: 3, column: 5 }],
    },
    {
      name: 'target directory form',
      code: 'FROM debian:12-slim\nRUN ln -sf -t /bin /opt/shells/sh\n',
      errors: [{ message: MESSAGE('/bin/sh'), line: 2, column: 5 }],
    },
    {
      name: 'relative link name under WORKDIR /bin, lowercase',
      code: 'from debian:12-slim\nworkdir /bin\nrun ln -sf bash sh\n',
      errors: [{ message: MESSAGE('/bin/sh'), line: 3, column: 5 }],
    },
    {
      name: 'exec form and sh -c',
      code: 'FROM debian:12-slim\nRUN ["ln", "-sf", "/bin/bash", "/bin/sh"]\nRUN sh -c "ln -sfT /bin/dash /bin/sh"\n',
      errors: [
        { message: MESSAGE('/bin/sh'), line: 2, column: 6 },
        { message: MESSAGE('/bin/sh'), line: 3, column: 12 },
      ],
    },
    {
      name: 'ONBUILD and heredoc',
      code: 'FROM debian:12-slim\nONBUILD RUN ln -sf /bin/bash /bin/sh\nRUN <<EOF\nset -e\nln -sf /bin/bash /bin/sh\nEOF\n',
      errors: [
        { message: MESSAGE('/bin/sh'), line: 2, column: 13 },
        { message: MESSAGE('/bin/sh'), line: 5, column: 1 },
      ],
    },
    {
      name: 'escape directive, multi-stage, after &&',
      code: '# escape=`\nFROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM ubuntu:24.04\nRUN apt-get update && `\n    ln -sf /bin/bash /bin/sh\n',
      errors: [{ message: MESSAGE('/bin/sh'), line: 6, column: 5 }],
    },
  ],
});
