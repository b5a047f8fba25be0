/**
 * Every Dockerfile and ignore file of ../shared/corpus (real files from public
 * projects): no crash, no internal error, and fixes are idempotent. The corpus
 * sits beside the project on developer machines and in CI, not in a user's
 * clone: there the suite says so and skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixText, lintText } from '../src/lint.js';
import { decodeSource } from '../src/io.js';

const CORPUS = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));

interface Entry {
  path: string;
  kind: 'dockerfile' | 'dockerignore';
}

function manifest(): Entry[] {
  const lines = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [repo, , path, , kind] = line.split('\t');
    return { path: join(CORPUS, 'files', repo.replace('/', '__'), path), kind: kind as Entry['kind'] };
  });
}

describe.skipIf(!present)('corpus (../shared/corpus)', () => {
  const entries = present ? manifest() : [];

  it('has the files the manifest lists', () => {
    expect(entries.length).toBeGreaterThan(1000);
    expect(entries.filter((entry) => !existsSync(entry.path))).toEqual([]);
  });

  it('lints and fixes every file without crash or internal error, and a second fix changes nothing', () => {
    const problems: string[] = [];
    for (const entry of entries) {
      let text: string;
      try {
        text = decodeSource(entry.path, readFileSync(entry.path)).text;
      } catch {
        continue; // Binary or non-UTF-8 corpus files are refused by design; the CLI tests cover that.
      }
      const options = { filePath: entry.path, kind: entry.kind };
      try {
        const lint = lintText(text, options);
        const internal = lint.diagnostics.filter((d) => d.ruleId === 'internal-error');
        if (internal.length > 0) problems.push(`${entry.path}: ${internal[0].message}`);
        const fixed = fixText(text, { ...options, unsafe: true });
        const fixInternal = fixed.diagnostics.filter((d) => d.ruleId === 'internal-error');
        if (fixInternal.length > 0) problems.push(`${entry.path} (fix): ${fixInternal[0].message}`);
        const again = fixText(fixed.output, { ...options, unsafe: true });
        if (again.output !== fixed.output) problems.push(`${entry.path}: second --fix changed the file`);
      } catch (error) {
        problems.push(`${entry.path}: threw ${(error as Error).stack}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.skipIf(present)('corpus', () => {
  it.skip('../shared/corpus is not beside this checkout: corpus tests skipped', () => {});
});
