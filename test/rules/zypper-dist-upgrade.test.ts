import rule from '../../rules/zypper-dist-upgrade.js';
import { runRuleTests } from '../rule-tester.js';

const message = (sub: string) => `\`zypper ${sub}\` is a distribution upgrade: it may switch packages to other vendors, downgrade or remove them, and on a rolling repository it moves the image to whatever release is current. Use \`zypper update\` or \`zypper patch\` for updates, or a newer base image for a new release.`;

runRuleTests(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n update && zypper -n patch && zypper clean --all\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in vim && zypper -n rm nano\n',
    'FROM opensuse/tumbleweed:latest\nRUN zypper -n dup --dry-run\n',
    'FROM opensuse/leap:15.6\nRUN echo "zypper dup" > /notes.txt\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*\n',
    'FROM fedora:40\nRUN dnf distro-sync -y && dnf clean all\n',
    { name: 'PowerShell RUN is not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN zypper dup\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper clean --all\n',
      errors: [{ message: message('dist-upgrade'), line: 2, column: 5, endColumn: 27 }],
    },
    {
      name: 'dup, lowercase and continuation',
      code: 'from opensuse/tumbleweed:latest\nrun zypper --non-interactive \\\n    dup --allow-vendor-change\n',
      errors: [{ message: message('dup'), line: 2, column: 5, endLine: 3, endColumn: 8 }],
    },
    {
      name: 'exec form, sudo and sh -c',
      code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "-n", "dup"]\nRUN sudo zypper -n dup\nRUN sh -c "zypper -n dup"\n',
      errors: [
        { message: message('dup'), line: 2, column: 6 },
        { message: message('dup'), line: 3, column: 10 },
        { message: message('dup'), line: 4, column: 12 },
      ],
    },
    {
      name: 'ONBUILD and heredoc',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n dup\nRUN <<EOF\nzypper refresh\nzypper -n dist-upgrade\nEOF\n',
      errors: [
        { message: message('dup'), line: 2, column: 13 },
        { message: message('dist-upgrade'), line: 5, column: 1 },
      ],
    },
    {
      name: 'builder stages count too',
      code: 'FROM opensuse/tumbleweed:latest AS build\nRUN zypper -n dup && zypper -n in gcc\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc\n',
      errors: [{ message: message('dup'), line: 2, column: 5 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM opensuse/leap:15.6\nRUN zypper refresh && `\n    zypper -n dup\n',
      errors: [{ message: message('dup'), line: 4, column: 5 }],
    },
  ],
});
