import rule from '../../rules/os-package-pinning.js';
import { runRuleTests } from '../rule-tester.js';

const tail = (pin: string) => `: each build installs whatever version the repository has that day. Write \`${pin}\` to get the same packages on every build.`;
const apt = (label: string, names: string) => `\`${label}\` does not pin ${names}${tail('<package>=<version>')}`;
const rpm = (label: string, names: string) => `\`${label}\` does not pin ${names}${tail('<package>-<version>')}`;
const apk = (names: string) => `\`apk add\` does not pin ${names}: each build installs whatever version the repository has that day. Write \`<package>=<version>\` (or \`<package>~<version>\` for a release series) to get the same packages on every build.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ca-certificates=20230311\n',
    {
      name: 'local package files, URLs, variables and release pins',
      code: 'FROM debian:12-slim\nARG PKGS\nRUN apt-get install -y ./vendor/tool.deb /tmp/*.deb $PKGS "$(cat packages.txt)" git/bookworm-backports\n',
    },
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 && apk del .build-deps\n',
    'FROM alpine:3.20\nRUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing "bash>5.2" ./local.apk\n',
    'FROM fedora:40\nRUN dnf install -y nginx-1.24.0 @development-tools "dnf-command(config-manager)" https://example.com/x.rpm && dnf module install -y nodejs:20\n',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6-99.el7.centos.1 /tmp/local.rpm && yum groupinstall -y "Development Tools"\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in vim=9.1.0330 "curl>=8" && zypper -n in -t pattern devel_basis && zypper -n in pattern:base\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y nano && apt-get install -y -f\n',
    { name: 'PowerShell RUN is not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1 ca-certificates\n',
      errors: [{ message: apt('apt-get install', 'curl and ca-certificates'), line: 2, column: 23, codes: ['DL3008'] }],
    },
    {
      name: 'one report per command, long lists are cut',
      code: 'from ubuntu:24.04\nrun apt-get install -y \\\n    a \\\n    b \\\n    c \\\n    d \\\n    e \\\n    f\n',
      errors: [{ message: apt('apt-get install', 'a, b, c, d and 2 more'), line: 2, column: 5, endLine: 8, codes: ['DL3008'] }],
    },
    {
      name: 'apk: --virtual names are not packages',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0 && apk add -t .run-deps libpq\n',
      errors: [
        { message: apk('gcc'), line: 2, column: 5, codes: ['DL3018'] },
        { message: apk('libpq'), line: 2, column: 71, codes: ['DL3018'] },
      ],
    },
    {
      name: 'yum, dnf, microdnf and zypper carry their own codes',
      code: 'FROM rockylinux:9\nRUN yum install -y python3-devel && dnf install -y gcc-c++ && microdnf install -y shadow-utils && zypper -n in vim\n',
      errors: [
        { message: rpm('yum install', 'python3-devel'), line: 2, column: 5, codes: ['DL3033'] },
        { message: rpm('dnf install', 'gcc-c++'), line: 2, column: 37, codes: ['DL3041'] },
        { message: rpm('microdnf install', 'shadow-utils'), line: 2, column: 63, codes: ['DL3041'] },
        { message: apt('zypper in', 'vim'), line: 2, column: 99, codes: ['DL3037'] },
      ],
    },
    {
      name: 'dnf modules are pinned by stream',
      code: 'FROM rockylinux:9\nRUN dnf module install -y nodejs\n',
      errors: [{ message: `\`dnf module install\` does not pin nodejs${tail('<module>:<stream>')}`, line: 2, column: 5, codes: ['DL3041'] }],
    },
    {
      name: 'exec form, sh -c and ONBUILD',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\nRUN sh -c "apk add jq"\nONBUILD RUN apt install -y make\n',
      errors: [
        { message: apt('apt-get install', 'curl'), line: 2, column: 6, codes: ['DL3008'] },
        { message: apk('jq'), line: 3, column: 12, codes: ['DL3018'] },
        { message: apt('apt install', 'make'), line: 4, column: 13, codes: ['DL3008'] },
      ],
    },
    {
      name: 'heredoc, escape directive and builder stages',
      code: '# escape=`\nFROM debian:12-slim AS build\nRUN <<EOF\napt-get update\napt-get install -y build-essential\nEOF\nFROM debian:12-slim\nRUN apt-get install -y `\n    tini\n',
      errors: [
        { message: apt('apt-get install', 'build-essential'), line: 5, column: 1, codes: ['DL3008'] },
        { message: apt('apt-get install', 'tini'), line: 8, column: 5, codes: ['DL3008'] },
      ],
    },
  ],
});
