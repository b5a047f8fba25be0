/** Unified diffs of fixes, with a/ and b/ prefixes so both `git apply` and `patch -p1` take them. */
import { createTwoFilesPatch } from 'diff';

/** A patch from `before` to `after`; with `created`, one that creates the file (`--- /dev/null`). */
export function unifiedDiff(relativePath: string, before: string, after: string, created = false): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(created ? '/dev/null' : `a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of '=' that git apply does not need; the ---/+++ header is what counts.
  return patch.replace(/^={3,}\n/, '');
}
