/**
 * What COPY and ADD read from the build context, shared by the rules that
 * weigh ignore patterns against a Dockerfile's sources.
 */
import type { DockerfileModel, Instruction, Word } from '../model/dockerfile.js';
import { DockerignoreMatcher, goCleanPath } from '../context/dockerignore.js';
import { instructionsWithTriggers } from '../rule-kit.js';
import { matchesAnyGlob } from '../glob.js';

export interface CopySource {
  readonly instruction: Instruction;
  readonly word: Word;
  /** Cleaned and context-relative; `.` for the whole context. */
  readonly path: string;
  readonly glob: boolean;
}

/** Source words read from the build context: not `--from`, heredocs, URLs or variables. */
export function contextSourceWords(instruction: Instruction): Word[] {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return [];
  if (instruction.flags.some((flag) => flag.name === 'from')) return [];
  const words = instruction.json ?? instruction.args;
  return words.slice(0, -1).filter((word) => !word.value.startsWith('<<') && !word.value.includes('$')
    && !/^[a-z][a-z0-9+.-]*:\/\//i.test(word.value) && !word.value.startsWith('git@'));
}

/** Every context source of the file (ONBUILD triggers included), outside-the-context paths left out. */
export function copySources(file: DockerfileModel): CopySource[] {
  const sources: CopySource[] = [];
  for (const instruction of instructionsWithTriggers(file)) {
    for (const word of contextSourceWords(instruction)) {
      const path = goCleanPath(word.value).replace(/^\/+/, '') || '.';
      if (path.startsWith('..')) continue;
      sources.push({ instruction, word, path, glob: /[*?[]/.test(path) });
    }
  }
  return sources;
}

/** The first COPY/ADD that sends the whole context (`COPY . …`). */
export function broadCopy(file: DockerfileModel): Instruction | undefined {
  return copySources(file).find((source) => source.path === '.')?.instruction;
}

/** The source names this very file, literally or by a wildcard that matches it. */
export function namesExactly(source: CopySource, path: string): boolean {
  if (source.path === '.') return false;
  return source.glob ? matchesAnyGlob(path, [source.path], { dot: true }) : source.path === path;
}

/** The source sends this file into the image: the whole context, a directory holding it, or the file itself. */
export function covers(source: CopySource, path: string): boolean {
  if (source.path === '.') return true;
  if (source.glob) return matchesAnyGlob(path, [source.path], { dot: true }) || matchesAnyGlob(path, [`${source.path}/**`], { dot: true });
  return path === source.path || path.startsWith(`${source.path}/`);
}

/** Adding the ignore pattern would take a source (for a wildcard, its leading directories) out of the context. */
export function excludesSource(pattern: string, sources: readonly CopySource[]): boolean {
  const matcher = DockerignoreMatcher.fromText(pattern);
  return sources.some((source) => {
    if (source.path === '.') return false;
    if (!source.glob) return matcher.match(source.path, false).excluded || matcher.match(source.path, true).excluded;
    const segments = source.path.split('/');
    const firstGlob = segments.findIndex((segment) => /[*?[]/.test(segment));
    const prefix = segments.slice(0, firstGlob).join('/');
    // `COPY dist/*.js` names dist; `COPY *.log` names what "*.log" would leave out.
    return (prefix !== '' && matcher.match(prefix, true).excluded) || matchesAnyGlob(pattern.replace(/^\*\*\//, ''), [source.path], { dot: true });
  });
}

/** A context-relative path as an ignore-file line (anchored at the root), glob characters escaped. */
export function ignoreLine(path: string): string {
  return path.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
