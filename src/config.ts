/**
 * `.dockfix.yaml` / `.dockfix.yml` / `.dockfix.json`: found upward from each
 * linted file, or given with --config. Validation is strict: an unknown key,
 * rule or type is an error that names the file and the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { matchesAnyGlob } from './glob.js';
import type * as Yaml from 'yaml';
import type { RuleSet } from './rules.js';
import type { EngineConfig, RuleSetting } from './engine.js';
import { SEVERITIES } from './types.js';
import type { Severity } from './types.js';
import { convertHadolintConfig, HADOLINT_CONFIG_NAMES, HadolintConfigError } from './hadolint-config.js';
import type { HadolintConversion } from './hadolint-config.js';

export const CONFIG_FILE_NAMES = ['.dockfix.yaml', '.dockfix.yml', '.dockfix.json'];

export type RuleLevel = Severity | 'off';
export type FailLevel = Severity | 'none';
export const FAIL_LEVELS: readonly FailLevel[] = ['error', 'warning', 'info', 'none'];

export interface RuleEntry {
  readonly level: RuleLevel | undefined;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface DockfixConfig {
  /** The file it came from; undefined for defaults. */
  readonly path: string | undefined;
  readonly rules: ReadonlyMap<string, RuleEntry>;
  /**
   * Levels set on one alias of a rule (`DL3008: off`, or `.hadolint.yaml`'s
   * `ignored`): they reach only the findings that stand for that alias.
   */
  readonly aliasLevels?: ReadonlyMap<string, RuleLevel>;
  /** The lowest severity that makes dockfix exit 1 (`none`: never); default `error`. */
  readonly failLevel?: FailLevel;
  /** micromatch globs, relative to the config file's directory. */
  readonly ignorePaths: readonly string[];
  /** Stages that ship; empty means the last stage. */
  readonly targets: readonly string[];
}

export class ConfigError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

const TOP_LEVEL_KEYS = new Set(['rules', 'ignorePaths', 'targets', 'failLevel']);

export const EMPTY_CONFIG: DockfixConfig = { path: undefined, rules: new Map(), ignorePaths: [], targets: [] };

/** Reads and validates one config file: a dockfix config, or a `.hadolint.yaml`. */
export function loadConfigFile(path: string, ruleSet: RuleSet): DockfixConfig {
  if (isHadolintConfigPath(path)) return loadHadolintConfig(path, ruleSet).config;
  return parseConfig(readConfigText(path), path, ruleSet);
}

function isHadolintConfigPath(path: string): boolean {
  return HADOLINT_CONFIG_NAMES.includes(basename(path)) || /(^|[\\/])hadolint\.ya?ml$/.test(path);
}

/** Reads a `.hadolint.yaml` as a dockfix config, with notes on what has no equivalent. */
export function loadHadolintConfig(path: string, ruleSet: RuleSet): HadolintConversion {
  const text = readConfigText(path);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(path, `not valid YAML: ${detail}`);
  }
  try {
    return convertHadolintConfig(data, path, ruleSet);
  } catch (error) {
    if (error instanceof HadolintConfigError) throw new ConfigError(path, error.message);
    throw error;
  }
}

function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export function parseConfig(text: string, path: string, ruleSet: RuleSet): DockfixConfig {
  let data: unknown;
  try {
    if (path.endsWith('.json')) data = JSON.parse(text);
    else data = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(path, `not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${detail}`);
  }
  if (data === null || data === undefined) return { ...EMPTY_CONFIG, path };
  if (!isPlainObject(data)) throw new ConfigError(path, `the config must be a mapping with keys ${[...TOP_LEVEL_KEYS].join(', ')}`);
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.has(key)) {
      throw new ConfigError(path, `unknown key "${key}" (allowed: ${[...TOP_LEVEL_KEYS].join(', ')})`);
    }
  }
  const { rules, aliasLevels } = parseRules(data.rules, path, ruleSet);
  return {
    path,
    rules,
    aliasLevels,
    ignorePaths: stringList(data.ignorePaths, 'ignorePaths', path),
    targets: stringList(data.targets, 'targets', path),
    failLevel: data.failLevel === undefined ? undefined : configFailLevel(data.failLevel, path),
  };
}

