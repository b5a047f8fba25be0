/**
 * Applies fixes in passes, ESLint-style: each pass applies the non-overlapping
 * fixes, re-lints, and checks the result. A pass whose result breaks the parse
 * or still reports what it fixed is retried without the rules that did not
 * hold, then one fix at a time: a fix that fails on its own is dropped and
 * reported as an internal error of its rule, and the others are applied
 * together. Fixes inside an instruction with a parse error are not applied.
 */
import { BUILTIN_IDS, lintSource, toDiagnostic } from './engine.js';
import type { EngineConfig, LintOutcome } from './engine.js';
import type { RuleSet } from './rules.js';
import { SourceText, withLineEndings } from './model/source.js';
import type { Diagnostic, FileKind, Fix, OffsetRange, TextEdit } from './types.js';

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
    const unparsable = parseErrorRanges(outcome);
    const candidates = outcome.diagnostics.filter(
      (diagnostic) =>
        diagnostic.fix !== undefined &&
        // Where Docker cannot parse the file, a fix cannot be checked: the parse error comes first.
        !inUnparsable(diagnostic, unparsable) &&
        // Fixes that change other files only are collected after the passes (see lint.ts).
        diagnostic.fix.edits.length > 0 &&
        (options.unsafe || diagnostic.fix.applicability === 'safe') &&
        !rejected.has(fixKey(diagnostic)),
    );
    if (candidates.length === 0) break;
    const chosen = nonOverlapping(candidates);
    const tryFixes = (fixes: readonly Diagnostic[]) => {
      const fixedText = applyFixes(current, fixes.map((diagnostic) => diagnostic.fix!), eol);
      return { text: fixedText, outcome: lintSource(fixedText, filePath, kind, ruleSet, config) };
    };
    const next = applyFixes(current, chosen.map((diagnostic) => diagnostic.fix!), eol);
    if (next === current) break;
    const nextOutcome = lintSource(next, filePath, kind, ruleSet, config);
    if (holds(outcome, nextOutcome, chosen, eol)) {
      current = next;
      outcome = nextOutcome;
      fixedCount += chosen.length;
      continue;
    }
    // Fixes of different rules can undo each other (instruction-casing and from-as-casing on
    // one FROM): first retry without the rules that did not hold, so the others progress.
    const failing = rulesThatDidNotHold(outcome, nextOutcome, chosen, eol);
    const subset = failing === undefined ? [] : chosen.filter((diagnostic) => !failing.has(diagnostic.ruleId));
    if (subset.length > 0 && subset.length < chosen.length) {
      const partial = tryFixes(subset);
      if (holds(outcome, partial.outcome, subset, eol)) {
        current = partial.text;
        outcome = partial.outcome;
        fixedCount += subset.length;
        continue;
      }
    }
    // One broken fix spoils a pass: drop the fixes that do not hold alone (they are
    // reported), then apply together as many of the others as hold.
    const good: { diagnostic: Diagnostic; text: string; outcome: LintOutcome }[] = [];
    for (const diagnostic of chosen) {
      const single = applyFixes(current, [diagnostic.fix!], eol);
      const singleOutcome = lintSource(single, filePath, kind, ruleSet, config);
      if (single !== current && holds(outcome, singleOutcome, [diagnostic], eol)) {
        good.push({ diagnostic, text: single, outcome: singleOutcome });
      } else {
        rejected.add(fixKey(diagnostic));
        failures.push(rejectedFixDiagnostic(diagnostic, outcome, singleOutcome));
      }
    }
    if (good.length === 0) continue;
    if (good.length > 1) {
      // All the good fixes together, else those of the rules that still held together.
      let group = good.map((entry) => entry.diagnostic);
      let together = group.length === chosen.length ? { text: next, outcome: nextOutcome } : tryFixes(group);
      if (!holds(outcome, together.outcome, group, eol)) {
        const failing = rulesThatDidNotHold(outcome, together.outcome, group, eol);
        group = failing === undefined ? [] : group.filter((diagnostic) => !failing.has(diagnostic.ruleId));
        if (group.length > 1) together = tryFixes(group);
      }
      if (group.length > 1 && holds(outcome, together.outcome, group, eol)) {
        current = together.text;
        outcome = together.outcome;
        fixedCount += group.length;
        continue;
      }
    }
    // Otherwise the first good fix alone: every pass keeps or drops at least one fix.
    current = good[0].text;
    outcome = good[0].outcome;
    fixedCount++;
  }
  const source = new SourceText(current);
  const relocated = failures.map((failure) =>
    toDiagnostic({ ...failure, start: Math.min(failure.start, current.length), end: Math.min(failure.end, current.length) }, source),
  );
  const diagnostics = [...outcome.diagnostics, ...relocated].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { output: current, diagnostics, fixedCount, lint: outcome };
}

