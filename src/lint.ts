/**
 * Lints and fixes texts and files: the library API the CLI is a thin layer on.
 * Text functions need no file system; file functions read, and with
 * `write: true` write fixes back atomically.
 */
import { BUILTIN_IDS, lintSource } from './engine.js';
import type { EngineConfig } from './engine.js';
import { lintAndFix } from './fixer.js';
import { applyFileChanges, mergeFileChanges } from './file-changes.js';
import { ConfigResolver, engineConfigFor, EMPTY_CONFIG, isIgnoredByConfig } from './config.js';
import type { DockfixConfig, RuleLevel } from './config.js';
import { RuleSet } from './rules.js';
import { allRules } from '../rules/index.js';
import { assertWritable, IoError, readSourceFile, writeFileAtomic } from './io.js';
import { discover, fileKindOf } from './discover.js';
import type { Discovery } from './discover.js';
import type { BuildContextInfo, Diagnostic, FileKind, FileResult } from './types.js';
import { statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { BuildContextProvider } from './context/provider.js';
import { loadBuildProjects } from './context/projects.js';
import type { BuildProjects, ProjectWarning } from './context/projects.js';

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
  /**
   * The build context the file belongs to, for the build-context rules (`lintFile` scans it with a `BuildContextProvider`).
   * With several, the build-context rules run in each and their findings are merged (see `lintInContexts`).
   */
  readonly buildContext?: BuildContextInfo | readonly BuildContextInfo[];
  /** Report suppression comments that silence nothing (`unused-suppression`). */
  readonly reportUnusedIgnores?: boolean;
}

export interface FixTextOptions extends LintTextOptions {
  /** Also apply unsafe fixes. */
  readonly unsafe?: boolean;
}

interface Prepared {
  readonly ruleSet: RuleSet;
  readonly filePath: string;
  readonly kind: FileKind;
  /** Without a build context: `withContext` adds one. */
  readonly engineConfig: EngineConfig;
}

const NO_OVERRIDES: ReadonlyMap<string, RuleLevel> = new Map();
const NO_TARGETS: readonly string[] = [];
let lastEngineConfig: { key: readonly unknown[]; value: EngineConfig } | undefined;

/**
 * engineConfigFor, computed again only when the config, rules, overrides or targets are other
 * objects than for the previous file: the files of a run mostly share all four.
 */
function sharedEngineConfig(config: DockfixConfig, ruleSet: RuleSet, overrides: ReadonlyMap<string, RuleLevel>, targets: readonly string[]): EngineConfig {
  const key = [config, ruleSet, overrides, targets];
  if (lastEngineConfig && lastEngineConfig.key.every((part, index) => part === key[index])) return lastEngineConfig.value;
  const value = engineConfigFor(config, ruleSet, overrides, targets);
  lastEngineConfig = { key, value };
  return value;
}

/** Resolves rules, severities and targets: once per file. */
function prepare(options: LintTextOptions): Prepared {
  const ruleSet = options.ruleSet ?? builtinRuleSet();
  const filePath = options.filePath ?? 'Dockerfile';
  const kind = options.kind ?? fileKindOf(basename(filePath)) ?? 'dockerfile';
  const baseConfig = sharedEngineConfig(options.config ?? EMPTY_CONFIG, ruleSet, options.ruleOverrides ?? NO_OVERRIDES, options.targets ?? NO_TARGETS);
  const engineConfig = options.reportUnusedIgnores ? { ...baseConfig, reportUnusedIgnores: true } : baseConfig;
  return { ruleSet, filePath, kind, engineConfig };
}

function contextList(buildContext: LintTextOptions['buildContext']): readonly BuildContextInfo[] {
  if (buildContext === undefined) return [];
  return isContextList(buildContext) ? buildContext : [buildContext];
}

function isContextList(value: BuildContextInfo | readonly BuildContextInfo[]): value is readonly BuildContextInfo[] {
  return Array.isArray(value);
}

/** Lints a Dockerfile or ignore file given as text. */
export function lintText(text: string, options: LintTextOptions = {}): FileResult {
  return lintPrepared(text, prepare(options), contextList(options.buildContext));
}

function lintPrepared(text: string, prepared: Prepared, contexts: readonly BuildContextInfo[]): FileResult {
  const { ruleSet, filePath, kind, engineConfig } = prepared;
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const { diagnostics } = lintSource(clean, filePath, kind, ruleSet, withContext(engineConfig, contexts[0]));
  return { filePath, kind, diagnostics: lintInContexts(clean, diagnostics, prepared, contexts), source: clean };
}

/** Lints and fixes a text; `output` is the fixed text (equal to the input when nothing changed, BOM kept). */
export function fixText(text: string, options: FixTextOptions = {}): FileResult & { output: string; fixedCount: number } {
  return fixPrepared(text, prepare(options), contextList(options.buildContext), options.unsafe ?? false);
}

