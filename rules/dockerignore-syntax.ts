import type { IgnoreFileRule, Report } from '../src/types.js';
import { report, replace, safeFix } from '../src/rule-kit.js';

const rule: IgnoreFileRule = {
  meta: {
    id: 'dockerignore-syntax',
    description: 'A .dockerignore pattern that Docker rejects, so every build with this context fails.',
    category: 'build-context',
    severity: 'error',
    fileKind: 'dockerignore',
    fixable: 'safe',
    aliases: [],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const pattern of file.patterns) {
      if (pattern.error === undefined) continue;
      const range = { start: pattern.start, end: pattern.end };
      if (pattern.negated && pattern.pattern === '') {
        // A lone `!` can only break the build: removing its line changes nothing else.
        const line = pattern.line;
        const lineStart = file.source.lineStarts[line];
        const next = file.source.lineStarts[line + 1] ?? file.text.length;
        reports.push(report(range, `"${pattern.raw}" is an exception with no pattern, which Docker rejects, so every build with this context fails. Remove the line, or write the path to re-include after "!".`, {
          fix: safeFix(replace({ start: lineStart, end: next }, '')),
        }));
        continue;
      }
      reports.push(report(range, `Docker rejects "${pattern.raw}" (${pattern.error.replace(/; the build fails.*$/, '')}), so every build with this context fails. Fix the pattern: escape a literal "[" or "\\" with a backslash, and close character classes.`));
    }
    return reports;
  },
};
export default rule;
