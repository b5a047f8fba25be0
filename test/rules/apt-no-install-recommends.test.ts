import rule from '../../rules/apt-no-install-recommends.js';
import { runRuleTests } from '../rule-tester.js';

const message = (label: string) => `\`${label}\` without --no-install-recommends also installs the packages these recommend, which the image rarely needs. Add --no-install-recommends and name the packages the image needs.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12-slim\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n',
    'FROM debian:12-slim\nRUN apt-get install -y --install-recommends texlive\n',
    {
      name: 'apt.conf setting earlier in the stage chain',
      code: 'FROM debian:12-slim AS base\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/01norecommends\nFROM base\nRUN apt-get update && apt-get install -y curl\n',
    },
    'FROM debian:12-slim\nRUN printf \'APT::Install-Recommends "false";\\n\' > /etc/apt/apt.conf.d/99 && apt-get install -y curl\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y -f && apt-get upgrade -y && aptitude install -y curl\n',
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    { name: 'an apt.conf file copied in may turn recommends off', code: 'FROM debian:12-slim\nCOPY docker/apt/01norecommends \\\n     /etc/apt/apt.conf.d/\nRUN apt-get update && apt-get install -y curl\n' },
    { name: 'PowerShell RUN is not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ message: message('apt-get install'), line: 2, column: 23, endColumn: 46 }],
      unsafeOutput: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'apt as well as apt-get, lowercase and continuations',
      code: 'from ubuntu:24.04\nrun apt update \\\n  && apt install -y \\\n    git\n',
      errors: [{ message: message('apt install'), line: 3, column: 6, endLine: 4 }],
      unsafeOutput: 'from ubuntu:24.04\nrun apt update \\\n  && apt install --no-install-recommends -y \\\n    git\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ message: message('apt-get install'), line: 2, column: 6 }],
      unsafeOutput: 'FROM debian:12-slim\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
    },
    {
      name: 'sh -c and if',
      code: 'FROM debian:12-slim\nRUN sh -c "apt-get install -y curl" && if [ "$DEBUG" = 1 ]; then apt-get install -y gdb; fi\n',
      errors: [
        { message: message('apt-get install'), line: 2, column: 12 },
        { message: message('apt-get install'), line: 2, column: 66 },
      ],
      unsafeOutput: 'FROM debian:12-slim\nRUN sh -c "apt-get install --no-install-recommends -y curl" && if [ "$DEBUG" = 1 ]; then apt-get install --no-install-recommends -y gdb; fi\n',
    },
    {
      name: 'ONBUILD and heredoc',
      code: 'FROM debian:12-slim\nONBUILD RUN apt-get install -y make\nRUN <<EOF\napt-get install -y curl\nEOF\n',
      errors: [
        { message: message('apt-get install'), line: 2, column: 13 },
        { message: message('apt-get install'), line: 4, column: 1 },
      ],
      unsafeOutput: 'FROM debian:12-slim\nONBUILD RUN apt-get install --no-install-recommends -y make\nRUN <<EOF\napt-get install --no-install-recommends -y curl\nEOF\n',
    },
    {
      name: 'escape directive and CRLF',
      code: '# escape=`\r\nFROM debian:12-slim\r\nRUN apt-get update && `\r\n    apt-get install -y curl\r\n',
      errors: [{ message: message('apt-get install'), line: 4, column: 5 }],
      unsafeOutput: '# escape=`\r\nFROM debian:12-slim\r\nRUN apt-get update && `\r\n    apt-get install --no-install-recommends -y curl\r\n',
    },
    {
      name: 'a setting in another stage does not count',
      code: 'FROM debian:12-slim AS one\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/01norecommends\nFROM debian:12-slim\nRUN apt-get install -y curl\n',
      errors: [{ message: message('apt-get install'), line: 4, column: 5 }],
      unsafeOutput: 'FROM debian:12-slim AS one\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/01norecommends\nFROM debian:12-slim\nRUN apt-get install --no-install-recommends -y curl\n',
    },
  ],
});
