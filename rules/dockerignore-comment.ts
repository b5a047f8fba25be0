import type { IgnoreFileRule, Report } from '../src/types.js';
import { report, replace, safeFix, unsafeFix } from '../src/rule-kit.js';

const rule: IgnoreFileRule = {
  meta: {
    id: 'dockerignore-comment',
    description: 'A "#" that is not in the first column is part of a .dockerignore pattern, not a comment.',
    category: 'build-context',
    severity: 'warning',
    fileKind: 'dockerignore',
    fixable: 'unsafe',
    aliases: [],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const pattern of file.patterns) {
      if (pattern.error !== undefined) continue;
      const range = { start: pattern.start, end: pattern.end };
      const lineStart = file.source.lineStarts[pattern.line];
      if (pattern.raw.startsWith('#')) {
        // Only a file literally named like the comment could match it, so moving the `#` to column 1 is safe.
        reports.push(report(range, `"${pattern.raw}" is indented, so Docker reads it as a pattern, not a comment: only a "#" in the first column starts a comment. Move the "#" to the start of the line.`, {
          fix: safeFix(replace({ start: lineStart, end: pattern.start }, '')),
        }));
        continue;
      }
      const hash = inlineCommentAt(pattern.raw);
      if (hash < 0) continue;
      const kept = pattern.raw.slice(0, hash).trimEnd();
      const comment = pattern.raw.slice(hash);
      const eol = file.source.eol;
      reports.push(report(
        { start: pattern.start + hash, end: pattern.end },
        `Docker has no end-of-line comments: this line is the pattern "${pattern.raw}", which matches nothing you meant, so "${kept}" is not excluded. Put the comment on its own line.`,
        // Unsafe: the pattern starts to exclude files it did not exclude before.
        kept === '' || kept === '!' ? {} : { fix: unsafeFix(replace({ start: lineStart, end: pattern.end }, `${comment}${eol}${kept}`)) },
      ));
    }
    return reports;
  },
};
export default rule;

/** Offset of a `#` preceded by whitespace (a gitignore-style trailing comment), or -1. */
function inlineCommentAt(raw: string): number {
  const match = /[ \t]+#/.exec(raw);
  if (!match) return -1;
  // An escaped space before the `#` makes it part of a file name on purpose.
  if (match.index > 0 && raw[match.index - 1] === '\\') return -1;
  return match.index + match[0].length - 1;
}
