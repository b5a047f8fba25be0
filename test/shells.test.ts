/**
 * Shell rules read POSIX shell only: RUN lines in PowerShell or cmd (by SHELL,
 * by a Windows base image, or by `# hadolint shell=`) must not set them off,
 * even when the same words would be findings under /bin/sh.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';

/** Commands that several shell rules report when /bin/sh runs them. */
const RUNS = [
  'RUN apt-get update; apt-get install curl wget',
  'RUN cd C:\\tools; wget https://example.com/tool.zip | tar -x',
  'RUN sudo ln -sf /bin/bash /bin/sh; pip install requests; npm install -g typescript',
  'RUN useradd -u 123456789 app; yum install httpd',
  'RUN ps aux; curl -o x https://example.com/x; wget https://example.com/y',
].join('\n');

function ruleIds(text: string): string[] {
  return [...new Set(lintText(text).diagnostics.map((diagnostic) => diagnostic.ruleId))].sort();
}

describe('shells other than sh', () => {
  it('the POSIX control case reports the shell rules', () => {
    const ids = ruleIds(`FROM debian:12-slim\n${RUNS}\nUSER 1000\n`);
    for (const id of ['non-interactive-install', 'pipefail', 'no-sudo', 'shell-symlink', 'useradd-without-l', 'pointless-command', 'wget-progress']) {
      expect(ids).toContain(id);
    }
  });

  const quiet = (ids: string[]) => ids.filter((id) => !['consecutive-run', 'non-root-user', 'healthcheck'].includes(id));

  it('SHELL ["powershell", …] silences them', () => {
    expect(quiet(ruleIds(`# escape=\`\nFROM mcr.microsoft.com/powershell:lts-debian-12\nSHELL ["pwsh", "-Command"]\n${RUNS}\n`))).toEqual([]);
  });

  it('a Windows base image (cmd by default) silences them', () => {
    expect(quiet(ruleIds(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\n${RUNS}\n`))).toEqual([]);
  });

  it('# hadolint shell=powershell silences them', () => {
    expect(quiet(ruleIds(`FROM debian:12-slim\n# hadolint shell=powershell\n${RUNS}\n`))).toEqual([]);
  });

  it('a later SHELL back to sh turns them on again', () => {
    const ids = ruleIds(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["/bin/sh", "-c"]\nRUN sudo true\n`);
    expect(ids).toContain('no-sudo');
  });
});
