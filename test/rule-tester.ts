/**
 * ESLint's RuleTester, for dockfix rules: valid cases must report nothing;
 * invalid cases must report exactly the listed findings (message, line,
 * column) and fix to exactly the given output, and fixing that output again
 * must change nothing.
 */
import { describe, expect, it } from 'vitest';
import { RuleSet } from '../src/rules.js';
import { fixText, lintText } from '../src/lint.js';
import type { BuildContextInfo, Diagnostic, Rule } from '../src/types.js';
import type { DockfixConfig } from '../src/config.js';

export interface ValidCase {
  readonly code: string;
  readonly name?: string;
  readonly filePath?: string;
  readonly targets?: readonly string[];
  readonly options?: Readonly<Record<string, unknown>>;
  /** The build context the file is linted with (the build-context rules need one). */
  readonly buildContext?: BuildContextInfo;
}

export interface ExpectedFinding {
  /** Exact message, or a pattern when the exact wording is tested elsewhere. */
  readonly message: string | RegExp;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The finding's `codes` (aliases it stands for), when the rule sets them. */
  readonly codes?: readonly string[];
  /** Number of suggestions expected, if any. */
  readonly suggestions?: number;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedFinding[];
  /** The text after `--fix` (safe fixes); omit or null when no safe fix applies. */
  readonly output?: string | null;
  /** The text after `--fix --unsafe-fixes`; omit or null when it equals `output` (or the input). */
  readonly unsafeOutput?: string | null;
  /** Lines `--fix --unsafe-fixes` adds to other files (the context's ignore file); omitted means none. */
  readonly fileChanges?: readonly { readonly path: string; readonly lines: readonly string[] }[];
}

export interface RuleCases {
  readonly valid: readonly (string | ValidCase)[];
  readonly invalid: readonly InvalidCase[];
}

function configFor(rule: Rule, options: Readonly<Record<string, unknown>> | undefined): DockfixConfig {
  return {
    path: undefined,
    rules: new Map([[rule.meta.id, { level: rule.meta.severity, options: options ?? {} }]]),
    ignorePaths: [],
    targets: [],
  };
}

const title = (item: ValidCase) => item.name ?? item.code.split('\n').find((line) => line.trim() && !line.startsWith('#'))?.slice(0, 60) ?? '(empty)';

export function runRuleTests(rule: Rule, cases: RuleCases): void {
  const ruleSet = new RuleSet([rule]);
  const optionsOf = (item: ValidCase) => ({
    filePath: item.filePath ?? (rule.meta.fileKind === 'dockerignore' ? '.dockerignore' : 'Dockerfile'),
    ruleSet,
    config: configFor(rule, item.options),
    targets: item.targets,
    buildContext: item.buildContext,
  });
  const own = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId === rule.meta.id);
  const others = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId !== rule.meta.id && d.ruleId !== 'parse-error');

  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const entry of cases.valid) {
        const item = typeof entry === 'string' ? { code: entry } : entry;
        it(title(item), () => {
          const result = lintText(item.code, optionsOf(item));
          expect(own(result.diagnostics).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
          expect(others(result.diagnostics)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const item of cases.invalid) {
        it(title(item), () => {
          const result = lintText(item.code, optionsOf(item));
          expect(others(result.diagnostics)).toEqual([]);
          const found = own(result.diagnostics);
          expect(found.map((d) => ({ line: d.line, column: d.column }))).toEqual(
            item.errors.map((error) => ({ line: error.line, column: error.column })),
          );
          found.forEach((diagnostic, index) => {
            const expected = item.errors[index];
            if (typeof expected.message === 'string') expect(diagnostic.message).toBe(expected.message);
            else expect(diagnostic.message).toMatch(expected.message);
            if (expected.endLine !== undefined) expect(diagnostic.endLine).toBe(expected.endLine);
            if (expected.endColumn !== undefined) expect(diagnostic.endColumn).toBe(expected.endColumn);
            if (expected.codes !== undefined) expect(diagnostic.codes).toEqual(expected.codes);
            if (expected.suggestions !== undefined) expect(diagnostic.suggestions?.length ?? 0).toBe(expected.suggestions);
          });

          const safe = fixText(item.code, optionsOf(item));
          expect(safe.output).toBe(item.output ?? item.code);
          const unsafe = fixText(item.code, { ...optionsOf(item), unsafe: true });
          expect(unsafe.output).toBe(item.unsafeOutput ?? item.output ?? item.code);
          expect(unsafe.fileChanges ?? []).toEqual(item.fileChanges ?? []);
          for (const fixed of [safe, unsafe]) {
            expect(fixed.diagnostics.filter((d) => d.ruleId === 'internal-error')).toEqual([]);
            // Idempotent: a second --fix finds nothing more to change.
            expect(fixText(fixed.output, { ...optionsOf(item), unsafe: fixed === unsafe }).output).toBe(fixed.output);
          }
        });
      }
    });
  });
}
