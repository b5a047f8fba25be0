/**
 * The pre-commit hooks and the GitHub Action are configuration, not code:
 * these tests check that they name CLI flags that exist, and run the hooks
 * the way pre-commit does (the file names as arguments). Needs the build
 * (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileKindOf } from '../../src/discover.js';
import { DEFAULT_SARIF_CATEGORY } from '../../src/formatters/sarif.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dockfix.js');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  types?: string[];
}

interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

interface Action {
  name: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { name?: string; uses?: string; run?: string; with?: Record<string, string>; 'working-directory'?: string }[] };
}

/** A misspelt stage name: an error-level finding with no fix. */
const BROKEN = 'FROM gcr.io/distroless/static-debian12:nonroot AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=biuld /a /b\n';

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

function dockfix(args: string[], cwd = ROOT) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The long options `dockfix --help` lists (with the --no- forms of booleans). */
let knownFlags: Set<string>;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const help = dockfix(['--help']).stdout;
  knownFlags = new Set([...help.matchAll(/--([a-z][a-z-]*)/g)].flatMap((match) => [match[1], `no-${match[1]}`]));
  expect(knownFlags.has('format')).toBe(true);
});

function flagsIn(command: string): string[] {
  return [...command.matchAll(/(?:^|\s|\()--([a-z][a-z-]*)/g)].map((match) => match[1]);
}

/** pre-commit's patterns are Python regexes; a leading (?i) is the only flag these use. */
function pythonRegex(pattern: string): RegExp {
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
}

describe('.pre-commit-hooks.yaml', () => {
  it('has a lint hook and a fix hook that run the dockfix bin with existing flags', () => {
    expect(hooks.map((hook) => hook.id)).toEqual(['dockfix', 'dockfix-fix']);
    const bin = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(bin).toContain(hook.entry.split(' ')[0]);
      for (const flag of flagsIn(hook.entry)) expect(knownFlags, `${hook.id}: --${flag}`).toContain(flag);
    }
    expect(hooks[0].entry).toBe('dockfix');
    expect(hooks[1].entry).toBe('dockfix --fix');
  });

  it('matches exactly the file names dockfix lints in directories', () => {
    const names = [
      'Dockerfile', 'dockerfile', 'Dockerfile.dev', 'Dockerfile-prod', 'api.Dockerfile', 'worker.dockerfile',
      'Containerfile', 'Containerfile.test', '.dockerignore', 'api.dockerignore', '.containerignore',
      'Dockerfile.md', 'Dockerfile.j2', 'Dockerfile.yaml', 'README.md', 'docker-compose.yml', 'Dockerfiles', 'notadockerfile.txt', 'src/main.ts',
    ];
    for (const hook of hooks) {
      const files = pythonRegex(hook.files);
      const exclude = hook.exclude ? pythonRegex(hook.exclude) : undefined;
      for (const name of names) {
        for (const path of [name, `services/api/${name}`]) {
          const matched = files.test(path) && !exclude?.test(path);
          expect([hook.id, path, matched]).toEqual([hook.id, path, fileKindOf(name) !== undefined]);
        }
      }
    }
  });

  describe('run as pre-commit runs them', () => {
    const entry = (id: string) => hooks.find((hook) => hook.id === id)!.entry.split(' ').slice(1);

    it('dockfix fails on error-level findings and passes clean files', () => {
      const dir = mkdtempSync(join(tmpdir(), 'dockfix-hook-'));
      writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\n');
      writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
      writeFileSync(join(dir, 'bad.Dockerfile'), BROKEN);
      expect(dockfix([...entry('dockfix'), 'Dockerfile', '.dockerignore'], dir).status).toBe(0);
      const failing = dockfix([...entry('dockfix'), 'Dockerfile', 'bad.Dockerfile'], dir);
      expect(failing.status).toBe(1);
      expect(failing.stdout).toContain('copy-from-unknown-stage');
    });

    it('dockfix-fix rewrites the files (which fails the pre-commit run) and exits 0 when nothing is left', () => {
      const dir = mkdtempSync(join(tmpdir(), 'dockfix-hook-'));
      const before = 'FROM gcr.io/distroless/static-debian12:nonroot as base\nrun echo hi\n';
      writeFileSync(join(dir, 'Dockerfile'), before);
      writeFileSync(join(dir, 'clean.Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\n');
      const first = dockfix([...entry('dockfix-fix'), 'Dockerfile', 'clean.Dockerfile'], dir);
      expect(first.status).toBe(0);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM gcr.io/distroless/static-debian12:nonroot AS base\nRUN echo hi\n');
      expect(readFileSync(join(dir, 'clean.Dockerfile'), 'utf8')).toBe('FROM gcr.io/distroless/static-debian12:nonroot\n');
      // pre-commit runs the hook again on the next commit: nothing changes now.
      const second = dockfix([...entry('dockfix-fix'), 'Dockerfile'], dir);
      expect(second.status).toBe(0);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM gcr.io/distroless/static-debian12:nonroot AS base\nRUN echo hi\n');
    });

    it('dockfix-fix exits 1 when an error it cannot fix is left', () => {
      const dir = mkdtempSync(join(tmpdir(), 'dockfix-hook-'));
      writeFileSync(join(dir, 'Dockerfile'), BROKEN.replace(' AS build', ' as build'));
      const run = dockfix([...entry('dockfix-fix'), 'Dockerfile'], dir);
      expect(run.status).toBe(1);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BROKEN);
    });
  });
});

describe('action.yml', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'config', 'fail-on', 'category']));
    expect(action.inputs.paths.default).toBe('.');
    expect(action.inputs['fail-on'].default).toBe('error');
    for (const level of ['error', 'warning', 'info', 'never']) expect(action.inputs['fail-on'].description).toContain(level);
    expect(action.inputs.category.default).toBe(DEFAULT_SARIF_CATEGORY);
  });

  it('builds dockfix in the action directory, runs it with existing flags and uploads the SARIF', () => {
    const steps = action.runs.steps;
    const install = steps.find((step) => step.run?.includes('npm ci'));
    expect(install?.['working-directory']).toBe('${{ github.action_path }}');
    const lint = steps.find((step) => step.run?.includes('bin/dockfix.js'));
    expect(lint).toBeDefined();
    const invocation = lint!.run!.split('\n').filter((line) => line.includes('dockfix.js') || line.includes('args'));
    const flags = invocation.flatMap(flagsIn);
    expect(flags).toEqual(expect.arrayContaining(['sarif-category', 'output', 'config']));
    for (const flag of flags) expect(knownFlags, `--${flag}`).toContain(flag);
    for (const input of ['paths', 'config', 'category', 'sarif-file']) {
      expect(JSON.stringify(action.runs.steps), input).toContain(`inputs.${input}`);
    }
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload?.with).toEqual({ sarif_file: '${{ inputs.sarif-file }}', category: '${{ inputs.category }}' });
  });

  it('runs the way the action does: SARIF written with the category, stylish on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockfix-action-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot as base\n');
    const run = dockfix(['--sarif-category', 'dockerfiles/', '--output', 'sarif:dockfix.sarif', '--', '.'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('from-as-casing');
    const log = JSON.parse(readFileSync(join(dir, 'dockfix.sarif'), 'utf8'));
    expect(log.runs[0].automationDetails.id).toBe('dockerfiles/');
    expect(log.runs[0].results.map((result: { level: string }) => result.level)).toEqual(['warning']);
  });
});