function configFailLevel(value: unknown, path: string): FailLevel {
  const level = parseFailLevel(value);
  if (!level) throw new ConfigError(path, `failLevel: expected ${FAIL_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
  return level;
}

/** A fail level as written in config or on the command line; undefined when it is not one. */
export function parseFailLevel(value: unknown): FailLevel | undefined {
  if (value === 'warn') return 'warning';
  if (typeof value === 'string' && (FAIL_LEVELS as readonly string[]).includes(value)) return value as FailLevel;
  return undefined;
}

function parseRules(value: unknown, path: string, ruleSet: RuleSet): { rules: Map<string, RuleEntry>; aliasLevels: Map<string, RuleLevel> } {
  const rules = new Map<string, RuleEntry>();
  const aliasLevels = new Map<string, RuleLevel>();
  if (value === undefined || value === null) return { rules, aliasLevels };
  if (!isPlainObject(value)) throw new ConfigError(path, '"rules" must be a mapping of rule id to severity');
  for (const [name, entry] of Object.entries(value)) {
    const resolved = ruleSet.resolveName(name);
    if (!resolved) throw new ConfigError(path, `rules: unknown rule "${name}" (run \`dockfix rules\` for the list)`);
    const parsed = parseRuleEntry(entry, `rules.${name}`, resolved.ruleId, path, ruleSet);
    if (resolved.code === undefined) {
      rules.set(resolved.ruleId, { level: parsed.level ?? rules.get(resolved.ruleId)?.level, options: { ...rules.get(resolved.ruleId)?.options, ...parsed.options } });
      continue;
    }
    // An alias's level is its own; its options are the rule's.
    if (parsed.level !== undefined) aliasLevels.set(resolved.code, parsed.level);
    if (Object.keys(parsed.options).length > 0) {
      const current = rules.get(resolved.ruleId);
      rules.set(resolved.ruleId, { level: current?.level, options: { ...current?.options, ...parsed.options } });
    }
  }
  return { rules, aliasLevels };
}

function parseRuleEntry(entry: unknown, key: string, id: string, path: string, ruleSet: RuleSet): RuleEntry {
  if (typeof entry === 'string' || typeof entry === 'boolean') {
    return { level: parseLevel(entry, key, path), options: {} };
  }
  if (!isPlainObject(entry)) {
    throw new ConfigError(path, `${key}: expected off, info, warning, error, or { severity, options }`);
  }
  for (const field of Object.keys(entry)) {
    if (field !== 'severity' && field !== 'options') {
      throw new ConfigError(path, `${key}: unknown key "${field}" (allowed: severity, options)`);
    }
  }
  const level = entry.severity === undefined ? undefined : parseLevel(entry.severity, `${key}.severity`, path);
  const options = entry.options ?? {};
  if (!isPlainObject(options)) throw new ConfigError(path, `${key}.options: expected a mapping`);
  const defaults = ruleSet.get(id)?.meta.defaultOptions ?? {};
  for (const [option, optionValue] of Object.entries(options)) {
    if (!(option in defaults)) {
      const known = Object.keys(defaults);
      throw new ConfigError(
        path,
        `${key}.options: unknown option "${option}" (${known.length > 0 ? `allowed: ${known.join(', ')}` : 'this rule has no options'})`,
      );
    }
    const expected = typeOfValue(defaults[option]);
    if (typeOfValue(optionValue) !== expected) {
      throw new ConfigError(path, `${key}.options.${option}: expected ${expected}, got ${typeOfValue(optionValue)}`);
    }
  }
  return { level, options };
}

function parseLevel(value: unknown, key: string, path: string): RuleLevel {
  // YAML reads a bare `off` as a string, but `false` / `no` users may write mean off too.
  if (value === false) return 'off';
  if (value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value))) {
    return value as RuleLevel;
  }
  if (value === 'warn') return 'warning';
  throw new ConfigError(path, `${key}: expected off, info, warning or error, got ${JSON.stringify(value)}`);
}

function stringList(value: unknown, key: string, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ConfigError(path, `"${key}" must be a list of strings`);
  }
  return value;
}

function typeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// yaml costs ~20 ms to load: only runs that find a YAML config pay for it.
const requireModule = createRequire(import.meta.url);
function parseYaml(text: string): unknown {
  return (requireModule('yaml') as typeof Yaml).parse(text);
}