/**
 * Applies the edits of several non-overlapping fixes; "\n" in replacements becomes the file's line ending.
 * An offset between the "\r" and "\n" of a CRLF counts as before the "\r", so no edit splits a line ending.
 */
export function applyFixes(text: string, fixes: readonly Fix[], eol: '\n' | '\r\n'): string {
  const outsideCrlf = (offset: number) => (offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset);
  const edits: TextEdit[] = fixes.flatMap((fix) => fix.edits).map((edit) => ({ ...edit, start: outsideCrlf(edit.start), end: outsideCrlf(edit.end) }));
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of edits) {
    const replacement = withLineEndings(edit.text, eol);
    out = out.slice(0, edit.start) + replacement + out.slice(edit.end);
  }
  return out;
}

/** The instructions that have a parse error (not the file-level ones at 0:0), or the errors' own ranges. */
export function parseErrorRanges(outcome: { readonly diagnostics: readonly Diagnostic[]; readonly model: LintOutcome['model'] }): OffsetRange[] {
  const instructions = 'instructions' in outcome.model ? outcome.model.instructions : [];
  return outcome.diagnostics
    .filter((d) => d.ruleId === BUILTIN_IDS.parseError && d.end > d.start)
    .map((d) => instructions.find((instruction) => instruction.start <= d.start && d.start < instruction.end) ?? d)
    .map(({ start, end }) => ({ start, end }));
}

/** Whether the finding, or an edit of its fix, lies in one of the ranges (an insertion counts as one character). */
export function inUnparsable(diagnostic: Diagnostic, ranges: readonly OffsetRange[]): boolean {
  const touches = (span: OffsetRange) => ranges.some((range) => span.start < range.end && Math.max(span.end, span.start + 1) > range.start);
  return touches(diagnostic) || (diagnostic.fix?.edits.some(touches) ?? false);
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

/** A result holds when it parses no worse and each fixed rule no longer reports what was fixed. */
function holds(before: LintOutcome, after: LintOutcome, applied: readonly Diagnostic[], eol: '\n' | '\r\n'): boolean {
  return rulesThatDidNotHold(before, after, applied, eol)?.size === 0;
}

/**
 * The fixed rules that still report what was fixed; undefined when the result has a new parse error.
 * A rule holds when it reports less than before. A fix that edits only away from its finding (it
 * declares an ARG, adds a USER) may bring another finding of its rule to light elsewhere ("did you
 * mean $VERSION?" once VERSION is declared): it holds too when the rule reports as much as before
 * but nothing where the untouched finding now is. Fixes that edit or move their finding's own text
 * are judged by the count alone, since their finding cannot be told from a new one.
 */
function rulesThatDidNotHold(before: LintOutcome, after: LintOutcome, applied: readonly Diagnostic[], eol: '\n' | '\r\n'): Set<string> | undefined {
  const parseErrors = (outcome: LintOutcome) => new Set(outcome.diagnostics.filter((d) => d.ruleId === BUILTIN_IDS.parseError).map((d) => d.message));
  const beforeErrors = parseErrors(before);
  for (const message of parseErrors(after)) if (!beforeErrors.has(message)) return undefined;
  const edits = applied.flatMap((d) => d.fix!.edits);
  // Where an offset of the text before the fixes is after them.
  const moved = (offset: number) =>
    offset + edits.filter((edit) => edit.end <= offset).reduce((shift, edit) => shift + withLineEndings(edit.text, eol).length - (edit.end - edit.start), 0);
  const overlaps = (a: OffsetRange, b: OffsetRange) => a.start < Math.max(b.end, b.start + 1) && b.start < Math.max(a.end, a.start + 1);
  const failing = new Set<string>();
  for (const ruleId of new Set(applied.map((d) => d.ruleId))) {
    const countBefore = before.diagnostics.filter((d) => d.ruleId === ruleId).length;
    const left = after.diagnostics.filter((d) => d.ruleId === ruleId);
    if (left.length < countBefore) continue;
    const fixed = applied.filter((d) => d.ruleId === ruleId);
    const atDistance = fixed.every((d) => !d.fix!.edits.some((edit) => overlaps(edit, d)));
    const fixedNow = fixed.map((d) => ({ start: moved(d.start), end: moved(d.end) }));
    if (left.length > countBefore || !atDistance || left.some((d) => fixedNow.some((range) => overlaps(d, range)))) failing.add(ruleId);
  }
  return failing;
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
