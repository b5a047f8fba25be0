/**
 * Applies fixes in passes, ESLint-style: each pass applies the non-overlapping
 * fixes, re-lints, and checks the result. A pass whose result breaks the parse
 * or still reports what it fixed is retried one fix at a time; a fix that fails
 * on its own is dropped and reported as an internal error of its rule.
 */
import { BUILTIN_IDS, lintSource, toDiagnostic } from './engine.js';
import type { EngineConfig, LintOutcome } from './engine.js';
import type { RuleSet } from './rules.js';
import { SourceText, withLineEndings } from './model/source.js';
import type { Diagnostic, FileKind, Fix, TextEdit } from './types.js';

export const MAX_FIX_PASSES = 10;

export interface FixOptions {
  /** Also apply fixes whose applicability is `unsafe`. */
  readonly unsafe: boolean;
}

export interface FixOutcome {
  /** The text after every fix that held. */
  readonly output: string;
  /** Findings left after fixing, with rejected fixes reported as internal errors. */
  readonly diagnostics: Diagnostic[];
  readonly fixedCount: number;
  readonly lint: LintOutcome;
}

export function lintAndFix(
  text: string,
  filePath: string,
  kind: FileKind,
  ruleSet: RuleSet,
  config: EngineConfig,
  options: FixOptions,
): FixOutcome {
  const eol = new SourceText(text).eol;
  let current = text;
  let outcome = lintSource(current, filePath, kind, ruleSet, config);
  const rejected = new Set<string>();
  const failures: Diagnostic[] = [];
  let fixedCount = 0;

  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const candidates = outcome.diagnostics.filter(
      (diagnostic) =>
        diagnostic.fix !== undefined &&
        (options.unsafe || diagnostic.fix.applicability === 'safe') &&
        !rejected.has(fixKey(diagnostic)),
    );
    if (candidates.length === 0) break;
    const chosen = nonOverlapping(candidates);
    const next = applyFixes(current, chosen.map((diagnostic) => diagnostic.fix!), eol);
    if (next === current) break;
    const nextOutcome = lintSource(next, filePath, kind, ruleSet, config);
    if (holds(outcome, nextOutcome, chosen)) {
      current = next;
      outcome = nextOutcome;
      fixedCount += chosen.length;
      continue;
    }
    // Find the fix at fault: accept the first one that holds alone, drop those that do not.
    let accepted = false;
    for (const diagnostic of chosen) {
      const single = applyFixes(current, [diagnostic.fix!], eol);
      const singleOutcome = lintSource(single, filePath, kind, ruleSet, config);
      if (single !== current && holds(outcome, singleOutcome, [diagnostic])) {
        current = single;
        outcome = singleOutcome;
        fixedCount++;
        accepted = true;
        break;
      }
      rejected.add(fixKey(diagnostic));
      failures.push(rejectedFixDiagnostic(diagnostic, outcome, singleOutcome));
    }
    if (!accepted && rejected.size === 0) break;
  }
  const source = new SourceText(current);
  const relocated = failures.map((failure) =>
    toDiagnostic({ ...failure, start: Math.min(failure.start, current.length), end: Math.min(failure.end, current.length) }, source),
  );
  const diagnostics = [...outcome.diagnostics, ...relocated].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { output: current, diagnostics, fixedCount, lint: outcome };
}

/** Applies the edits of several non-overlapping fixes; "\n" in replacements becomes the file's line ending. */
export function applyFixes(text: string, fixes: readonly Fix[], eol: '\n' | '\r\n'): string {
  const edits: TextEdit[] = fixes.flatMap((fix) => fix.edits);
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of edits) {
    const replacement = withLineEndings(edit.text, eol);
    out = out.slice(0, edit.start) + replacement + out.slice(edit.end);
  }
  return out;
}

/** Picks fixes in file order, leaving any that overlaps an earlier pick for the next pass. */
function nonOverlapping(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => fixStart(a.fix!) - fixStart(b.fix!));
  const chosen: Diagnostic[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const diagnostic of sorted) {
    const edits = diagnostic.fix!.edits;
    const clashes = edits.some((edit) =>
      taken.some((range) => edit.start < range.end && range.start < edit.end || (edit.start === edit.end && edit.start === range.start) || (range.start === range.end && range.start === edit.start)),
    );
    if (clashes) continue;
    chosen.push(diagnostic);
    taken.push(...edits.map((edit) => ({ start: edit.start, end: edit.end })));
  }
  return chosen;
}

function fixStart(fix: Fix): number {
  return Math.min(...fix.edits.map((edit) => edit.start));
}

function fixKey(diagnostic: Diagnostic): string {
  return `${diagnostic.ruleId}\u0000${diagnostic.message}\u0000${JSON.stringify(diagnostic.fix?.edits.map((edit) => edit.text))}`;
}

/** A result holds when it parses no worse and each fixed rule reports less than before. */
function holds(before: LintOutcome, after: LintOutcome, applied: readonly Diagnostic[]): boolean {
  const parseErrors = (outcome: LintOutcome) => new Set(outcome.diagnostics.filter((d) => d.ruleId === BUILTIN_IDS.parseError).map((d) => d.message));
  const beforeErrors = parseErrors(before);
  for (const message of parseErrors(after)) if (!beforeErrors.has(message)) return false;
  const count = (outcome: LintOutcome, ruleId: string) => outcome.diagnostics.filter((d) => d.ruleId === ruleId).length;
  for (const ruleId of new Set(applied.map((d) => d.ruleId))) {
    if (count(after, ruleId) >= count(before, ruleId)) return false;
  }
  return true;
}

function rejectedFixDiagnostic(diagnostic: Diagnostic, before: LintOutcome, after: LintOutcome): Diagnostic {
  const newParseError = after.diagnostics.find(
    (d) => d.ruleId === BUILTIN_IDS.parseError && !before.diagnostics.some((b) => b.ruleId === d.ruleId && b.message === d.message),
  );
  const why = newParseError ? `its result does not parse (${newParseError.message})` : 'its result still reports the finding';
  return {
    ...diagnostic,
    ruleId: BUILTIN_IDS.internalError,
    severity: 'error',
    message: `The fix of rule ${diagnostic.ruleId} was not applied because ${why}. Please report this bug with the Dockerfile that triggers it.`,
    fix: undefined,
    suggestions: undefined,
  };
}
