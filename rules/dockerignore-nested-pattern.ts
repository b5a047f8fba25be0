import type { IgnoreFileRule, Report } from '../src/types.js';
import type { Word } from '../src/model/dockerfile.js';
import type { ContextScan } from '../src/context/types.js';
import { DockerignoreMatcher, goCleanPath, matchesPattern, parseDockerignore } from '../src/context/dockerignore.js';
import type { IgnorePattern } from '../src/context/dockerignore.js';
import { instructionsWithTriggers, replace, report, unsafeFix } from '../src/rule-kit.js';
import { matchesAnyGlob } from '../src/glob.js';
import { contextSourceWords } from '../src/knowledge/copy-sources.js';

/**
 * Docker anchors every .dockerignore pattern at the context root: `node_modules` or `*.log`
 * match only there, not in subdirectories as in .gitignore. This rule reports such a pattern
 * when the context holds deeper matches that are still sent, and offers `**\/` in front.
 */
const rule: IgnoreFileRule = {
  meta: {
    id: 'dockerignore-nested-pattern',
    description: 'A pattern without "/" matches only at the context root in Docker, while matching paths deeper in the context are still sent.',
    category: 'build-context',
    severity: 'warning',
    fileKind: 'dockerignore',
    fixable: 'unsafe',
    aliases: [],
    needsBuildContext: true,
  },
  check({ file, buildContext }) {
    if (!buildContext) return [];
    const { scan, dockerfiles } = buildContext;
    const current = new DockerignoreMatcher(file.patterns);
    // A build that fails on the ignore file itself is dockerignore-syntax's finding.
    if (current.buildError) return [];
    const sources = dockerfiles.flatMap((dockerfile) => [...instructionsWithTriggers(dockerfile)].flatMap(contextSourceWords));
    const reports: Report[] = [];
    for (const pattern of file.patterns) {
      if (!isRootOnlyCandidate(pattern)) continue;
      const anywhere = `**/${pattern.raw}`;
      const fixedPatterns = withReplaced(file.patterns, pattern.index, anywhere);
      const fixed = new DockerignoreMatcher(fixedPatterns);
      if (fixed.buildError) continue;
      const deep = fixedPatterns[pattern.index];
      const deeper = topmost(scan.entries.filter((entry) => entry.path.includes('/') && matchesPattern(deep, entry.path)
        && !current.match(entry.path, entry.isDir).excluded && fixed.match(entry.path, entry.isDir).excluded).map((entry) => entry.path));
      if (deeper.length === 0) continue;
      const atRoot = scan.entries.filter((entry) => !entry.path.includes('/') && matchesPattern(pattern, entry.path)).map((entry) => entry.path);
      const blocked = blockedSource(sources, scan, current, fixed);
      const message = `"${pattern.raw}" matches only at the context root in Docker, where it matches ${describeRoot(atRoot)}; unlike .gitignore it does not apply in subdirectories, so ${describeDeeper(deeper)} still sent.`
        + (blocked
          ? ` "${anywhere}" would also exclude "${blocked.value}", which a COPY/ADD reads from the context, so add narrower patterns for the deeper paths instead.`
          : ` Write "${anywhere}" to exclude it at any depth.`);
      reports.push(report(pattern, message, blocked ? {} : { fix: unsafeFix(replace(pattern, anywhere)) }));
    }
    return reports;
  },
};
export default rule;

/** An exclusion written with gitignore habits: no `/` anywhere (a leading `/` says "root" on purpose), not `**`-led, not all wildcards. */
function isRootOnlyCandidate(pattern: IgnorePattern): boolean {
  if (pattern.error !== undefined || pattern.negated) return false;
  if (pattern.raw.includes('/') || pattern.pattern.startsWith('**')) return false;
  return !/^[*.]*$/.test(pattern.pattern);
}

function withReplaced(patterns: readonly IgnorePattern[], index: number, raw: string): IgnorePattern[] {
  const replacement = parseDockerignore(raw).patterns[0];
  return patterns.map((pattern) => (pattern.index === index ? { ...pattern, raw, pattern: replacement.pattern, error: replacement.error } : pattern));
}

/** Drops paths below another listed path: `a/node_modules` stands for its own content. */
function topmost(paths: readonly string[]): string[] {
  const sorted = [...paths].sort();
  const kept: string[] = [];
  for (const path of sorted) {
    if (!kept.some((parent) => path.startsWith(`${parent}/`))) kept.push(path);
  }
  return kept;
}

function quoteSome(paths: readonly string[]): string {
  const named = paths.slice(0, 3).map((path) => `"${path}"`).join(', ');
  return paths.length > 3 ? `${named} and ${paths.length - 3} more` : named;
}

function describeRoot(paths: readonly string[]): string {
  return paths.length === 0 ? 'nothing' : quoteSome(paths);
}

function describeDeeper(paths: readonly string[]): string {
  return paths.length === 1 ? `${quoteSome(paths)} is` : `${paths.length} deeper paths (${quoteSome(paths)}) are`;
}

/** The first COPY/ADD source that the fixed file would newly exclude, if any. */
function blockedSource(sources: readonly Word[], scan: ContextScan, current: DockerignoreMatcher, fixed: DockerignoreMatcher): Word | undefined {
  return sources.find((source) => {
    const path = goCleanPath(source.value).replace(/^\/+/, '') || '.';
    if (path === '.' || path.startsWith('..')) return false;
    const candidates = /[*?[]/.test(path)
      ? scan.entries.filter((entry) => matchesAnyGlob(entry.path, [path], { dot: true }))
      : [scan.entries.find((entry) => entry.path === path) ?? { path, isDir: false }];
    return candidates.some((entry) => !current.match(entry.path, entry.isDir).excluded && fixed.match(entry.path, entry.isDir).excluded);
  });
}

