/**
 * The command line: parses arguments, gathers files, calls the library and
 * prints what the formatters produce. It decides nothing about findings.
 *
 * Exit codes: 0 no error-level finding (and warnings within --max-warnings),
 * 1 error-level findings or too many warnings (or, with --diff, changes to
 * show), 2 usage, config or I/O errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import yargs from 'yargs';
import { matchesAnyGlob } from './glob.js';
import { ConfigError, ConfigResolver, loadConfigFile, parseRuleOverrides } from './config.js';
import type { DockfixConfig } from './config.js';
import { discover } from './discover.js';
import type { LintTarget } from './discover.js';
import { builtinRuleSet, fixText, lintFile, lintText } from './lint.js';
import { decodeSource, IoError } from './io.js';
import { FORMAT_NAMES, loadFormatter } from './formatters/index.js';
import { packageRoot, packageVersion } from './package-info.js';
import { fileKindOf } from './discover.js';
import type { FileResult } from './types.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<Uint8Array>;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
}

class UsageError extends Error {}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof IoError) {
      io.stderr(`dockfix: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`dockfix: internal error: ${detail}\nPlease report this bug; set DOCKFIX_DEBUG=1 for details.\n`);
    if (io.env.DOCKFIX_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}

function parser() {
  return yargs()
    .scriptName('dockfix')
    .usage(
      [
        'Usage: dockfix [options] [PATH...]   lint files and directories (default: .); - reads stdin',
        'or:    dockfix rules [--format json]  list every rule',
        'or:    dockfix explain RULE           print a rule\'s documentation (id or alias)',
      ].join('\n'),
    )
    .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Report format: ${FORMAT_NAMES.join(', ')}` })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to a file instead of stdout' })
    .option('fix', { type: 'boolean', default: false, describe: 'Apply safe fixes to the files' })
    .option('unsafe-fixes', { type: 'boolean', default: false, describe: 'Also apply unsafe fixes (with --fix, --fix-dry-run or --diff)' })
    .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Compute fixes without writing; JSON shows the fixed output' })
    .option('diff', { type: 'boolean', default: false, describe: 'Print a unified diff of what --fix would change and write nothing' })
    .option('config', { alias: 'c', type: 'string', describe: 'Use this config file instead of looking for .dockfix.yaml' })
    .option('rule', { type: 'string', array: true, default: [] as string[], describe: 'Set a rule level: --rule id=off|info|warning|error' })
    .option('target', { type: 'string', array: true, default: [] as string[], describe: 'Stage(s) that ship; default: the last stage' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
    .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
    .option('color', { type: 'boolean', describe: 'Force colour on (--color) or off (--no-color)' })
    .option('stdin-filename', { type: 'string', describe: 'Name for the file read from stdin (-)' })
    .option('error-on-unmatched', { type: 'boolean', default: false, describe: 'Exit 2 when a directory holds nothing to lint' })
    .version(packageVersion())
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    // Only options are strict: paths are free positionals, and yargs' default command would drop "-".
    .strictOptions()
    .wrap(100)
    .exitProcess(false)
    .fail((message, error) => {
      throw new UsageError(error?.message ?? message);
    });
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let helpText = '';
  const args = await parser().parseAsync([...argv], {}, (_error, _parsed, output) => {
    helpText = output;
  });
  if (helpText) {
    io.stdout(helpText.endsWith('\n') ? helpText : `${helpText}\n`);
    return EXIT_OK;
  }
  const positionals = (args._ as (string | number)[]).map(String);
  const command = positionals[0];
  const color = args.color ?? defaultColor(io);
  const ruleSet = builtinRuleSet();

  if (command === 'rules') return listRules(args.format, io);
  if (command === 'explain') {
    if (positionals.length !== 2) throw new UsageError('usage: dockfix explain RULE');
    return explainRule(positionals[1], io);
  }

  if (!FORMAT_NAMES.includes(args.format)) {
    throw new UsageError(`unknown format "${args.format}" (available: ${FORMAT_NAMES.join(', ')})`);
  }
  if (args['max-warnings'] !== undefined && (!Number.isInteger(args['max-warnings']) || args['max-warnings'] < 0)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more');
  }
  const fixMode = args.diff || args['fix-dry-run'] ? 'dry-run' : args.fix ? 'write' : 'none';
  if (args['unsafe-fixes'] && fixMode === 'none') {
    throw new UsageError('--unsafe-fixes goes with --fix, --fix-dry-run or --diff');
  }
  const overrides = parseRuleOverrides(args.rule, ruleSet);
  const explicitConfig: DockfixConfig | undefined = args.config ? loadConfigFile(args.config, ruleSet) : undefined;
  const configs = new ConfigResolver(ruleSet, explicitConfig);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const options = { ruleOverrides: overrides, targets: args.target, unsafe: args['unsafe-fixes'], ruleSet };

  const results: (FileResult & { bom?: boolean })[] = [];
  let ioFailure = false;

  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other paths');
    const filePath = args['stdin-filename'] ?? 'Dockerfile';
    const config = configs.forFile(resolve(io.cwd, filePath));
    const loaded = decodeSource(filePath, await io.readStdin());
    const kind = fileKindOf(basename(filePath)) ?? 'dockerfile';
    if (fixMode === 'none') {
      results.push(lintText(loaded.text, { ...options, filePath, kind, config }));
    } else {
      const fixed = fixText(loaded.text, { ...options, filePath, kind, config });
      results.push({ ...fixed, bom: loaded.bom, output: fixed.output !== loaded.text ? fixed.output : undefined });
      if (args.fix && !args.diff && !args['fix-dry-run']) {
        // Like ruff: with stdin, --fix prints the fixed text and moves the report to stderr.
        io.stdout((loaded.bom ? '\uFEFF' : '') + fixed.output);
        return await report(results, args, io, color, io.stderr);
      }
    }
  } else {
    const discovery = discover(paths.map((path) => resolve(io.cwd, path)));
    for (const error of discovery.errors) {
      io.stderr(`dockfix: ${relativePath(io.cwd, error.path)}: ${error.message.slice(error.path.length + 2)}\n`);
      ioFailure = true;
    }
    for (const directory of discovery.emptyDirectories) {
      io.stderr(`dockfix: ${relativePath(io.cwd, directory) || '.'}: no Dockerfile, Containerfile or .dockerignore found\n`);
      if (args['error-on-unmatched']) ioFailure = true;
    }
    for (const target of discovery.targets) {
      const config = configs.forFile(target.path);
      if (isIgnoredByConfig(target, config)) continue;
      const result = lintFile(target.path, {
        ...options,
        kind: target.kind,
        config,
        fix: fixMode,
      });
      if (result.fatal) {
        io.stderr(`dockfix: ${relativePath(io.cwd, result.filePath)}: ${result.fatal.slice(result.filePath.length + 2)}\n`);
        ioFailure = true;
      }
      results.push(result);
    }
  }

  if (args.diff) {
    const { unifiedDiff } = await import('./diff.js');
    const patch = results
      .filter((result) => result.output !== undefined && result.source !== undefined)
      .map((result) => {
        const original = readOriginal(result);
        return unifiedDiff(relativePath(io.cwd, result.filePath), original, (result.bom ? '\uFEFF' : '') + result.output!);
      })
      .join('');
    io.stdout(patch);
    if (ioFailure) return EXIT_USAGE;
    return patch ? EXIT_FINDINGS : EXIT_OK;
  }
  const exit = await report(results, args, io, color, io.stdout);
  return ioFailure ? EXIT_USAGE : exit;
}

/** --diff compares against the bytes on disk (BOM included); stdin has none. */
function readOriginal(result: FileResult & { bom?: boolean }): string {
  try {
    return readFileSync(result.filePath, 'utf8');
  } catch {
    return '';
  }
}