function fixPrepared(text: string, prepared: Prepared, contexts: readonly BuildContextInfo[], unsafe: boolean): FileResult & { output: string; fixedCount: number } {
  const { ruleSet, filePath, kind, engineConfig } = prepared;
  const bom = text.startsWith('\uFEFF');
  const clean = bom ? text.slice(1) : text;
  // Fixes come from the first context; the others add their findings on the fixed text.
  const outcome = lintAndFix(clean, filePath, kind, ruleSet, withContext(engineConfig, contexts[0]), { unsafe });
  // Fixes that add lines to other files (the context's ignore file) are handed to the caller to write; their findings count as fixed.
  const applicable = (diagnostic: Diagnostic) =>
    diagnostic.fix?.files !== undefined && diagnostic.fix.edits.length === 0 && (unsafe || diagnostic.fix.applicability === 'safe');
  const fileChanges = mergeFileChanges(outcome.diagnostics.filter(applicable).flatMap((diagnostic) => diagnostic.fix!.files!));
  const remaining = outcome.diagnostics.filter((diagnostic) => !applicable(diagnostic));
  return {
    filePath,
    kind,
    ...(fileChanges.length > 0 ? { fileChanges } : {}),
    diagnostics: lintInContexts(outcome.output, remaining, prepared, contexts),
    // Diagnostics left after fixing point into the fixed text.
    source: outcome.output,
    output: (bom ? '\uFEFF' : '') + outcome.output,
    fixedCount: outcome.fixedCount + (outcome.diagnostics.length - remaining.length),
  };
}

export type FixMode = 'none' | 'write' | 'dry-run';

export interface LintFileOptions extends LintTextOptions {
  readonly fix?: FixMode;
  readonly unsafe?: boolean;
  /**
   * Where build contexts come from. The build-context rules run only when one
   * of them is enabled; pass one provider for many files so they share scans.
   * A provider that knows the Compose/Bake builds also gives a Dockerfile's
   * targets when `targets` is empty.
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
    const provider = options.buildContexts;
    // --target wins, then the targets Compose/Bake files build, then the config's.
    const projectTargets = kind === 'dockerfile' && (options.targets ?? []).length === 0 ? provider?.targetsFor(path, loaded.text) : undefined;
    const prepared = prepare({ ...options, filePath: path, kind, ...(projectTargets ? { targets: projectTargets } : {}) });
    let contexts = contextList(options.buildContext);
    if (contexts.length === 0 && needsBuildContext(prepared)) contexts = (provider ?? new BuildContextProvider()).contextsFor(path, kind);
    if (mode === 'none') {
      return { ...lintPrepared(loaded.text, prepared, contexts), bom: loaded.bom };
    }
    const fixed = fixPrepared(loaded.text, prepared, contexts, options.unsafe ?? false);
    const changed = fixed.output !== loaded.text;
    if (mode === 'write' && changed) {
      assertWritable(path);
      writeFileAtomic(path, fixed.output, loaded.bom, (loaded.bom ? '\uFEFF' : '') + loaded.text);
    }
    return {
      filePath: path,
      kind,
      diagnostics: fixed.diagnostics,
      source: fixed.source,
      bom: loaded.bom,
      ...(changed ? { output: fixed.output } : {}),
      ...(fixed.fileChanges ? { fileChanges: fixed.fileChanges } : {}),
    };
  } catch (error) {
    if (error instanceof IoError) return { filePath: path, kind, diagnostics: [], fatal: error.message };
    // A dockfix bug, not a problem of the file: report it here and let the other files be linted.
    return { filePath: path, kind, diagnostics: [crashDiagnostic(error)] };
  }
}

function crashDiagnostic(error: unknown): Diagnostic {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ruleId: BUILTIN_IDS.internalError,
    severity: 'error',
    message: `dockfix crashed on this file (${detail}), so it was not linted and nothing was written to it. Please report this bug with the file that triggers it.`,
    start: 0,
    end: 0,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}

export interface LintFilesOptions extends Omit<LintFileOptions, 'kind' | 'filePath' | 'config' | 'buildContext' | 'buildContexts'> {
  /** One config for every file; default: `.dockfix.yaml`/`.json` found upward from each file. */
  readonly config?: DockfixConfig;
  /** One build context for every Dockerfile (`--context`); default: the contexts Compose/Bake files give, else each Dockerfile's directory. */
  readonly contextDir?: string;
  /** Told about Compose and Bake files that cannot be read (they are left out) and Dockerfiles they name that are missing. */
  readonly onWarning?: (warning: ProjectWarning) => void;
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
  const { discovery, builds } = findLintTargets(paths, { onWarning: options.onWarning });
  const buildContexts = new BuildContextProvider({ contextDir: options.contextDir, builds });
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
  if (options.fix === 'write') {
    for (const failure of applyFileChanges(results, true).failures) {
      results.push({ filePath: failure.path, kind: fileKindOf(basename(failure.path)) ?? 'dockerignore', diagnostics: [], fatal: failure.message });
    }
  }
  return results;
}

