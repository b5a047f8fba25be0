/**
 * Lints and fixes texts and files: the library API the CLI is a thin layer on.
 * Text functions need no file system; file functions read, and with
 * `write: true` write fixes back atomically.
 */
import { lintSource } from './engine.js';
import { lintAndFix } from './fixer.js';
import { ConfigResolver, engineConfigFor, EMPTY_CONFIG, isIgnoredByConfig } from './config.js';
import type { DockfixConfig, RuleLevel } from './config.js';
import { RuleSet } from './rules.js';
import { allRules } from '../rules/index.js';
import { assertWritable, IoError, readSourceFile, writeFileAtomic } from './io.js';
import { discover, fileKindOf } from './discover.js';
import type { BuildContextInfo, Diagnostic, FileKind, FileResult } from './types.js';
import { basename } from 'node:path';
import { BuildContextProvider } from './context/provider.js';

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
  /** The build context the file belongs to, for the build-context rules (`lintFile` scans it with a `BuildContextProvider`). */
  readonly buildContext?: BuildContextInfo;
  /** Report suppression comments that silence nothing (`unused-suppression`). */
  readonly reportUnusedIgnores?: boolean;
}

export interface FixTextOptions extends LintTextOptions {
  /** Also apply unsafe fixes. */
  readonly unsafe?: boolean;
}

function prepare(options: LintTextOptions) {
  const ruleSet = options.ruleSet ?? builtinRuleSet();
  const filePath = options.filePath ?? 'Dockerfile';
  const kind = options.kind ?? fileKindOf(basename(filePath)) ?? 'dockerfile';
  const baseConfig = engineConfigFor(options.config ?? EMPTY_CONFIG, ruleSet, options.ruleOverrides ?? new Map(), options.targets ?? []);
  const engineConfig = {
    ...baseConfig,
    ...(options.buildContext ? { buildContext: options.buildContext } : {}),
    ...(options.reportUnusedIgnores ? { reportUnusedIgnores: true } : {}),
  };
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
  /**
   * Where build contexts come from. The build-context rules run only when one
   * of them is enabled; pass one provider for many files so they share scans.
   */
  readonly buildContexts?: BuildContextProvider;
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
    if (!options.buildContext && needsBuildContext({ ...options, kind })) {
      const provider = options.buildContexts ?? new BuildContextProvider();
      options = { ...options, buildContext: provider.forFile(path, kind) };
    }
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

export interface LintFilesOptions extends Omit<LintFileOptions, 'kind' | 'filePath' | 'config' | 'buildContext' | 'buildContexts'> {
  /** One config for every file; default: `.dockfix.yaml`/`.json` found upward from each file. */
  readonly config?: DockfixConfig;
  /** One build context for every Dockerfile (`--context`); default: each Dockerfile's directory. */
  readonly contextDir?: string;
}

/**
 * Lints files and directories the way the CLI does: directories are searched
 * for Dockerfiles and ignore files, config is found per file, and files the
 * config's `ignorePaths` names are skipped. Paths that cannot be read come back
 * as results with `fatal` set.
 */
export function lintFiles(paths: readonly string[], options: LintFilesOptions = {}): (FileResult & { bom?: boolean })[] {
  const ruleSet = options.ruleSet ?? builtinRuleSet();
  const configs = new ConfigResolver(ruleSet, options.config);
  const buildContexts = new BuildContextProvider({ contextDir: options.contextDir });
  const discovery = discover(paths);
  const results: (FileResult & { bom?: boolean })[] = discovery.errors.map((error) => ({
    filePath: error.path,
    kind: fileKindOf(basename(error.path)) ?? 'dockerfile',
    diagnostics: [],
    fatal: error.message,
  }));
  for (const target of discovery.targets) {
    const config = configs.forFile(target.path);
    if (isIgnoredByConfig(target.path, config)) continue;
    results.push(lintFile(target.path, { ...options, ruleSet, kind: target.kind, config, buildContexts }));
  }
  return results;
}

/** Whether an enabled rule for this kind of file reads the build context. */
function needsBuildContext(options: LintTextOptions & { kind: FileKind }): boolean {
  const { ruleSet, engineConfig } = prepare(options);
  return ruleSet.rules.some((rule) => rule.meta.needsBuildContext === true && rule.meta.fileKind === options.kind && engineConfig.rules.has(rule.meta.id));
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
