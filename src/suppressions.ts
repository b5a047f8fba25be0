/**
 * Inline suppressions, ours and the ones users bring from hadolint and BuildKit:
 *   # dockfix-ignore rule-a,rule-b -- reason   silences the next instruction
 *   # dockfix-ignore-file rule-a                silences the whole file
 *   # hadolint ignore=DL3008,DL3015             silences the next instruction
 *   # hadolint global ignore=DL3008             silences the whole file
 *   # check=skip=JSONArgsRecommended,…          (BuildKit parser directive) silences the whole file
 * Without rule ids, a dockfix comment silences every rule. An alias (DL3008,
 * JSONArgsRecommended) silences only the findings that stand for it.
 */
import type { OffsetRange } from './types.js';

export interface SuppressionComment {
  /** 0-based line of the comment. */
  readonly line: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A rule named in a suppression; `code` is set when the user named one of its aliases. */
export interface SuppressedName {
  readonly ruleId: string;
  readonly code: string | undefined;
  /** As written, for messages. */
  readonly written: string;
}

export type SuppressionSource = 'dockfix' | 'hadolint' | 'buildkit';

export interface Suppression {
  readonly source: SuppressionSource;
  readonly scope: 'next' | 'file';
  /** Empty means every rule. */
  readonly names: readonly SuppressedName[];
  /** The range silenced (the next instruction), or the whole file. */
  readonly target: OffsetRange;
  readonly comment: SuppressionComment;
  readonly reason: string | undefined;
}

export interface UnknownSuppressedRule {
  readonly name: string;
  readonly comment: SuppressionComment;
}

/** What the suppression reader needs to know about the rules. */
export interface SuppressionRules {
  /** The rule id and canonical alias for a written name, if any rule has it. */
  resolveName(name: string): { ruleId: string; code: string | undefined } | undefined;
  /** Every (rule, BuildKit check) pair, for `# check=skip=all`. */
  buildkitChecks(): readonly { ruleId: string; code: string }[];
}

export interface FileSuppressions {
  readonly suppressions: Suppression[];
  /** Names in dockfix comments that no rule has (hadolint and BuildKit names we lack are not errors: those tools know them). */
  readonly unknown: UnknownSuppressedRule[];
  /** `# check=error=true`: findings of BuildKit checks become errors. */
  readonly buildkitErrors: boolean;
}

const DOCKFIX = /^dockfix-ignore(-file)?(?:\s+([^\s-][^]*?))?\s*(?:--\s*(.*))?$/;
const HADOLINT = /^hadolint\s+(global\s+)?ignore\s*=\s*([^#]+)/i;

/**
 * Reads suppressions from comments and the `check` directive. `nextUnit` gives
 * the range of the first instruction (or pattern line) after a line, if any.
 */
export function readSuppressions(
  comments: readonly SuppressionComment[],
  checkDirective: SuppressionComment | undefined,
  nextUnit: (line: number) => OffsetRange | undefined,
  rules: SuppressionRules,
  fileLength: number,
): FileSuppressions {
  const suppressions: Suppression[] = [];
  const unknown: UnknownSuppressedRule[] = [];
  const wholeFile = { start: 0, end: fileLength };
  for (const comment of comments) {
    const dockfix = DOCKFIX.exec(comment.text);
    if (dockfix) {
      const names: SuppressedName[] = [];
      for (const written of splitNames(dockfix[2] ?? '')) {
        const resolved = rules.resolveName(written);
        if (resolved) names.push({ ...resolved, written });
        else unknown.push({ name: written, comment });
      }
      // A comment that names only unknown rules silences nothing.
      if (dockfix[2] && names.length === 0) continue;
      const scope = dockfix[1] ? 'file' : 'next';
      const target = scope === 'file' ? wholeFile : nextUnit(comment.line);
      if (target) suppressions.push({ source: 'dockfix', scope, names, target, comment, reason: dockfix[3]?.trim() || undefined });
      continue;
    }
    const hadolint = HADOLINT.exec(comment.text);
    if (hadolint) {
      const names = resolveAll(splitNames(hadolint[2]).map((name) => name.replace(/^hadolint\//i, '')), rules);
      if (names.length === 0) continue;
      const scope = hadolint[1] ? 'file' : 'next';
      const target = scope === 'file' ? wholeFile : nextUnit(comment.line);
      if (target) suppressions.push({ source: 'hadolint', scope, names, target, comment, reason: undefined });
    }
  }
  let buildkitErrors = false;
  if (checkDirective) {
    const settings = parseCheckDirective(checkDirective.text);
    buildkitErrors = settings.error;
    const names: SuppressedName[] = settings.skipAll
      ? rules.buildkitChecks().map((check) => ({ ...check, written: check.code }))
      : resolveAll(settings.skip, rules);
    if (names.length > 0) {
      suppressions.push({ source: 'buildkit', scope: 'file', names, target: wholeFile, comment: checkDirective, reason: undefined });
    }
  }
  return { suppressions, unknown, buildkitErrors };
}

function splitNames(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function resolveAll(written: readonly string[], rules: SuppressionRules): SuppressedName[] {
  const names: SuppressedName[] = [];
  for (const name of written) {
    const resolved = name ? rules.resolveName(name) : undefined;
    if (resolved) names.push({ ...resolved, written: name });
  }
  return names;
}

/** BuildKit's `# check=skip=A,B;error=true` (either part optional, `skip=all` allowed). */
export function parseCheckDirective(value: string): { skip: string[]; skipAll: boolean; error: boolean } {
  let skip: string[] = [];
  let error = false;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === 'skip') skip = val.split(',').map((name) => name.trim()).filter(Boolean);
    else if (key === 'error') error = val.toLowerCase() === 'true';
  }
  const skipAll = skip.some((name) => name.toLowerCase() === 'all');
  return { skip: skipAll ? [] : skip, skipAll, error };
}

/** The suppression that silences a finding of `ruleId` standing for `codes` (undefined: all its aliases) at `range`, if any. */
export function suppressionFor(
  suppressions: readonly Suppression[],
  ruleId: string,
  codes: readonly string[] | undefined,
  range: OffsetRange,
): { suppression: Suppression; name: SuppressedName | undefined } | undefined {
  for (const suppression of suppressions) {
    if (range.start < suppression.target.start || range.start > suppression.target.end) continue;
    if (suppression.names.length === 0) return { suppression, name: undefined };
    const name = suppression.names.find(
      (candidate) => candidate.ruleId === ruleId && (candidate.code === undefined || codes === undefined || codes.includes(candidate.code)),
    );
    if (name) return { suppression, name };
  }
  return undefined;
}