/** Whether the config's `ignorePaths` (globs relative to the config file) cover a file. */
export function isIgnoredByConfig(filePath: string, config: DockfixConfig): boolean {
  if (!config.path || config.ignorePaths.length === 0) return false;
  const rel = relative(dirname(config.path), resolve(filePath)).split('\\').join('/');
  if (rel.startsWith('..')) return false;
  return matchesAnyGlob(rel, config.ignorePaths);
}

/**
 * Finds the nearest dockfix config at or above a file's directory; when there
 * is none all the way up, the nearest `.hadolint.yaml` stands in for it.
 * Results are cached per directory.
 */
export class ConfigResolver {
  private readonly dockfixConfigs = new Map<string, DockfixConfig | null>();
  private readonly hadolintConfigs = new Map<string, DockfixConfig | null>();

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly explicit: DockfixConfig | undefined,
  ) {}

  forFile(filePath: string): DockfixConfig {
    if (this.explicit) return this.explicit;
    const directory = dirname(resolve(filePath));
    return (
      this.nearest(directory, CONFIG_FILE_NAMES, this.dockfixConfigs) ??
      this.nearest(directory, HADOLINT_CONFIG_NAMES, this.hadolintConfigs) ??
      EMPTY_CONFIG
    );
  }

  private nearest(directory: string, names: readonly string[], cache: Map<string, DockfixConfig | null>): DockfixConfig | undefined {
    const cached = cache.get(directory);
    if (cached !== undefined) return cached ?? undefined;
    let found: DockfixConfig | undefined;
    for (const name of names) {
      const candidate = join(directory, name);
      if (existsSync(candidate)) {
        found = loadConfigFile(candidate, this.ruleSet);
        break;
      }
    }
    const parent = dirname(directory);
    const config = found ?? (parent === directory ? undefined : this.nearest(parent, names, cache));
    cache.set(directory, config ?? null);
    return config;
  }
}

/** Combines rule defaults, the config and --rule overrides into what the engine runs. */
export function engineConfigFor(
  config: DockfixConfig,
  ruleSet: RuleSet,
  overrides: ReadonlyMap<string, RuleLevel>,
  targets: readonly string[],
): EngineConfig {
  const rules = new Map<string, RuleSetting>();
  for (const rule of ruleSet.rules) {
    const entry = config.rules.get(rule.meta.id);
    const defaultLevel: RuleLevel = rule.meta.enabledByDefault === false ? 'off' : rule.meta.severity;
    const level = overrides.get(rule.meta.id) ?? entry?.level ?? (entry?.options && Object.keys(entry.options).length > 0 ? rule.meta.severity : defaultLevel);
    const aliasLevels = new Map<string, RuleLevel>();
    for (const alias of rule.meta.aliases) {
      // --rule on the rule itself wins over the config's alias levels, not over --rule on an alias.
      const aliasLevel = overrides.get(alias) ?? (overrides.has(rule.meta.id) ? undefined : config.aliasLevels?.get(alias));
      if (aliasLevel) aliasLevels.set(alias, aliasLevel);
    }
    const aliasesOn = [...aliasLevels.values()].some((value) => value !== 'off');
    const allAliasesOff = rule.meta.aliases.length > 0 && rule.meta.aliases.every((alias) => aliasLevels.get(alias) === 'off');
    if ((level === 'off' || allAliasesOff) && !aliasesOn) continue;
    rules.set(rule.meta.id, {
      severity: level,
      options: { ...rule.meta.defaultOptions, ...entry?.options },
      ...(aliasLevels.size > 0 ? { aliasLevels } : {}),
    });
  }
  return { rules, settings: { targets: targets.length > 0 ? targets : config.targets } };
}

/** Parses `--rule id=severity` values. */
export function parseRuleOverrides(values: readonly string[], ruleSet: RuleSet): Map<string, RuleLevel> {
  const overrides = new Map<string, RuleLevel>();
  for (const value of values) {
    const eq = value.indexOf('=');
    const name = eq >= 0 ? value.slice(0, eq).trim() : value.trim();
    const level = eq >= 0 ? value.slice(eq + 1).trim() : '';
    const resolved = ruleSet.resolveName(name);
    if (!resolved) throw new ConfigError('--rule', `unknown rule "${name}" (run \`dockfix rules\` for the list)`);
    // An alias (--rule DL3008=off) sets the level of that alias's findings only.
    overrides.set(resolved.code ?? resolved.ruleId, parseLevel(level, name, '--rule'));
  }
  return overrides;
}
