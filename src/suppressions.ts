/**
 * Inline suppression comments:
 *   # dockfix-ignore rule-a,rule-b -- reason   silences the next instruction
 *   # dockfix-ignore-file rule-a                silences the whole file
 * Without rule ids, every rule is silenced. Aliases (DL3008, JSONArgsRecommended)
 * name the rules that cover them.
 */
import type { OffsetRange } from './types.js';

export interface SuppressionComment {
  /** 0-based line of the comment. */
  readonly line: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Suppression {
  readonly scope: 'next' | 'file';
  /** Rule ids; empty means every rule. */
  readonly ruleIds: readonly string[];
  /** The range silenced (the next instruction), or the whole file. */
  readonly target: OffsetRange;
  readonly comment: SuppressionComment;
  readonly reason: string | undefined;
}

export interface UnknownSuppressedRule {
  readonly name: string;
  readonly comment: SuppressionComment;
}

const PATTERN = /^dockfix-ignore(-file)?(?:\s+([^\s-][^]*?))?\s*(?:--\s*(.*))?$/;

/**
 * Reads suppression comments. `nextUnit` gives the range of the first
 * instruction (or pattern line) after a line, if any.
 */
export function readSuppressions(
  comments: readonly SuppressionComment[],
  nextUnit: (line: number) => OffsetRange | undefined,
  resolveRuleId: (name: string) => string | undefined,
  fileLength: number,
): { suppressions: Suppression[]; unknown: UnknownSuppressedRule[] } {
  const suppressions: Suppression[] = [];
  const unknown: UnknownSuppressedRule[] = [];
  for (const comment of comments) {
    const match = PATTERN.exec(comment.text);
    if (!match) continue;
    const ruleIds: string[] = [];
    for (const name of (match[2] ?? '').split(/[\s,]+/).filter(Boolean)) {
      const id = resolveRuleId(name);
      if (id) ruleIds.push(id);
      else unknown.push({ name, comment });
    }
    // A comment that names only unknown rules silences nothing.
    if (match[2] && ruleIds.length === 0) continue;
    const scope = match[1] ? 'file' : 'next';
    const target = scope === 'file' ? { start: 0, end: fileLength } : nextUnit(comment.line);
    if (!target) continue;
    suppressions.push({ scope, ruleIds, target, comment, reason: match[3]?.trim() || undefined });
  }
  return { suppressions, unknown };
}

export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, range: OffsetRange): Suppression | undefined {
  return suppressions.find(
    (suppression) =>
      (suppression.ruleIds.length === 0 || suppression.ruleIds.includes(ruleId)) &&
      range.start >= suppression.target.start &&
      range.start <= suppression.target.end,
  );
}
