/**
 * Fixes that reach files other than the one linted: creating a `.dockerignore`
 * or adding lines to it. A change only adds whole lines that are missing, so
 * it is idempotent, and changes from several Dockerfiles to one file merge.
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { IoError, writeFileAtomic } from './io.js';
import type { FileChange } from './types.js';

const BOM = '\uFEFF';

export interface PlannedChange {
  readonly path: string;
  /** The text now (BOM removed); undefined when the file does not exist. */
  readonly before: string | undefined;
  readonly after: string;
  readonly bom: boolean;
}

/** Merges changes to the same file, keeping the order lines were first asked for. */
export function mergeFileChanges(changes: readonly FileChange[]): FileChange[] {
  const byPath = new Map<string, string[]>();
  for (const change of changes) {
    const lines = byPath.get(change.path) ?? [];
    for (const line of change.lines) if (!lines.includes(line)) lines.push(line);
    byPath.set(change.path, lines);
  }
  return [...byPath].map(([path, lines]) => ({ path, lines }));
}

/** What a change would make of its file now; undefined when every line is already there. */
export function planFileChange(change: FileChange): PlannedChange | undefined {
  let raw: string | undefined;
  try {
    raw = readFileSync(change.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new IoError(change.path, `cannot read it to apply a fix (${code ?? String(error)})`);
  }
  const bom = raw?.startsWith(BOM) ?? false;
  const before = bom ? raw!.slice(1) : raw;
  const present = new Set((before ?? '').split(/\r?\n/).map((line) => line.trim()));
  const missing = change.lines.filter((line) => !present.has(line.trim()));
  if (missing.length === 0) return undefined;
  const eol = before?.includes('\r\n') ? '\r\n' : '\n';
  const head = before === undefined || before === '' ? '' : before.endsWith('\n') ? before : before + eol;
  return { path: change.path, before, after: head + missing.join(eol) + eol, bom };
}

/** Writes a planned change: a new file is created exclusively, an existing one replaced atomically. */
export function writePlannedChange(planned: PlannedChange): void {
  if (planned.before !== undefined) {
    writeFileAtomic(planned.path, planned.after, planned.bom);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(planned.path, 'wx', 0o644);
    writeSync(fd, planned.after);
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IoError(planned.path, `cannot create it for a fix (${code ?? String(error)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The merged changes that some results ask for, planned against the files as
 * they are now; with `write`, each is written. A change that cannot be made is
 * returned in `failures` and the others still are.
 */
export function applyFileChanges(results: readonly { readonly fileChanges?: readonly FileChange[] }[], write: boolean): { planned: PlannedChange[]; failures: IoError[] } {
  const planned: PlannedChange[] = [];
  const failures: IoError[] = [];
  for (const change of mergeFileChanges(results.flatMap((result) => result.fileChanges ?? []))) {
    try {
      const plan = planFileChange(change);
      if (!plan) continue;
      if (write) writePlannedChange(plan);
      planned.push(plan);
    } catch (error) {
      if (!(error instanceof IoError)) throw error;
      failures.push(error);
    }
  }
  return { planned, failures };
}
