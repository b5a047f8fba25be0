/**
 * Stable fingerprints for findings, shared by SARIF (`partialFingerprints`),
 * the GitLab report and baselines.
 *
 * A fingerprint is a hash of the rule id, the file's path relative to a root,
 * and the whitespace-normalised text of the instruction the finding is in
 * (continuation lines joined, comment lines inside it left out; in a
 * .dockerignore, the line), followed by `:N`, the finding's 1-based occurrence
 * among findings with the same hash in that file. Lines added or removed
 * elsewhere in the file do not change it; editing the instruction itself does.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileKind, FileResult } from './types.js';
import { SourceText } from './model/source.js';

/** Key of dockfix's fingerprint in SARIF `partialFingerprints`; bump the version when the hash changes. */
export const FINGERPRINT_KEY = 'dockfix/v1';

export interface Fingerprint {
  /** The hash of rule id, path and instruction text. */
  readonly hash: string;
  /** 1-based, among findings with the same hash in the file, in file order. */
  readonly occurrence: number;
  /** `hash:occurrence`. */
  readonly value: string;
}

/**
 * The path a report shows for a file: relative to `root` with forward slashes,
 * or absolute (forward slashes) when the file is outside `root`.
 */
export function reportPath(filePath: string, root: string): string {
  const absolute = resolve(root, filePath);
  const rel = relative(root, absolute);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join('/');
}

/** Fingerprints for each diagnostic of a file result, in the same order as `result.diagnostics`. */
export function fingerprintFile(result: FileResult, root: string): Fingerprint[] {
  const path = reportPath(result.filePath, root);
  const instructions = instructionTexts(result.source ?? '', result.kind);
  const hashes = result.diagnostics.map((diagnostic) =>
    createHash('sha256')
      .update(`${diagnostic.ruleId}\u0000${path}\u0000${instructions.textAt(diagnostic.start)}`)
      .digest('hex')
      .slice(0, 32),
  );
  // Occurrences count in file order, whatever order the diagnostics come in.
  const order = result.diagnostics
    .map((diagnostic, index) => ({ index, start: diagnostic.start, end: diagnostic.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  const seen = new Map<string, number>();
  const occurrences: number[] = [];
  for (const { index } of order) {
    const occurrence = (seen.get(hashes[index]) ?? 0) + 1;
    seen.set(hashes[index], occurrence);
    occurrences[index] = occurrence;
  }
  return hashes.map((hash, index) => ({ hash, occurrence: occurrences[index], value: `${hash}:${occurrences[index]}` }));
}

interface InstructionTexts {
  /** The normalised text of the instruction (or line) holding `offset`. */
  textAt(offset: number): string;
}

/**
 * Groups physical lines into logical ones as Docker reads them: a line ending
 * in the escape character continues on the next, and comment or blank lines
 * inside a continuation belong to it without adding text.
 */
export function instructionTexts(text: string, kind: FileKind): InstructionTexts {
  const escape = kind === 'dockerfile' ? escapeCharacter(text) : '';
  const source = new SourceText(text);
  const lineStarts = source.lineStarts;
  const groupOfLine: number[] = [];
  const pieces: string[][] = [];
  let open = false;
  for (let line = 0; line < lineStarts.length; line++) {
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    const trimmed = text.slice(lineStarts[line], end).trim();
    const comment = trimmed.startsWith('#');
    if (open) {
      groupOfLine.push(pieces.length - 1);
      if (comment || trimmed === '') continue;
    } else {
      pieces.push([]);
      groupOfLine.push(pieces.length - 1);
    }
    const continues = !comment && escape !== '' && trimmed.endsWith(escape);
    pieces[pieces.length - 1].push(continues ? trimmed.slice(0, -escape.length) : trimmed);
    open = continues;
  }
  const texts = pieces.map((parts) => parts.join(' ').replace(/\s+/g, ' ').trim());
  return {
    textAt(offset) {
      return texts[groupOfLine[source.lineOf(offset)]] ?? '';
    },
  };
}

/** The `# escape=` parser directive, if the file starts with one. */
function escapeCharacter(text: string): string {
  for (const line of text.split('\n')) {
    const directive = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S*)\s*$/.exec(line.replace(/\r$/, ''));
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}
