import rule from '../../rules/non-interactive-install.js';
import { runRuleTests } from '../rule-tester.js';

const apt = (label: string) => `\`${label}\` without -y can stop at apt's "Do you want to continue?" prompt, which a build cannot answer: the build then fails. Add -y.`;
const rpm = (label: string) => `\`${label}\` without -y can stop at the "Is this ok [y/N]" prompt, which a build cannot answer: the build then fails. Add -y.`;
const zypper = (label: string) => `\`${label}\` without -n (--non-interactive) can stop at zypper's confirmation prompt, which a build cannot answer: the build then fails. Add -n.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get -qq install curl\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install --yes curl && apt-get -o APT::Get::Assume-Yes=true upgrade\n',
    {
      name: 'assume-yes written to apt.conf.d earlier in the stage chain',
      code: 'FROM debian:12-slim AS base\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90assumeyes\nFROM base\nRUN apt-get update && apt-get install curl\n',
    },
    { name: 'a dnf.conf copied in may answer yes', code: 'FROM fedora:40\nCOPY dnf.conf /etc/dnf/dnf.conf\nRUN dnf install git\n' },
    'FROM fedora:40\nRUN dnf -y install git && dnf --assumeyes upgrade && dnf install --setopt=assumeyes=1 make\n',
    'FROM rockylinux:9\nRUN echo "assumeyes=1" >> /etc/dnf/dnf.conf && dnf install git\n',
    'FROM centos:7\nRUN yum install -y epel-release && yum -y groupinstall "Development Tools"\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils && microdnf clean all\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper --non-interactive in git && zypper install -y vim && zypper rm --no-confirm nano\n',
    'FROM debian:12-slim\nRUN yes | apt-get install curl\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -s curl && apt-get clean && apt-get install --assume-no curl || true\n',
    'FROM alpine:3.20\nRUN apk add --no-cache curl && apk del curl\n',
    'FROM fedora:40\nRUN dnf module list && dnf group list && dnf clean all && dnf makecache\n',
    'FROM debian:12-slim\nRUN apt-cache policy curl && dpkg -l\n',
    { name: 'PowerShell RUN is not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install curl\n',
      errors: [{ message: apt('apt-get install'), line: 2, column: 23, endColumn: 43, codes: ['DL3014'] }],
      output: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'lowercase, continuation lines and sudo',
      code: 'from ubuntu:24.04\nrun sudo apt-get update \\\n    && sudo apt-get \\\n        install \\\n        curl\n',
      errors: [{ message: apt('apt-get install'), line: 3, column: 8, endLine: 5, codes: ['DL3014'] }],
      output: 'from ubuntu:24.04\nrun sudo apt-get update \\\n    && sudo apt-get \\\n        install -y \\\n        curl\n',
    },
    {
      name: 'yum, dnf, microdnf and zypper carry their own codes',
      code: 'FROM rockylinux:9\nRUN yum install git && dnf upgrade && microdnf install make && zypper in vim\n',
      errors: [
        { message: rpm('yum install'), line: 2, column: 5, codes: ['DL3030'] },
        { message: rpm('dnf upgrade'), line: 2, column: 24, codes: ['DL3038'] },
        { message: rpm('microdnf install'), line: 2, column: 39, codes: ['DL3038'] },
        { message: zypper('zypper in'), line: 2, column: 64, codes: ['DL3034'] },
      ],
      output: 'FROM rockylinux:9\nRUN yum install -y git && dnf upgrade -y && microdnf install make && zypper -n in vim\n',
      unsafeOutput: 'FROM rockylinux:9\nRUN yum install -y git && dnf upgrade -y && microdnf install -y make && zypper -n in vim\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12-slim\nRUN ["apt-get", "install", "curl"]\n',
      errors: [{ message: apt('apt-get install'), line: 2, column: 6, codes: ['DL3014'] }],
      output: 'FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      name: 'inside sh -c, if and $( )',
      code: 'FROM debian:12-slim\nRUN sh -c "apt-get upgrade" && if [ -n "$X" ]; then apt-get remove nano; fi && echo $(apt-get autoremove)\n',
      errors: [
        { message: apt('apt-get upgrade'), line: 2, column: 12, codes: ['DL3014'] },
        { message: apt('apt-get remove'), line: 2, column: 53, codes: ['DL3014'] },
        { message: apt('apt-get autoremove'), line: 2, column: 87, codes: ['DL3014'] },
      ],
      output: 'FROM debian:12-slim\nRUN sh -c "apt-get upgrade -y" && if [ -n "$X" ]; then apt-get remove -y nano; fi && echo $(apt-get autoremove -y)\n',
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM debian:12-slim\nONBUILD RUN apt install curl\n',
      errors: [{ message: apt('apt install'), line: 2, column: 13, codes: ['DL3014'] }],
      output: 'FROM debian:12-slim\nONBUILD RUN apt install -y curl\n',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\napt-get update\napt-get dist-upgrade\nEOF\n',
      errors: [{ message: apt('apt-get dist-upgrade'), line: 5, column: 1, codes: ['DL3014'] }],
      output: 'FROM debian:12-slim\nRUN <<EOF\nset -e\napt-get update\napt-get dist-upgrade -y\nEOF\n',
    },
    {
      name: 'backtick escape and CRLF',
      code: '# escape=`\r\nFROM debian:12-slim\r\nRUN apt-get update && `\r\n    apt-get install curl\r\n',
      errors: [{ message: apt('apt-get install'), line: 4, column: 5, codes: ['DL3014'] }],
      output: '# escape=`\r\nFROM debian:12-slim\r\nRUN apt-get update && `\r\n    apt-get install -y curl\r\n',
    },
    {
      name: 'dnf module install gets -y after install',
      code: 'FROM rockylinux:9\nRUN dnf module install nodejs:20\n',
      errors: [{ message: rpm('dnf module install'), line: 2, column: 5, codes: ['DL3038'] }],
      output: 'FROM rockylinux:9\nRUN dnf module install -y nodejs:20\n',
    },
    {
      name: 'every stage counts, and settings of another stage do not apply',
      code: 'FROM debian:12-slim AS setup\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90assumeyes\nFROM debian:12-slim AS build\nRUN apt-get install build-essential\nFROM debian:12-slim\nCOPY --from=build /usr/bin/make /usr/bin/make\n',
      errors: [{ message: apt('apt-get install'), line: 4, column: 5, codes: ['DL3014'] }],
      output: 'FROM debian:12-slim AS setup\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90assumeyes\nFROM debian:12-slim AS build\nRUN apt-get install -y build-essential\nFROM debian:12-slim\nCOPY --from=build /usr/bin/make /usr/bin/make\n',
    },
    {
      name: 'a setting written after the command does not count',
      code: 'FROM fedora:40\nRUN dnf install git && echo assumeyes=1 >> /etc/dnf/dnf.conf\n',
      errors: [{ message: rpm('dnf install'), line: 2, column: 5, codes: ['DL3038'] }],
      output: 'FROM fedora:40\nRUN dnf install -y git && echo assumeyes=1 >> /etc/dnf/dnf.conf\n',
    },
    {
      name: 'zypper -n goes before the subcommand; a single -q is not enough for apt',
      code: 'FROM opensuse/tumbleweed:latest\nRUN zypper --quiet patch && apt-get -q install x\n',
      errors: [
        { message: zypper('zypper patch'), line: 2, column: 5, codes: ['DL3034'] },
        { message: apt('apt-get install'), line: 2, column: 29, codes: ['DL3014'] },
      ],
      output: 'FROM opensuse/tumbleweed:latest\nRUN zypper -n --quiet patch && apt-get -q install -y x\n',
    },
  ],
});
