/**
 * `.hadolint.yaml` as a config, `dockfix migrate` and `--fail-level`, through
 * the built CLI (`npm test` builds first).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleSet } from '../src/rules.js';
import { allRules } from '../rules/index.js';
import { convertHadolintConfig } from '../src/hadolint-config.js';
import { dockfix, tempDir } from './helpers/cli.js';

const DOCKERFILE = 'FROM alpine:3.20\nUSER 1000\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nCMD ["c"]\nCMD ["d"]\n';
const HADOLINT_YAML = 'ignored:\n  - DL4003\n  - SC2086\noverride:\n  error:\n    - DL4004\nfailure-threshold: warning\nformat: tty\n';

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function lines(stdout: string): string[] {
  return JSON.parse(stdout)[0].messages.map((m: { line: number; ruleId: string; severity: number }) => `${m.line} ${m.ruleId} ${m.severity}`);
}

describe('.hadolint.yaml', () => {
  it('is read when there is no dockfix config, with alias-level ignores and overrides', () => {
    const dir = project({ '.hadolint.yaml': HADOLINT_YAML, 'app/Dockerfile': DOCKERFILE });
    const run = dockfix(['app/Dockerfile', '--format', 'json'], { cwd: dir });
    expect(lines(run.stdout)).toEqual(['3 multiple-instructions 2']);
    expect(run.status).toBe(1);
  });

  it('is not read when a dockfix config exists anywhere above the file', () => {
    const dir = project({ '.dockfix.yaml': 'rules: {}\n', 'app/.hadolint.yaml': HADOLINT_YAML, 'app/Dockerfile': DOCKERFILE });
    const run = dockfix(['app/Dockerfile', '--format', 'json'], { cwd: dir });
    expect(lines(run.stdout)).toEqual(['3 multiple-instructions 1', '5 multiple-instructions 1']);
    expect(run.status).toBe(0);
  });

  it('a broken .hadolint.yaml is an error naming the file', () => {
    const dir = project({ '.hadolint.yaml': 'override:\n  fatal: [DL3008]\n', Dockerfile: DOCKERFILE });
    const run = dockfix(['Dockerfile'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.hadolint.yaml: override.fatal: expected error, warning, info or style');
  });

  it('--config takes a .hadolint.yaml too', () => {
    const dir = project({ 'ci/.hadolint.yaml': 'ignored: [DL4003, DL4004]\n', Dockerfile: DOCKERFILE });
    const run = dockfix(['Dockerfile', '--format', 'json', '--config', 'ci/.hadolint.yaml'], { cwd: dir });
    expect(lines(run.stdout)).toEqual([]);
  });
});

describe('convertHadolintConfig', () => {
  const ruleSet = new RuleSet(allRules);

  it('maps every setting it knows and notes the rest', () => {
    const { config, notes } = convertHadolintConfig(
      { ignored: ['DL4003', 'SC2086', 'DL3005'], override: { style: ['DL4004'] }, 'no-fail': true, 'disable-ignore-pragma': true, colour: 1 },
      '.hadolint.yaml',
      ruleSet,
    );
    expect([...config.aliasLevels!]).toEqual([['DL4003', 'off'], ['DL4004', 'info']]);
    expect(config.failLevel).toBe('none');
    expect(notes).toEqual([
      'ignored: SC2086 has no dockfix rule (dockfix does not run ShellCheck); the setting is dropped.',
      'ignored: DL3005 has no dockfix rule (hadolint retired it: upgrading packages in an image is fine); the setting is dropped.',
      'disable-ignore-pragma: dockfix always honours `# hadolint ignore=` comments; use --report-unused-ignores to find stale ones.',
      'colour: not a setting dockfix knows; it is dropped.',
    ]);
  });

  it('passes trusted registries and the label schema to the rules that take them', () => {
    const { config, notes } = convertHadolintConfig(
      { trustedRegistries: ['docker.io', 'ghcr.io'], 'label-schema': { 'org.opencontainers.image.source': 'url' }, 'strict-labels': true },
      '.hadolint.yaml',
      ruleSet,
    );
    expect(notes).toEqual([]);
    expect(Object.fromEntries(config.rules)).toEqual({
      'trusted-registries': { level: undefined, options: { registries: ['docker.io', 'ghcr.io'] } },
      'label-schema': { level: undefined, options: { schema: { 'org.opencontainers.image.source': 'url' }, strict: true } },
    });
  });

  it('trustedRegistries turns the registry check on', () => {
    const dir = project({ '.hadolint.yaml': 'trustedRegistries: [ghcr.io]\n', Dockerfile: 'FROM alpine:3.20\nUSER 1000\n' });
    const run = dockfix(['Dockerfile', '--format', 'json'], { cwd: dir });
    expect(lines(run.stdout)).toEqual(['1 trusted-registries 1']);
  });

  it('rejects values hadolint would reject', () => {
    expect(() => convertHadolintConfig({ ignored: 'DL3008' }, 'x', ruleSet)).toThrow('ignored: expected a list of strings');
    expect(() => convertHadolintConfig({ 'failure-threshold': 'fatal' }, 'x', ruleSet)).toThrow('failure-threshold: expected');
    expect(() => convertHadolintConfig(['a'], 'x', ruleSet)).toThrow('the file must be a YAML mapping');
  });
});

describe('dockfix migrate', () => {
  it('writes an equivalent .dockfix.yaml, which then gives the same findings', () => {
    const dir = project({ '.hadolint.yaml': HADOLINT_YAML, Dockerfile: DOCKERFILE });
    const before = dockfix(['Dockerfile', '--format', 'json'], { cwd: dir });
    const run = dockfix(['migrate'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('SC2086 has no dockfix rule');
    expect(run.stderr).toContain('wrote .dockfix.yaml');
    expect(readFileSync(join(dir, '.dockfix.yaml'), 'utf8')).toBe(
      '# Converted from .hadolint.yaml by dockfix migrate.\nrules:\n  DL4003: off\n  DL4004: error\nfailLevel: warning\n',
    );
    const after = dockfix(['Dockerfile', '--format', 'json'], { cwd: dir });
    expect(lines(after.stdout)).toEqual(lines(before.stdout));
    expect(after.status).toBe(before.status);
  });

  it('never overwrites a config; --output - prints it', () => {
    const dir = project({ '.hadolint.yml': 'ignored: [DL4003]\n', '.dockfix.yaml': 'rules: {}\n' });
    const refused = dockfix(['migrate'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('.dockfix.yaml: it already exists');
    expect(readFileSync(join(dir, '.dockfix.yaml'), 'utf8')).toBe('rules: {}\n');
    const printed = dockfix(['migrate', '--output', '-'], { cwd: dir });
    expect(printed.stdout).toBe('# Converted from .hadolint.yml by dockfix migrate.\nrules:\n  DL4003: off\n');
  });

  it('says what to do when there is nothing to migrate', () => {
    const dir = project({});
    const run = dockfix(['migrate'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no .hadolint.yaml or .hadolint.yml in');
    expect(existsSync(join(dir, '.dockfix.yaml'))).toBe(false);
  });
});

describe('--fail-level', () => {
  const dir = project({ Dockerfile: 'FROM alpine:3.20\nUSER 1000\nCMD ["a"]\nCMD ["b"]\n' });

  it('sets the lowest severity that fails the run', () => {
    expect(dockfix(['Dockerfile'], { cwd: dir }).status).toBe(0);
    expect(dockfix(['Dockerfile', '--fail-level', 'warning'], { cwd: dir }).status).toBe(1);
    expect(dockfix(['Dockerfile', '--fail-level', 'none', '--rule', 'multiple-instructions=error'], { cwd: dir }).status).toBe(0);
  });

  it('comes from the config when the flag is absent, and rejects unknown levels', () => {
    writeFileSync(join(dir, '.dockfix.yaml'), 'failLevel: warning\n');
    expect(dockfix(['Dockerfile'], { cwd: dir }).status).toBe(1);
    const bad = dockfix(['Dockerfile', '--fail-level', 'fatal'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dockfix: --fail-level takes error, warning, info, none, not "fatal"\n');
  });
});
