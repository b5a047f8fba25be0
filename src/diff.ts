/** Unified diffs of fixes, with a/ and b/ prefixes so both `git apply` and `patch -p1` take them. */
import { createTwoFilesPatch } from 'diff';

export function unifiedDiff(relativePath: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of '=' that git apply does not need; the ---/+++ header is what counts.
  return patch.replace(/^={3,}\n/, '');
}
