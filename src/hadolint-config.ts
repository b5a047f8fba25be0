/**
 * `.hadolint.yaml` read as a dockfix config, so that switching from hadolint
 * keeps its settings: `ignored`, `override`, `trustedRegistries`,
 * `failure-threshold`, `no-fail`, `label-schema` and `strict-labels`. Every
 * setting dockfix cannot honour comes back as a note (`dockfix migrate`
 * prints them); hadolint's own output settings are not ours and are skipped.
 */
import type { DockfixConfig, FailLevel, RuleEntry, RuleLevel } from './config.js';
import type { RuleSet } from './rules.js';

export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export interface HadolintConversion {
  readonly config: DockfixConfig;
  /** Settings that have no dockfix equivalent, in words. */
  readonly notes: string[];
}

/** A value hadolint itself would reject; the caller names the file. */
export class HadolintConfigError extends Error {}

const SEVERITY: Readonly<Record<string, RuleLevel>> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };
const THRESHOLD: Readonly<Record<string, FailLevel>> = { error: 'error', warning: 'warning', info: 'info', style: 'info', ignore: 'none', none: 'none' };
/** hadolint settings about its own output or process, which dockfix sets on its command line. */
const OUTPUT_SETTINGS = new Set(['format', 'output-format', 'no-color', 'verbose', 'file-path-in-report']);

export function convertHadolintConfig(data: unknown, path: string, ruleSet: RuleSet): HadolintConversion {
  const notes: string[] = [];
  const rules = new Map<string, RuleEntry>();
  const aliasLevels = new Map<string, RuleLevel>();
  if (data === null || data === undefined) return { config: { path, rules, aliasLevels, ignorePaths: [], targets: [] }, notes };
  if (typeof data !== 'object' || Array.isArray(data)) throw new HadolintConfigError('the file must be a YAML mapping');
  const settings = data as Record<string, unknown>;

  const setAlias = (code: string, level: RuleLevel, key: string) => {
    const resolved = ruleSet.resolveName(code);
    if (!resolved) {
      notes.push(`${key}: ${code} has no dockfix rule (${describeMissing(code)}); the setting is dropped.`);
      return;
    }
    aliasLevels.set(resolved.code ?? code, level);
  };
  const setOption = (code: string, option: string, value: unknown, key: string) => {
    const ruleId = ruleSet.resolve(code);
    const rule = ruleId ? ruleSet.get(ruleId) : undefined;
    if (!rule || !rule.meta.defaultOptions || !(option in rule.meta.defaultOptions)) {
      notes.push(`${key}: no dockfix rule takes this setting; it is dropped.`);
      return;
    }
    const current = rules.get(rule.meta.id);
    rules.set(rule.meta.id, { level: current?.level, options: { ...current?.options, [option]: value } });
  };

  let failLevel: FailLevel | undefined;
  for (const [key, value] of Object.entries(settings)) {
    switch (key) {
      case 'ignored':
        for (const code of codeList(value, key)) setAlias(code, 'off', key);
        break;
      case 'override': {
        if (!isMapping(value)) throw new HadolintConfigError('override: expected a mapping of severity to a list of codes');
        for (const [severity, codes] of Object.entries(value)) {
          const level = SEVERITY[severity];
          if (!level) throw new HadolintConfigError(`override.${severity}: expected error, warning, info or style`);
          for (const code of codeList(codes, `override.${severity}`)) setAlias(code, level, `override.${severity}`);
        }
        break;
      }
      case 'trustedRegistries':
        setOption('DL3026', 'registries', stringList(value, key), key);
        break;
      case 'label-schema':
        if (!isMapping(value) || !Object.values(value).every((type) => typeof type === 'string')) {
          throw new HadolintConfigError('label-schema: expected a mapping of label name to type');
        }
        setOption('DL3049', 'schema', value, key);
        break;
      case 'strict-labels':
        if (typeof value !== 'boolean') throw new HadolintConfigError('strict-labels: expected true or false');
        setOption('DL3050', 'strict', value, key);
        break;
      case 'failure-threshold': {
        const level = typeof value === 'string' ? THRESHOLD[value] : undefined;
        if (!level) throw new HadolintConfigError(`failure-threshold: expected error, warning, info, style, ignore or none, got ${JSON.stringify(value)}`);
        failLevel ??= level;
        break;
      }
      case 'no-fail':
        if (value === true) failLevel = 'none';
        break;
      case 'disable-ignore-pragma':
        if (value === true) notes.push('disable-ignore-pragma: dockfix always honours `# hadolint ignore=` comments; use --report-unused-ignores to find stale ones.');
        break;
      default:
        if (!OUTPUT_SETTINGS.has(key)) notes.push(`${key}: not a setting dockfix knows; it is dropped.`);
    }
  }
  return { config: { path, rules, aliasLevels, ignorePaths: [], targets: [], failLevel }, notes };
}

function describeMissing(code: string): string {
  if (/^SC\d+$/i.test(code)) return 'dockfix does not run ShellCheck';
  if (/^DL(3005|3017|3031|3039)$/i.test(code)) return 'hadolint retired it: upgrading packages in an image is fine';
  if (/^DL3061$/i.test(code)) return 'an instruction before FROM is a parse-error, which stays on because Docker rejects the file';
  return 'unknown code';
}

function codeList(value: unknown, key: string): string[] {
  return stringList(value, key).map((code) => code.trim().replace(/^hadolint\//i, ''));
}

function stringList(value: unknown, key: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new HadolintConfigError(`${key}: expected a list of strings`);
  }
  return value;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
