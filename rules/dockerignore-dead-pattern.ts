import type { IgnoreFileRule, Report, Suggestion } from '../src/types.js';
import type { ContextEntry } from '../src/context/types.js';
import type { IgnoreFileModel } from '../src/model/ignorefile.js';
import { DockerignoreMatcher, matchesPattern, parseDockerignore } from '../src/context/dockerignore.js';
import type { IgnorePattern } from '../src/context/dockerignore.js';
import { report } from '../src/rule-kit.js';

/**
 * Patterns people keep on purpose although they often match nothing: they protect against
 * files that appear later (secrets, VCS data, caches, editor litter). Compared after removing
 * a leading `**\/` and a trailing `/**` or `/*`. Documented in docs/rules/dockerignore-dead-pattern.md.
 */
export const PROTECTIVE_PATTERNS: readonly string[] = [
  // version control and Docker's own files
  '.git', '.gitignore', '.gitattributes', '.gitmodules', '.github', '.hg', '.svn',
  '.dockerignore', 'Dockerfile', 'Dockerfile*', '*.Dockerfile', '*.dockerfile',
  'docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yml', 'compose*.yaml',
  // secrets
  '.env', '.env*', '.env.*', '*.env', '.env.example', '.env.sample', '.env.template', '.env.dist', '.npmrc', '.pypirc', '.netrc', '.aws', '.ssh', '*.pem', '*.key', 'secrets', '*.tfstate', '*.tfstate.*',
  // dependencies, caches, build output
  'node_modules', '.venv', 'venv', '__pycache__', '*.pyc', '*.pyo', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox',
  '.cache', '.next', '.nuxt', 'coverage', '.nyc_output', 'dist', 'build', 'target', '.gradle', '.terraform',
  // logs and editor or OS litter
  '*.log', 'npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', '.DS_Store', 'Thumbs.db', '.idea', '.vscode', '*.swp', '*~',
];

const rule: IgnoreFileRule = {
  meta: {
    id: 'dockerignore-dead-pattern',
    description: 'A .dockerignore pattern that matches nothing in the build context, or an exception that re-includes nothing.',
    category: 'build-context',
    severity: 'info',
    fileKind: 'dockerignore',
    aliases: [],
    defaultOptions: { allow: [] },
    needsBuildContext: true,
  },
  check({ file, buildContext, options }) {
    // An incomplete scan cannot prove that a pattern matches nothing.
    if (!buildContext || buildContext.scan.truncated) return [];
    const matcher = new DockerignoreMatcher(file.patterns);
    // A build that fails on the ignore file itself is dockerignore-syntax's finding.
    if (matcher.buildError) return [];
    const allowed = new Set([...PROTECTIVE_PATTERNS, ...userAllowed(options.allow)]);
    const entries = buildContext.scan.entries;
    const parents = new Set(entries.map((entry) => entry.path.slice(0, Math.max(0, entry.path.lastIndexOf('/')))));
    // Directories the scanner listed but did not walk (excluded, nothing listed below): their content is unknown.
    const unwalked = entries.filter((entry) => entry.isDir && entry.excluded && !parents.has(entry.path));
    const reports: Report[] = [];
    for (const pattern of file.patterns) {
      if (pattern.error !== undefined || allowed.has(protectiveKey(pattern.pattern))) continue;
      if (unwalked.some((directory) => couldMatchBelow(pattern.pattern, directory.path))) continue;
      const hits = entriesMatched(pattern, entries);
      const suggestions = [removeLine(file, pattern)];
      if (hits.length === 0) {
        // A slash-less pattern that matches deeper paths is dockerignore-nested-pattern's finding.
        if (!pattern.negated && !pattern.raw.includes('/') && matchesDeeper(pattern, entries)) continue;
        reports.push(report(pattern, pattern.negated
          ? `The exception "${pattern.raw}" matches nothing in the build context, so it re-includes nothing. Fix the path, or remove it if it is left over.`
          : `"${pattern.raw}" matches nothing in the build context, so it excludes nothing. Fix the path, or remove it if it is left over.`, { suggestions }));
        continue;
      }
      if (!pattern.negated) continue;
      if (hits.some((entry) => !matcher.match(entry.path, entry.isDir).excluded)) continue;
      const decider = hits.map((entry) => matcher.match(entry.path, entry.isDir).pattern).find((found) => found !== undefined && found.index > pattern.index);
      // Excluded for another reason (a pruned parent decided by an earlier pattern): not this rule's call.
      if (!decider) continue;
      reports.push(report(pattern, `The exception "${pattern.raw}" re-includes nothing: everything it matches is excluded again by a later pattern ("${decider.raw}" on line ${decider.line + 1}). Move the exception below that pattern, or remove it.`, { suggestions }));
    }
    return reports;
  },
};
export default rule;

function userAllowed(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').map(protectiveKey) : [];
}

function protectiveKey(pattern: string): string {
  let key = pattern;
  while (key.startsWith('**/')) key = key.slice(3);
  return key.replace(/\/\*\*?$/, '');
}

/** Entries the pattern matches, themselves or through a matched parent directory (which a match carries down). */
function entriesMatched(pattern: IgnorePattern, entries: readonly ContextEntry[]): ContextEntry[] {
  const matched = new Set(entries.filter((entry) => matchesPattern(pattern, entry.path)).map((entry) => entry.path));
  if (matched.size === 0) return [];
  return entries.filter((entry) => {
    for (let path = entry.path; ; path = path.slice(0, path.lastIndexOf('/'))) {
      if (matched.has(path)) return true;
      if (!path.includes('/')) return false;
    }
  });
}

function matchesDeeper(pattern: IgnorePattern, entries: readonly ContextEntry[]): boolean {
  const anywhere = parseDockerignore(`**/${pattern.pattern}`).patterns[0];
  return anywhere.error === undefined && entries.some((entry) => entry.path.includes('/') && matchesPattern(anywhere, entry.path));
}

/**
 * Whether the pattern might match something below `directory`, whose content the scan did not list:
 * its literal leading segments must be compatible with the directory, and it must reach deep enough.
 */
function couldMatchBelow(pattern: string, directory: string): boolean {
  const segments = pattern.split('/');
  const directorySegments = directory.split('/');
  if (!pattern.includes('**') && segments.length <= directorySegments.length) return false;
  for (let index = 0; index < Math.min(segments.length, directorySegments.length); index++) {
    const segment = segments[index];
    if (/[*?[\\]/.test(segment)) return true;
    if (segment !== directorySegments[index]) return false;
  }
  return true;
}

function removeLine(file: IgnoreFileModel, pattern: IgnorePattern): Suggestion {
  const start = file.source.lineStarts[pattern.line];
  const next = file.source.lineStarts[pattern.line + 1];
  return { description: `Remove "${pattern.raw}"`, edits: [{ start, end: next ?? file.text.length, text: '' }] };
}