async function report(
  results: FileResult[],
  args: { format: string; output?: string; quiet: boolean; 'max-warnings'?: number },
  io: CliIO,
  color: boolean,
  write: (text: string) => void,
): Promise<number> {
  const shown = args.quiet
    ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') }))
    : results;
  const formatter = await loadFormatter(args.format);
  const text = formatter(shown, { cwd: io.cwd, color: color && !args.output });
  if (args.output) {
    try {
      writeFileSync(resolve(io.cwd, args.output), text);
    } catch (error) {
      throw new IoError(args.output, `cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  } else {
    write(text);
  }
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
    }
  }
  if (errors > 0) return EXIT_FINDINGS;
  if (args['max-warnings'] !== undefined && warnings > args['max-warnings']) {
    io.stderr(`dockfix: too many warnings (${warnings}); --max-warnings allows ${args['max-warnings']}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function isIgnoredByConfig(target: LintTarget, config: DockfixConfig): boolean {
  if (!config.path || config.ignorePaths.length === 0) return false;
  const rel = relative(dirname(config.path), target.path).split('\\').join('/');
  if (rel.startsWith('..')) return false;
  return matchesAnyGlob(rel, config.ignorePaths);
}


function relativePath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel.split('\\').join('/');
}

function defaultColor(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.stdoutIsTTY;
}

function listRules(format: string, io: CliIO): number {
  const rules = builtinRuleSet().rules.map((rule) => ({
    id: rule.meta.id,
    description: rule.meta.description,
    category: rule.meta.category,
    severity: rule.meta.severity,
    fileKind: rule.meta.fileKind,
    fixable: rule.meta.fixable ?? null,
    aliases: rule.meta.aliases,
    docs: docsUrl(rule.meta.id),
  }));
  if (format === 'json') {
    io.stdout(JSON.stringify(rules, null, 2) + '\n');
    return EXIT_OK;
  }
  if (format !== 'stylish') throw new UsageError(`"dockfix rules" prints stylish or json, not "${format}"`);
  const width = Math.max(...rules.map((rule) => rule.id.length));
  for (const rule of rules) {
    const fix = rule.fixable ? `fix:${rule.fixable}` : '';
    const aliases = rule.aliases.length > 0 ? `  [${rule.aliases.join(', ')}]` : '';
    io.stdout(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${fix.padEnd(10)}  ${rule.description}${aliases}\n`);
  }
  return EXIT_OK;
}

export function docsUrl(ruleId: string): string {
  return `https://github.com/dockfix/dockfix/blob/main/docs/rules/${ruleId}.md`;
}

function explainRule(name: string, io: CliIO): number {
  const id = builtinRuleSet().resolve(name);
  if (!id) throw new UsageError(`unknown rule "${name}" (run \`dockfix rules\` for the list)`);
  const file = resolve(packageRoot(), 'docs', 'rules', `${id}.md`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new IoError(file, 'the rule documentation is missing from this installation');
  }
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT_OK;
}
