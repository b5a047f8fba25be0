import rule from '../../rules/no-empty-continuation.js';
import { runRuleTests } from '../rule-tester.js';

const message = (keyword: string, where: string) =>
  `The ${keyword} continues over ${where}: empty continuation lines are deprecated and a future Docker release will reject them. ${
    where.startsWith('an ') ? 'Remove the empty line, or turn it into a comment.' : 'Remove the empty lines, or turn them into comments.'
  }`;

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n    git\n',
    { name: 'comment lines are not empty', code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n# the HTTP client\n    curl \\\n    # and git\n    git\n' },
    { name: 'blank lines between instructions', code: 'FROM debian:12-slim\n\nRUN apt-get update\n\n\nCMD ["bash"]\n' },
    { name: 'blank lines in a heredoc body', code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\n\napt-get update\n\napt-get install -y --no-install-recommends curl\nEOF\n' },
    { name: 'a line with only the escape is not empty', code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    \\\n    curl\n' },
    { name: 'exec form over several lines', code: 'FROM node:22-alpine\nCMD ["node", \\\n     "server.js"]\n' },
    { name: 'escape directive: a backslash does not continue', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\\n\nRUN echo ok\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    gnupg \\\n\n    curl\n',
      errors: [{ message: message('RUN', '2 empty lines (lines 3, 5)'), line: 3, column: 1 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    gnupg \\\n    curl\n',
    },
    {
      name: 'whitespace-only lines, adjacent',
      code: 'FROM debian:12-slim\nRUN apt-get update \\\n    \n\t\n    && apt-get install -y --no-install-recommends curl\n',
      errors: [{ message: message('RUN', '2 empty lines (lines 3, 4)'), line: 3, column: 1, endColumn: 5 }],
      output: 'FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl\n',
    },
    {
      name: 'EXPOSE, lowercase file',
      code: 'from nginx:1.27-alpine\nexpose \\\n\n80\n',
      errors: [{ message: message('expose', 'an empty line (line 3)'), line: 3, column: 1 }],
      output: 'from nginx:1.27-alpine\nexpose \\\n80\n',
    },
    {
      name: 'CRLF and escape directive',
      code: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n\r\n    Write-Host ok\r\n',
      errors: [{ message: message('RUN', 'an empty line (line 4)'), line: 4, column: 1 }],
      output: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n    Write-Host ok\r\n',
    },
    {
      name: 'ONBUILD, and a comment between the empty lines',
      code: 'FROM node:22-alpine\nONBUILD RUN npm ci \\\n\n    # production only\n\n    --omit=dev\n',
      errors: [{ message: message('ONBUILD RUN', '2 empty lines (lines 3, 5)'), line: 3, column: 1 }],
      output: 'FROM node:22-alpine\nONBUILD RUN npm ci \\\n    # production only\n    --omit=dev\n',
    },
    {
      name: 'a trailing continuation at the end of the file',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n\n\n',
      errors: [{ message: message('RUN', '2 empty lines (lines 3, 4)'), line: 3, column: 1 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n',
    },
    {
      name: 'the continuation swallows the next instruction',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n\nCMD ["curl", "--version"]\n',
      errors: [{ message: 'The RUN continues past an empty line (line 3) and takes in line 4 ("CMD ["curl", "--version"]") as part of its arguments: remove the "\\" at the end of line 2.', line: 3, column: 1 }],
    },
    {
      name: 'the escape to blame is the one before the last empty line',
      code: 'FROM debian:12-slim\nRUN apt-get update \\\n\n    && apt-get install -y --no-install-recommends curl \\\n\nENTRYPOINT ["curl"]\n',
      errors: [{ message: 'The RUN continues past 2 empty lines (lines 3, 5) and takes in line 6 ("ENTRYPOINT ["curl"]") as part of its arguments: remove the "\\" at the end of line 4.', line: 3, column: 1 }],
    },
  ],
});
