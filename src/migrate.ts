/**
 * `dockfix migrate`: writes the `.dockfix.yaml` that means what a
 * `.hadolint.yaml` means, and says what has no equivalent. Inline
 * `# hadolint ignore=` comments need no migration: dockfix reads them.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadHadolintConfig } from './config.js';
import type { DockfixConfig } from './config.js';
import { HADOLINT_CONFIG_NAMES } from './hadolint-config.js';
import type { RuleSet } from './rules.js';

export interface MigrateOptions {
  /** The hadolint config; default: `.hadolint.yaml` or `.hadolint.yml` in cwd. */
  readonly from: string | undefined;
  /** Where to write; `-` is stdout; default: `.dockfix.yaml` beside the hadolint config. */
  readonly output: string | undefined;
  readonly cwd: string;
  readonly ruleSet: RuleSet;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function migrateCommand(options: MigrateOptions): number {
  const { cwd, stderr } = options;
  const source = options.from !== undefined
    ? resolve(cwd, options.from)
    : HADOLINT_CONFIG_NAMES.map((name) => join(cwd, name)).find((path) => existsSync(path));
  if (!source) {
    stderr(`dockfix migrate: no ${HADOLINT_CONFIG_NAMES.join(' or ')} in ${cwd}; name the file: dockfix migrate path/to/.hadolint.yaml\n`);
    return 2;
  }
  const { config, notes } = loadHadolintConfig(source, options.ruleSet);
  const shown = relative(cwd, source) || source;
  const text = `# Converted from ${shown} by dockfix migrate.\n${stringify(toYamlObject(config), { lineWidth: 0 })}`;
  for (const note of notes) stderr(`dockfix migrate: ${shown}: ${note}\n`);
  if (options.output === '-') {
    options.stdout(text);
    return 0;
  }
  const target = options.output !== undefined ? resolve(cwd, options.output) : join(dirname(source), '.dockfix.yaml');
  try {
    // `wx`: never overwrite a config the user already has.
    writeFileSync(target, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'it already exists; print the result with --output - and merge it by hand' : `cannot write it (${code ?? String(error)})`;
    stderr(`dockfix migrate: ${relative(cwd, target) || target}: ${why}\n`);
    return 2;
  }
  stderr(`dockfix migrate: wrote ${relative(cwd, target) || target}; dockfix reads it instead of ${shown} from now on.\n`);
  return 0;
}

function toYamlObject(config: DockfixConfig): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const [alias, level] of [...(config.aliasLevels ?? new Map())].sort(([a], [b]) => a.localeCompare(b))) rules[alias] = level;
  for (const [id, entry] of config.rules) {
    const hasOptions = Object.keys(entry.options).length > 0;
    rules[id] = hasOptions ? { ...(entry.level ? { severity: entry.level } : {}), options: entry.options } : entry.level;
  }
  return {
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    ...(config.failLevel ? { failLevel: config.failLevel } : {}),
  };
}
