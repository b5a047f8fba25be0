import type { DockerfileRule, Report } from '../src/types.js';
import type { ContextScan } from '../src/context/types.js';
import { DockerignoreMatcher, goCleanPath, parseDockerignore } from '../src/context/dockerignore.js';
import type { IgnorePattern } from '../src/context/dockerignore.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { matchesAnyGlob } from '../src/glob.js';
import { contextSourceWords } from '../src/knowledge/copy-sources.js';

const rule: DockerfileRule = {
  meta: {
    id: 'dockerignore-excludes-copy-source',
    description: 'A COPY/ADD source that the ignore file leaves out of the build context.',
    category: 'build-context',
    severity: 'error',
    fileKind: 'dockerfile',
    aliases: ['CopyIgnoredFile'],
    needsBuildContext: true,
  },
  check({ file, buildContext }) {
    const ignoreFile = buildContext?.scan.ignoreFile;
    if (!buildContext || !ignoreFile) return [];
    const patterns = parseDockerignore(ignoreFile.text).patterns;
    const matcher = new DockerignoreMatcher(patterns);
    // A build that fails on the ignore file itself is dockerignore-syntax's finding.
    if (matcher.buildError) return [];
    const scan = buildContext.scan;
    const ignoreName = ignoreFile.path.split(/[\\/]/).pop();
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      for (const source of contextSourceWords(instruction)) {
        const path = goCleanPath(source.value).replace(/^\/+/, '') || '.';
        if (path === '.' || path.startsWith('..')) continue;
        const finding = isGlob(path) ? globFinding(path, scan) : literalFinding(path, matcher, patterns, scan);
        if (!finding) continue;
        const decided = finding.pattern ? ` (pattern "${finding.pattern}" on line ${finding.line})` : '';
        reports.push(report(source, finding.partial
          ? `${ignoreName} leaves out ${finding.partial} of the files "${source.value}" matches${decided}, so ${instruction.keyword} silently copies less than it names. Add "!${path}" exceptions to ${ignoreName}, or narrow the source.`
          : `${ignoreName} excludes "${source.value}"${decided}, so it is not in the build context and ${instruction.keyword} fails with "not found". Remove the pattern or add an exception "!${path}" to ${ignoreName}.`));
      }
    }
    return reports;
  },
};
export default rule;

interface Finding {
  readonly pattern?: string;
  readonly line?: number;
  /** For globs: how many matched files are left out while others are sent. */
  readonly partial?: string;
}

function isGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

function literalFinding(path: string, matcher: DockerignoreMatcher, patterns: readonly IgnorePattern[], scan: ContextScan): Finding | undefined {
  const entry = scan.entries.find((candidate) => candidate.path === path);
  const result = matcher.match(path, entry?.isDir ?? false);
  if (!result.excluded) return undefined;
  // An excluded directory whose content an exception re-includes is copied in part, as intended.
  const prefix = `${path}/`;
  const below = scan.entries.filter((candidate) => candidate.path.startsWith(prefix));
  if (below.some((candidate) => !candidate.excluded)) return undefined;
  // Nothing below it was scanned (a pruned or unknown directory): an exception that reaches inside may re-include files.
  if (below.length === 0 && patterns.some((pattern) => pattern.negated && (pattern.pattern.startsWith(prefix) || pattern.pattern.startsWith('**')))) return undefined;
  return result.pattern ? { pattern: result.pattern.raw, line: result.pattern.line + 1 } : {};
}

function globFinding(path: string, scan: ContextScan): Finding | undefined {
  const matched = scan.entries.filter((entry) => !entry.isDir && matchesAnyGlob(entry.path, [path], { dot: true }));
  if (matched.length === 0) return undefined;
  const excluded = matched.filter((entry) => entry.excluded);
  if (excluded.length === 0) return undefined;
  if (excluded.length === matched.length) return {};
  return { partial: `${excluded.length} of ${matched.length}` };
}
