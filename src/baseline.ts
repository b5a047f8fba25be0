/**
 * Baselines: a file that records the findings a project accepts today, so
 * that only new ones are reported. Findings match by the fingerprint SARIF
 * uses (rule id, path, the instruction's text, occurrence), so edits elsewhere
 * in a file do not bring old findings back.
 *
 * Paths in the baseline, and so its fingerprints, are relative to the
 * directory that holds the baseline file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fingerprintFile, reportPath } from './fingerprint.js';
import { describeErrno, IoError } from './io.js';
import type { FileResult } from './types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** The fingerprint hash (without the `:N` occurrence). */
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly file: string;
  /** How many findings with this fingerprint are accepted. */
  readonly count: number;
}

export interface Baseline {
  readonly version: number;
  readonly fingerprints: readonly BaselineEntry[];
}

/**
 * The baseline of a set of results. `root` is the directory the baseline file
 * lives in; relative result paths are resolved against `cwd`.
 */
export function createBaseline(results: readonly FileResult[], root: string, cwd: string = root): Baseline {
  const entries = new Map<string, { fingerprint: string; ruleId: string; file: string; count: number }>();
  for (const result of results) {
    const filePath = resolve(cwd, result.filePath);
    const file = reportPath(filePath, root);
    const fingerprints = fingerprintFile({ ...result, filePath }, root);
    result.diagnostics.forEach((diagnostic, index) => {
      const { hash } = fingerprints[index];
      const entry = entries.get(hash);
      if (entry) entry.count++;
      else entries.set(hash, { fingerprint: hash, ruleId: diagnostic.ruleId, file, count: 1 });
    });
  }
  const fingerprints = [...entries.values()].sort(
    (a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint),
  );
  return { version: BASELINE_VERSION, fingerprints };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    writeFileSync(path, serializeBaseline(baseline));
  } catch (error) {
    throw new IoError(path, `cannot write the baseline: ${describeErrno(error)}`);
  }
}

/** Reads and checks a baseline file; any problem is an IoError naming the file. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IoError(path, code === 'ENOENT' ? 'baseline file not found (create it with --baseline-write)' : `cannot read the baseline: ${describeErrno(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new IoError(path, `not a valid baseline: ${(error as Error).message}`);
  }
  return parseBaseline(data, path);
}

export function parseBaseline(data: unknown, path: string): Baseline {
  const invalid = (detail: string) => new IoError(path, `not a valid baseline: ${detail}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid('expected a JSON object');
  const record = data as Record<string, unknown>;
  if (record.version !== BASELINE_VERSION) throw invalid(`unsupported version ${JSON.stringify(record.version)} (expected ${BASELINE_VERSION})`);
  if (!Array.isArray(record.fingerprints)) throw invalid('"fingerprints" must be a list');
  const fingerprints = record.fingerprints.map((entry: unknown, index): BaselineEntry => {
    const e = entry as Record<string, unknown> | null;
    if (
      typeof e !== 'object' || e === null ||
      typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string' || typeof e.file !== 'string' ||
      typeof e.count !== 'number' || !Number.isInteger(e.count) || e.count < 1
    ) {
      throw invalid(`fingerprints[${index}] needs a fingerprint, ruleId and file (strings) and a count (1 or more)`);
    }
    return { fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, count: e.count };
  });
  return { version: BASELINE_VERSION, fingerprints };
}

/** The results without the findings the baseline accepts; `root` is the baseline file's directory. */
export function applyBaseline<T extends FileResult>(
  results: readonly T[],
  baseline: Baseline,
  root: string,
  cwd: string = root,
): { results: T[]; matched: number } {
  const accepted = new Map<string, number>();
  for (const entry of baseline.fingerprints) accepted.set(entry.fingerprint, (accepted.get(entry.fingerprint) ?? 0) + entry.count);
  let matched = 0;
  const kept = results.map((result) => {
    if (result.diagnostics.length === 0) return result;
    const fingerprints = fingerprintFile({ ...result, filePath: resolve(cwd, result.filePath) }, root);
    const diagnostics = result.diagnostics.filter((_diagnostic, index) => {
      const { hash, occurrence } = fingerprints[index];
      const known = occurrence <= (accepted.get(hash) ?? 0);
      if (known) matched++;
      return !known;
    });
    return diagnostics.length === result.diagnostics.length ? result : { ...result, diagnostics };
  });
  return { results: kept, matched };
}

/** The directory a baseline's paths are relative to. */
export function baselineRoot(path: string, cwd: string): string {
  return dirname(resolve(cwd, path));
}