export interface FindLintTargetsOptions {
  /** Where the search for Compose and Bake files above a path stops outside a repository; default: process.cwd(). */
  readonly cwd?: string;
  readonly onWarning?: (warning: ProjectWarning) => void;
}

/**
 * Finds what to lint under the paths (see `discover`) and the builds that the
 * Compose and Bake files found there declare. Dockerfiles those files name are
 * linted when they lie in a searched directory, whatever their name; one that is
 * missing there is a warning. Project files are read only when there are some.
 */
export function findLintTargets(paths: readonly string[], options: FindLintTargetsOptions = {}): { discovery: Discovery; builds: BuildProjects | undefined } {
  let builds: BuildProjects | undefined;
  const warn = options.onWarning ?? (() => {});
  const discovery = discover(paths, {
    cwd: options.cwd,
    namedDockerfiles: (projectFiles) => {
      builds = loadBuildProjects(projectFiles, warn);
      return builds.dockerfiles();
    },
  });
  if (builds) warnAboutMissingDockerfiles(builds, paths, warn);
  return { discovery, builds };
}

/** A Dockerfile that a project file names inside a searched directory but that does not exist: the build would fail. */
function warnAboutMissingDockerfiles(builds: BuildProjects, paths: readonly string[], warn: (warning: ProjectWarning) => void): void {
  const roots = paths.map((path) => resolve(path)).filter((path) => statKind(path) === 'directory').map((path) => (path.endsWith(sep) ? path : path + sep));
  for (const build of builds.builds) {
    if (!roots.some((root) => build.dockerfile.startsWith(root)) || statKind(build.dockerfile) === 'file') continue;
    const rel = relative(dirname(build.file), build.dockerfile).split(sep).join('/');
    warn({ file: build.file, message: `${build.origin} builds ${rel}, which does not exist` });
  }
}

function statKind(path: string): 'file' | 'directory' | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an enabled rule for this kind of file reads the build context. */
function needsBuildContext(prepared: Prepared): boolean {
  const { ruleSet, engineConfig, kind } = prepared;
  return ruleSet.rules.some((rule) => rule.meta.needsBuildContext === true && rule.meta.fileKind === kind && engineConfig.rules.has(rule.meta.id));
}

function withContext(engineConfig: EngineConfig, buildContext: BuildContextInfo | undefined): EngineConfig {
  return buildContext ? { ...engineConfig, buildContext } : engineConfig;
}

/**
 * Adds the findings of the build-context rules in the second and later contexts
 * to those of the full run in the first; only the build-context rules run again.
 * A finding that several contexts share is reported once; one that holds in some
 * of the contexts only says where: `In build context "..": …` (relative to the
 * file's directory).
 */
function lintInContexts(text: string, first: readonly Diagnostic[], prepared: Prepared, contexts: readonly BuildContextInfo[]): Diagnostic[] {
  if (contexts.length <= 1) return [...first];
  const { ruleSet, filePath, kind, engineConfig } = prepared;
  const contextRules = new Map([...engineConfig.rules].filter(([id]) => ruleSet.get(id)?.meta.needsBuildContext === true));
  if (contextRules.size === 0) return [...first];
  const key = (diagnostic: Diagnostic) => `${diagnostic.ruleId}\u0000${diagnostic.start}\u0000${diagnostic.end}\u0000${diagnostic.message}`;
  const found = new Map<string, { diagnostic: Diagnostic; where: Set<number> }>();
  const merged: Diagnostic[] = [];
  for (const diagnostic of first) {
    if (contextRules.has(diagnostic.ruleId)) found.set(key(diagnostic), { diagnostic, where: new Set([0]) });
    else merged.push(diagnostic);
  }
  for (let index = 1; index < contexts.length; index++) {
    const config: EngineConfig = { rules: contextRules, settings: engineConfig.settings, buildContext: contexts[index] };
    for (const diagnostic of lintSource(text, filePath, kind, ruleSet, config).diagnostics) {
      // Parse errors and suppression findings came with the first run.
      if (!contextRules.has(diagnostic.ruleId)) continue;
      const entry = found.get(key(diagnostic));
      if (entry) entry.where.add(index);
      else found.set(key(diagnostic), { diagnostic, where: new Set([index]) });
    }
  }
  const directory = dirname(resolve(filePath));
  const label = (index: number) => JSON.stringify(relative(directory, contexts[index].scan.root).split(sep).join('/') || '.');
  for (const { diagnostic, where } of found.values()) {
    if (where.size === contexts.length) merged.push(diagnostic);
    else merged.push({ ...diagnostic, message: `In build context ${[...where].sort((a, b) => a - b).map(label).join(' and ')}: ${diagnostic.message}` });
  }
  return merged.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
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
