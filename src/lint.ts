/**
 * Lints and fixes texts and files: the library API the CLI is a thin layer on.
 * Text functions need no file system; file functions read, and with
 * `write: true` write fixes back atomically.
 */
import { lintSource } from './engine.js';
import { lintAndFix } from './fixer.js';
import { engineConfigFor, EMPTY_CONFIG } from './config.js';
import type { DockfixConfig, RuleLevel } from './config.js';
import { RuleSet } from './rules.js';
import { allRules } from '../rules/index.js';
import { assertWritable, IoError, readSourceFile, writeFileAtomic } from './io.js';
import { fileKindOf } from './discover.js';
import type { Diagnostic, FileKind, FileResult } from './types.js';
import { basename } from 'node:path';

let defaultRuleSet: RuleSet | undefined;
export function builtinRuleSet(): RuleSet {
  defaultRuleSet ??= new RuleSet(allRules);
  return defaultRuleSet;
}

export interface LintTextOptions {
  /** Used in results and to tell a .dockerignore from a Dockerfile. */
  readonly filePath?: string;
  /** Overrides the kind guessed from filePath. */
  readonly kind?: FileKind;
  readonly config?: DockfixConfig;
  /** Per-rule levels that win over the config (`--rule`). */
  readonly ruleOverrides?: ReadonlyMap<string, RuleLevel>;
  /** Stages that ship (`--target`); defaults to the config's, then the last stage. */
  readonly targets?: readonly string[];
  readonly ruleSet?: RuleSet;
}

export interface FixTextOptions extends LintTextOptions {
  /** Also apply unsafe fixes. */
  readonly unsafe?: boolean;
}

function prepare(options: LintTextOptions) {
  const ruleSet = options.ruleSet ?? builtinRuleSet();
  const filePath = options.filePath ?? 'Dockerfile';
  const kind = options.kind ?? fileKindOf(basename(filePath)) ?? 'dockerfile';
  const engineConfig = engineConfigFor(options.config ?? EMPTY_CONFIG, ruleSet, options.ruleOverrides ?? new Map(), options.targets ?? []);
  return { ruleSet, filePath, kind, engineConfig };
}

/** Lints a Dockerfile or ignore file given as text. */
export function lintText(text: string, options: LintTextOptions = {}): FileResult {
  const { ruleSet, filePath, kind, engineConfig } = prepare(options);
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const { diagnostics } = lintSource(clean, filePath, kind, ruleSet, engineConfig);
  return { filePath, kind, diagnostics, source: clean };
}

/** Lints and fixes a text; `output` is the fixed text (equal to the input when nothing changed, BOM kept). */
export function fixText(text: string, options: FixTextOptions = {}): FileResult & { output: string; fixedCount: number } {
  const { ruleSet, filePath, kind, engineConfig } = prepare(options);
  const bom = text.startsWith('\uFEFF');
  const clean = bom ? text.slice(1) : text;
  const outcome = lintAndFix(clean, filePath, kind, ruleSet, engineConfig, { unsafe: options.unsafe ?? false });
  return {
    filePath,
    kind,
    diagnostics: outcome.diagnostics,
    // Diagnostics left after fixing point into the fixed text.
    source: outcome.output,
    output: (bom ? '\uFEFF' : '') + outcome.output,
    fixedCount: outcome.fixedCount,
  };
}

export type FixMode = 'none' | 'write' | 'dry-run';

export interface LintFileOptions extends LintTextOptions {
  readonly fix?: FixMode;
  readonly unsafe?: boolean;
}

/**
 * Lints one file from disk. I/O problems become a result with `fatal` set, so
 * one bad file never stops the others.
 */
export function lintFile(path: string, options: LintFileOptions): FileResult & { bom?: boolean } {
  const kind = options.kind ?? fileKindOf(basename(path)) ?? 'dockerfile';
  try {
    const loaded = readSourceFile(path);
    const mode = options.fix ?? 'none';
    if (mode === 'none') {
      return { ...lintText(loaded.text, { ...options, filePath: path, kind }), bom: loaded.bom };
    }
    const fixed = fixText(loaded.text, { ...options, filePath: path, kind });
    const changed = fixed.output !== loaded.text;
    if (mode === 'write' && changed) {
      assertWritable(path);
      writeFileAtomic(path, fixed.output, loaded.bom);
    }
    return {
      filePath: path,
      kind,
      diagnostics: fixed.diagnostics,
      source: fixed.source,
      bom: loaded.bom,
      ...(changed ? { output: fixed.output } : {}),
    };
  } catch (error) {
    if (error instanceof IoError) return { filePath: path, kind, diagnostics: [], fatal: error.message };
    throw error;
  }
}

export function countBySeverity(diagnostics: readonly Diagnostic[]) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') errors++;
    else if (diagnostic.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
