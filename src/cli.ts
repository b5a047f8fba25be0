/**
 * The command line: parses arguments, gathers files, calls the library and
 * prints what the formatters produce. It decides nothing about findings.
 *
 * Exit codes: 0 no error-level finding (and warnings within --max-warnings),
 * 1 error-level findings or too many warnings (or, with --diff, changes to
 * show), 2 usage, config or I/O errors.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ConfigError, ConfigResolver, engineConfigFor, FAIL_LEVELS, isIgnoredByConfig, loadConfigFile, parseFailLevel, parseRuleOverrides } from './config.js';
import type { DockfixConfig, FailLevel, RuleLevel } from './config.js';
import { builtinRuleSet, findLintTargets, fixText, lintFile, lintText } from './lint.js';
import { BUILTIN_IDS } from './engine.js';
import { BuildContextProvider } from './context/provider.js';
import { decodeSource, IoError } from './io.js';
import { FORMAT_NAMES, loadFormatter } from './formatters/index.js';
import type { FormatContext, RuleInfo } from './formatters/types.js';
import { HOMEPAGE, packageRoot, packageVersion } from './package-info.js';
import { fileKindOf } from './discover.js';
import type { RuleSet } from './rules.js';
import type { Baseline } from './baseline.js';
import type { FileKind, FileResult, RuleMeta } from './types.js';

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
  readonly stderrIsTTY?: boolean;
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

function parser(builder: Argv) {
  return builder
    .scriptName('dockfix')
    .usage(
      [
        'Usage: dockfix [options] [PATH...]   lint files and directories (default: .); - reads stdin',
        'or:    dockfix rules [--format json]  list every rule',
        'or:    dockfix explain RULE           print a rule\'s documentation (id or alias)',
        'or:    dockfix context [DIR]          show what docker build would send from DIR (--list, --format json)',
        'or:    dockfix migrate [FILE]         write a .dockfix.yaml equivalent to a .hadolint.yaml (--output FILE, - for stdout)',
      ].join('\n'),
    )
    .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Report format: ${FORMAT_NAMES.join(', ')}` })
    .option('output', {
      alias: 'o',
      type: 'string',
      describe: 'Write the report to a file instead of stdout; FORMAT:FILE writes that format there as well (repeatable)',
    })
    .option('sarif-category', { type: 'string', describe: 'SARIF automationDetails.id, to tell several uploads apart (default: dockfix/)' })
    .option('baseline', { type: 'string', describe: 'Report only findings that are not in this baseline file' })
    .option('baseline-write', { type: 'string', describe: 'Record the current findings in this baseline file (they are then not reported)' })
    .option('fix', { type: 'boolean', default: false, describe: 'Apply safe fixes to the files' })
    .option('unsafe-fixes', { type: 'boolean', default: false, describe: 'Also apply unsafe fixes (with --fix, --fix-dry-run or --diff)' })
    .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Compute fixes without writing; JSON shows the fixed output' })
    .option('diff', { type: 'boolean', default: false, describe: 'Print a unified diff of what --fix would change and write nothing' })
    .option('config', { alias: 'c', type: 'string', describe: 'Use this config file instead of looking for .dockfix.yaml' })
    .option('rule', { type: 'string', array: true, default: [] as string[], describe: 'Set a rule level: --rule id=off|info|warning|error' })
    .option('target', { type: 'string', array: true, default: [] as string[], describe: 'Stage(s) that ship; default: the last stage' })
    .option('dockerfile', { type: 'string', describe: 'dockfix context: the Dockerfile whose <Dockerfile>.dockerignore applies' })
    .option('list', { type: 'boolean', default: false, describe: 'dockfix context: print every file the build would send' })
    .option('context', { type: 'string', describe: "Build context directory for every Dockerfile; default: each Dockerfile's own directory" })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
    .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
    .option('fail-level', { type: 'string', describe: `Lowest severity that makes dockfix exit 1: ${FAIL_LEVELS.join(', ')} (default: the config's failLevel, else error)` })
    .option('report-unused-ignores', { type: 'boolean', default: false, describe: 'Report dockfix-ignore and hadolint ignore comments that silence nothing' })
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

async function run(argv: readonly string[], io: CliIO, shard?: Shard): Promise<number> {
  let helpText = '';
  // The common command lines are read without loading yargs (about 50 ms); yargs reads the rest.
  const args = fastArguments(argv) ?? await parser((await import('yargs')).default()).parseAsync([...argv], {}, (_error, _parsed, output) => {
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
  if (command === 'context') {
    if (positionals.length > 2) throw new UsageError('usage: dockfix context [DIR] [--dockerfile FILE] [--list] [--format json]');
    if (args.format !== 'stylish' && args.format !== 'json') throw new UsageError(`"dockfix context" prints stylish or json, not "${args.format}"`);
    const dir = positionals[1] ?? '.';
    const root = existingDirectory(io.cwd, dir, `${dir}: not a directory (dockfix context takes the build context directory)`);
    if (args.dockerfile !== undefined && isDirectory(resolve(io.cwd, args.dockerfile))) {
      throw new UsageError(`--dockerfile ${args.dockerfile}: is a directory, not a Dockerfile; name the Dockerfile the build uses`);
    }
    const { contextCommand } = await import('./context-command.js');
    return await contextCommand({
      root,
      dockerfile: args.dockerfile,
      format: args.format,
      list: args.list,
      color,
      cwd: io.cwd,
      progress: io.stderrIsTTY ? io.stderr : undefined,
      stdout: io.stdout,
    });
  }
  if (command === 'migrate') {
    // yargs reads a lone "-" as a path, so `--output -` arrives as a positional.
    const dash = argv.findIndex((arg, index) => arg === '-' && (argv[index - 1] === '--output' || argv[index - 1] === '-o'));
    const rest = dash < 0 ? positionals : positionals.filter((positional) => positional !== '-');
    if (rest.length > 2) throw new UsageError('usage: dockfix migrate [.hadolint.yaml] [--output FILE|-]');
    const output = dash >= 0 ? '-' : (args.output as string | string[] | undefined);
    if (Array.isArray(output)) throw new UsageError('dockfix migrate writes one file: give --output once');
    const { migrateCommand } = await import('./migrate.js');
    return migrateCommand({ from: rest[1], output, cwd: io.cwd, ruleSet, stdout: io.stdout, stderr: io.stderr });
  }
  if (command === 'explain') {
    if (positionals.length !== 2) throw new UsageError('usage: dockfix explain RULE');
    return explainRule(positionals[1], io);
  }

  if (!FORMAT_NAMES.includes(args.format)) {
    throw new UsageError(`unknown format "${args.format}" (available: ${FORMAT_NAMES.join(', ')})`);
  }
  const outputs = parseOutputs(args.format, args.output as string | string[] | undefined);
  for (const name of ['baseline', 'baseline-write', 'sarif-category'] as const) {
    if (Array.isArray(args[name])) throw new UsageError(`--${name} may be given only once`);
    if (args[name] === '') throw new UsageError(`--${name} needs a value`);
  }
  const baselinePath = args.baseline as string | undefined;
  // Read the baseline before linting, so a bad one fails fast.
  const baseline = baselinePath !== undefined ? (await import('./baseline.js')).readBaseline(resolve(io.cwd, baselinePath)) : undefined;
  if (args['max-warnings'] !== undefined && (!Number.isInteger(args['max-warnings']) || args['max-warnings'] < 0)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more');
  }
  const fixMode = args.diff || args['fix-dry-run'] ? 'dry-run' : args.fix ? 'write' : 'none';
  if (args['unsafe-fixes'] && fixMode === 'none') {
    throw new UsageError('--unsafe-fixes goes with --fix, --fix-dry-run or --diff');
  }
  const overrides = parseRuleOverrides(args.rule, ruleSet);
  const failLevelFlag = args['fail-level'] === undefined ? undefined : parseFailLevel(args['fail-level']);
  if (args['fail-level'] !== undefined && !failLevelFlag) {
    throw new UsageError(`--fail-level takes ${FAIL_LEVELS.join(', ')}, not ${JSON.stringify(args['fail-level'])}`);
  }
  const explicitConfig: DockfixConfig | undefined = args.config ? loadConfigFile(args.config, ruleSet) : undefined;
  const configs = new ConfigResolver(ruleSet, explicitConfig);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const contextDir = args.context === undefined ? undefined : existingDirectory(io.cwd, args.context, `--context ${args.context}: not a directory`);
  const buildContexts = new BuildContextProvider({ contextDir });
  const options = {
    ruleOverrides: overrides,
    targets: args.target,
    unsafe: args['unsafe-fixes'],
    ruleSet,
    buildContexts,
    reportUnusedIgnores: args['report-unused-ignores'],
  };
  // Each file fails at its own config's level, unless --fail-level says otherwise.
  const failLevels = new Map<string, FailLevel>();
  const failLevelFor = (filePath: string, config: DockfixConfig) => failLevels.set(filePath, failLevelFlag ?? config.failLevel ?? 'error');

  const results: (FileResult & { bom?: boolean })[] = [];
  let ioFailure = false;
  const usedConfigs = new Set<DockfixConfig>();
  const usedKinds = new Set<FileKind>();
  const reporting: ReportSettings = {
    ...args,
    outputs,
    baselinePath,
    baseline,
    baselineWrite: args['baseline-write'] as string | undefined,
    sarifCategory: args['sarif-category'] as string | undefined,
    rulesThatRan: () => rulesThatRan(ruleSet, usedConfigs, usedKinds, overrides, args.target),
    failLevelOf: (filePath: string) => failLevels.get(filePath) ?? failLevelFlag ?? 'error',
  };

  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other paths');
    const filePath = args['stdin-filename'] ?? 'Dockerfile';
    const config = configs.forFile(resolve(io.cwd, filePath));
    const loaded = decodeSource(filePath, await io.readStdin());
    const kind = fileKindOf(basename(filePath)) ?? 'dockerfile';
    usedConfigs.add(config);
    usedKinds.add(kind);
    failLevelFor(filePath, config);
    if (fixMode === 'none') {
      results.push(lintText(loaded.text, { ...options, filePath, kind, config }));
    } else {
      const fixed = fixText(loaded.text, { ...options, filePath, kind, config });
      results.push({ ...fixed, bom: loaded.bom, output: fixed.output !== loaded.text ? fixed.output : undefined });
      if (args.fix && !args.diff && !args['fix-dry-run']) {
        // Like ruff: with stdin, --fix prints the fixed text and moves the report to stderr.
        io.stdout((loaded.bom ? '\uFEFF' : '') + fixed.output);
        return await report(results, reporting, io, color, io.stderr);
      }
    }
  } else {
    const { discovery, builds } = findLintTargets(paths.map((path) => resolve(io.cwd, path)), {
      cwd: io.cwd,
      // A broken Compose or Bake file is left out; it does not change the exit code.
      onWarning: (warning) => io.stderr(`dockfix: warning: ${relativePath(io.cwd, warning.file)}: ${warning.message}\n`),
    });
    buildContexts.useBuilds(builds);
    for (const error of discovery.errors) {
      io.stderr(`dockfix: ${relativePath(io.cwd, error.path)}: ${error.message.slice(error.path.length + 2)}\n`);
      ioFailure = true;
    }
    for (const directory of discovery.emptyDirectories) {
      io.stderr(`dockfix: ${relativePath(io.cwd, directory) || '.'}: no Dockerfile, Containerfile or .dockerignore found\n`);
      if (args['error-on-unmatched']) ioFailure = true;
    }
    const jobs: { readonly path: string; readonly kind: FileKind; readonly config: DockfixConfig }[] = [];
    for (const target of discovery.targets) {
      const config = configs.forFile(target.path);
      if (isIgnoredByConfig(target.path, config)) continue;
      usedConfigs.add(config);
      usedKinds.add(target.kind);
      failLevelFor(target.path, config);
      jobs.push({ path: target.path, kind: target.kind, config });
    }
    // Many files are shared with worker threads, which run this same function up to here (see lintJobs);
    // not with --fix, where a file written early can change what a later one sees of its build context.
    const lintOne = (job: (typeof jobs)[number]) => lintFile(job.path, { ...options, kind: job.kind, config: job.config, fix: fixMode });
    const linted = await lintJobs(jobs, lintOne, argv, io, shard, fixMode !== 'write');
    if (!linted) return EXIT_OK;
    for (const result of linted) {
      if (result.fatal) {
        io.stderr(`dockfix: ${relativePath(io.cwd, result.filePath)}: ${result.fatal.slice(result.filePath.length + 2)}\n`);
        ioFailure = true;
      }
      results.push(result);
    }
  }

  // Fixes may also add lines to other files (a context's .dockerignore): written once all files are linted.
  const otherFiles = fixMode === 'none' ? { planned: [], failures: [] } : (await import('./file-changes.js')).applyFileChanges(results, fixMode === 'write');
  for (const failure of otherFiles.failures) {
    io.stderr(`dockfix: ${relativePath(io.cwd, failure.path)}: ${failure.message.slice(failure.path.length + 2)}\n`);
    ioFailure = true;
  }
  if (args.diff) {
    const { unifiedDiff } = await import('./diff.js');
    const patch = results
      .filter((result) => result.output !== undefined && result.source !== undefined)
      .map((result) => {
        const original = readOriginal(result);
        return unifiedDiff(relativePath(io.cwd, result.filePath), original, (result.bom ? '\uFEFF' : '') + result.output!);
      })
      .concat(otherFiles.planned.map((plan) => unifiedDiff(relativePath(io.cwd, plan.path), (plan.bom ? '\uFEFF' : '') + (plan.before ?? ''), (plan.bom ? '\uFEFF' : '') + plan.after, plan.before === undefined)))
      .join('');
    io.stdout(patch);
    if (ioFailure) return EXIT_USAGE;
    return patch ? EXIT_FINDINGS : EXIT_OK;
  }
  const exit = await report(results, reporting, io, color, io.stdout);
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

interface OutputTarget {
  readonly format: string;
  /** Undefined: stdout. */
  readonly path?: string;
}

interface ReportSettings {
  readonly format: string;
  readonly outputs: readonly OutputTarget[];
  readonly quiet: boolean;
  readonly 'max-warnings'?: number;
  readonly baselinePath?: string;
  readonly baseline?: Baseline;
  readonly baselineWrite?: string;
  readonly sarifCategory?: string;
  readonly rulesThatRan: () => RuleMeta[];
  readonly failLevelOf: (filePath: string) => FailLevel;
}

/**
 * `--output FILE` sends the --format report to FILE; `--output FORMAT:FILE`
 * writes another report, and then the --format report still goes to stdout.
 */
function parseOutputs(format: string, values: string | string[] | undefined): OutputTarget[] {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  let primary: string | undefined;
  const extra: OutputTarget[] = [];
  for (const value of list) {
    if (value === '') throw new UsageError('--output needs a file name (or FORMAT:FILE)');
    // A one-letter prefix is a Windows drive (C:\report.txt), not a format; ./name:x names a file with a colon.
    const match = /^([a-z][a-z0-9-]+):(.*)$/.exec(value);
    if (match) {
      if (!FORMAT_NAMES.includes(match[1])) {
        throw new UsageError(`--output ${value}: unknown format "${match[1]}" (available: ${FORMAT_NAMES.join(', ')})`);
      }
      if (match[2] === '') throw new UsageError(`--output ${value}: the file name is missing`);
      extra.push({ format: match[1], path: match[2] });
    } else if (primary !== undefined) {
      throw new UsageError(`--output ${value}: only one plain --output FILE is allowed; write other formats with FORMAT:FILE`);
    } else {
      primary = value;
    }
  }
  return [{ format, path: primary }, ...extra];
}

async function report(
  allResults: FileResult[],
  settings: ReportSettings,
  io: CliIO,
  color: boolean,
  write: (text: string) => void,
): Promise<number> {
  let results = allResults;
  if (settings.baselineWrite !== undefined || settings.baseline) {
    const { applyBaseline, baselineRoot, createBaseline, writeBaseline } = await import('./baseline.js');
    if (settings.baselineWrite !== undefined) {
      const path = resolve(io.cwd, settings.baselineWrite);
      const root = baselineRoot(path, io.cwd);
      const created = createBaseline(results, root, io.cwd);
      writeBaseline(path, created);
      const total = created.fingerprints.reduce((sum, entry) => sum + entry.count, 0);
      io.stderr(`dockfix: recorded ${total} finding${total === 1 ? '' : 's'} in ${settings.baselineWrite}\n`);
      results = applyBaseline(results, created, root, io.cwd).results;
    }
    if (settings.baseline && settings.baselinePath !== undefined) {
      results = applyBaseline(results, settings.baseline, baselineRoot(settings.baselinePath, io.cwd), io.cwd).results;
    }
  }
  const shown = settings.quiet
    ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') }))
    : results;
  let rules: RuleMeta[] | undefined;
  for (const output of settings.outputs) {
    const formatter = await loadFormatter(output.format);
    rules ??= settings.rulesThatRan();
    const context: FormatContext = {
      cwd: io.cwd,
      color: color && output.path === undefined,
      toolVersion: packageVersion(),
      informationUri: HOMEPAGE,
      rules: rules.map((meta) => ruleInfo(meta, formatter.needs?.ruleDocs ?? false)),
      sarifCategory: settings.sarifCategory,
      warn: (message) => io.stderr(`dockfix: ${message}\n`),
    };
    const text = formatter(shown, context);
    if (output.path !== undefined) {
      try {
        writeFileSync(resolve(io.cwd, output.path), text);
      } catch (error) {
        throw new IoError(output.path, `cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    } else {
      write(text);
    }
  }
  let failing = 0;
  let warnings = 0;
  for (const result of results) {
    const failRank = SEVERITY_RANK[settings.failLevelOf(result.filePath)];
    for (const diagnostic of result.diagnostics) {
      if (SEVERITY_RANK[diagnostic.severity] >= failRank) failing++;
      if (diagnostic.severity === 'warning') warnings++;
    }
  }
  if (failing > 0) return EXIT_FINDINGS;
  if (settings['max-warnings'] !== undefined && warnings > settings['max-warnings']) {
    io.stderr(`dockfix: too many warnings (${warnings}); --max-warnings allows ${settings['max-warnings']}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

const SEVERITY_RANK: Readonly<Record<FailLevel, number>> = { info: 1, warning: 2, error: 3, none: 4 };

/** Ids the engine reports itself, described for formats that list rules (SARIF). */
const ENGINE_RULES: readonly RuleMeta[] = [
  { id: BUILTIN_IDS.parseError, description: 'Docker would reject the file: it does not parse.', category: 'correctness', severity: 'error', fileKind: 'dockerfile', aliases: [] },
  { id: BUILTIN_IDS.internalError, description: 'A dockfix rule crashed, or its fix did not hold; please report it.', category: 'correctness', severity: 'error', fileKind: 'dockerfile', aliases: [] },
  { id: BUILTIN_IDS.invalidSuppression, description: 'A dockfix-ignore comment names an unknown rule.', category: 'maintainability', severity: 'warning', fileKind: 'dockerfile', aliases: [] },
  { id: BUILTIN_IDS.unusedSuppression, description: 'A suppression comment silences nothing (--report-unused-ignores).', category: 'maintainability', severity: 'warning', fileKind: 'dockerfile', fixable: 'safe', aliases: [] },
];

/** The rules enabled for at least one linted file of their kind, then the engine's own ids. */
function rulesThatRan(
  ruleSet: RuleSet,
  configs: ReadonlySet<DockfixConfig>,
  kinds: ReadonlySet<FileKind>,
  overrides: ReadonlyMap<string, RuleLevel>,
  targets: readonly string[],
): RuleMeta[] {
  const enabled = new Set<string>();
  for (const config of configs) {
    for (const id of engineConfigFor(config, ruleSet, overrides, targets).rules.keys()) enabled.add(id);
  }
  const rules = ruleSet.rules.filter((rule) => enabled.has(rule.meta.id) && kinds.has(rule.meta.fileKind)).map((rule) => rule.meta);
  return [...rules, ...ENGINE_RULES];
}

function ruleInfo(meta: RuleMeta, withDocs: boolean): RuleInfo {
  const builtin = ENGINE_RULES.includes(meta);
  const helpUri = builtin ? `${HOMEPAGE}#rules` : docsUrl(meta.id);
  if (!withDocs || builtin) return { meta, helpUri };
  return { meta, helpUri, docs: readRuleDocs(meta.id) };
}

function ruleDocsPath(id: string): string {
  return resolve(packageRoot(), 'docs', 'rules', `${id}.md`);
}

/** docs/rules/<id>.md as shipped in the package, or undefined when it is missing. */
function readRuleDocs(id: string): string | undefined {
  try {
    return readFileSync(ruleDocsPath(id), 'utf8');
  } catch {
    return undefined;
  }
}

/** The absolute path of a directory given on the command line; a usage error when it is not one. */
function existingDirectory(cwd: string, dir: string, notADirectory: string): string {
  const absolute = resolve(cwd, dir);
  if (!isDirectory(absolute)) throw new UsageError(notADirectory);
  return absolute;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
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
  return `${HOMEPAGE}/blob/main/docs/rules/${ruleId}.md`;
}

function explainRule(name: string, io: CliIO): number {
  const id = builtinRuleSet().resolve(name);
  if (!id) throw new UsageError(`unknown rule "${name}" (run \`dockfix rules\` for the list)`);
  const text = readRuleDocs(id);
  if (text === undefined) throw new IoError(ruleDocsPath(id), 'the rule documentation is missing from this installation');
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT_OK;
}

// ---- Large runs: worker threads ----
//
// With many files, worker threads lint part of them. A worker runs `run` itself with the same
// arguments (so it builds the same options, configs and file list) and then takes chunks of the
// list from a counter it shares with the main thread; the main thread takes chunks too, and puts
// the results back in file order. Each thread scans build contexts and warms its JIT on its own,
// so a worker pays only for many files.

/** Fewer files than this are linted on the main thread: a worker costs about as much to start. */
const PARALLEL_MIN_FILES = 100;
/**
 * Files taken at a time: small enough to balance the threads. A chunk ends where a directory does,
 * so that the files of one build context are linted by one thread (each thread scans the contexts
 * it meets), but it holds at most MAX_CHUNK_SIZE files.
 */
const CHUNK_SIZE = 8;
const MAX_CHUNK_SIZE = 32;

/** Where each chunk starts in `jobs`, and where the last one ends. */
function chunkStarts(jobs: readonly { readonly path: string }[]): number[] {
  const starts = [0];
  for (let index = 1; index < jobs.length; index++) {
    const size = index - starts[starts.length - 1];
    if (size >= MAX_CHUNK_SIZE || (size >= CHUNK_SIZE && dirname(jobs[index].path) !== dirname(jobs[index - 1].path))) starts.push(index);
  }
  starts.push(jobs.length);
  return starts;
}

type LintedFile = FileResult & { bom?: boolean };

/** A worker's share of a run. */
interface Shard {
  readonly counter: Int32Array;
  readonly jobCount: number;
  readonly post: (message: ShardMessage) => void;
}

interface ShardData {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean | undefined;
  readonly counter: SharedArrayBuffer;
  readonly jobCount: number;
}

interface ThrownError {
  readonly kind: 'io' | 'config' | 'other';
  readonly message: string;
  readonly stack: string | undefined;
  readonly path: string;
}

type ChunkEntry = { readonly result: LintedFile } | { readonly thrown: ThrownError } | { readonly error: unknown };

type ShardMessage =
  | { readonly type: 'chunk'; readonly chunk: number; readonly entries: readonly ChunkEntry[] }
  | { readonly type: 'done' };

function lintChunk<T>(jobs: readonly T[], starts: readonly number[], chunk: number, lintOne: (job: T) => LintedFile, local: boolean): ChunkEntry[] {
  const entries: ChunkEntry[] = [];
  for (const job of jobs.slice(starts[chunk], starts[chunk + 1])) {
    try {
      entries.push({ result: lintOne(job) });
    } catch (error) {
      entries.push(local ? { error } : { thrown: describeThrown(error) });
    }
  }
  return entries;
}

function describeThrown(error: unknown): ThrownError {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  if (error instanceof IoError) return { kind: 'io', message, stack, path: error.path };
  if (error instanceof ConfigError) return { kind: 'config', message, stack, path: error.file };
  return { kind: 'other', message, stack, path: '' };
}

/** The error a worker caught, as the main thread would have thrown it. */
function reviveThrown(thrown: ThrownError): Error {
  const error = thrown.kind === 'io' ? new IoError(thrown.path, '') : thrown.kind === 'config' ? new ConfigError(thrown.path, '') : new Error();
  error.message = thrown.message;
  if (thrown.stack !== undefined) error.stack = thrown.stack;
  return error;
}

/** How many worker threads to start for this many files: none below PARALLEL_MIN_FILES; DOCKFIX_THREADS sets the total. */
async function workerCount(files: number, env: NodeJS.ProcessEnv): Promise<number> {
  const setting = env.DOCKFIX_THREADS;
  if (setting !== undefined && setting !== '') {
    const threads = Number.parseInt(setting, 10);
    return Number.isInteger(threads) && threads > 1 ? Math.min(threads - 1, Math.ceil(files / CHUNK_SIZE) - 1) : 0;
  }
  if (files < PARALLEL_MIN_FILES) return 0;
  const { availableParallelism } = await import('node:os');
  return Math.max(0, Math.min(availableParallelism(), 8, Math.floor(files / PARALLEL_MIN_FILES) + 1) - 1);
}

/**
 * Lints the jobs in order, with worker threads when there are many and `parallel` allows. In a
 * worker (`shard`), lints the chunks it takes and returns undefined. An exception is thrown for the
 * first file (in order) that threw, as a loop over the files would have.
 */
async function lintJobs<T extends { readonly path: string }>(
  jobs: readonly T[],
  lintOne: (job: T) => LintedFile,
  argv: readonly string[],
  io: CliIO,
  shard: Shard | undefined,
  parallel: boolean,
): Promise<LintedFile[] | undefined> {
  const starts = chunkStarts(jobs);
  const chunks = starts.length - 1;
  if (shard) {
    // A different file list (the tree changed under us): leave every chunk to the main thread.
    if (jobs.length !== shard.jobCount) return undefined;
    for (let chunk = Atomics.add(shard.counter, 0, 1); chunk < chunks; chunk = Atomics.add(shard.counter, 0, 1)) {
      shard.post({ type: 'chunk', chunk, entries: lintChunk(jobs, starts, chunk, lintOne, false) });
    }
    return undefined;
  }
  const workers = parallel ? await workerCount(jobs.length, io.env) : 0;
  if (workers === 0) return jobs.map((job) => lintOne(job));

  const { Worker } = await import('node:worker_threads');
  const counter = new SharedArrayBuffer(4);
  const shared = new Int32Array(counter);
  const outcomes: (readonly ChunkEntry[] | undefined)[] = new Array(chunks);
  const entry = new URL(`data:text/javascript,import { runShard } from ${encodeURIComponent(JSON.stringify(import.meta.url))}; await runShard();`);
  const finished = Array.from({ length: workers }, () => new Promise<void>((done) => {
    const data: ShardData = {
      argv: [...argv],
      cwd: io.cwd,
      env: { ...io.env },
      stdoutIsTTY: io.stdoutIsTTY,
      stderrIsTTY: io.stderrIsTTY,
      counter,
      jobCount: jobs.length,
    };
    const worker = new Worker(entry, { workerData: data, stdout: true, stderr: true });
    worker.on('message', (message: ShardMessage) => {
      if (message.type === 'chunk') outcomes[message.chunk] = message.entries;
      else done();
    });
    // A worker that fails leaves its chunks unreported; the main thread lints them below.
    worker.on('error', () => done());
    worker.on('exit', () => done());
  }));
  for (let chunk = Atomics.add(shared, 0, 1); chunk < chunks; chunk = Atomics.add(shared, 0, 1)) {
    outcomes[chunk] = lintChunk(jobs, starts, chunk, lintOne, true);
  }
  await Promise.all(finished);
  const results: LintedFile[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (const item of outcomes[chunk] ?? lintChunk(jobs, starts, chunk, lintOne, true)) {
      if ('result' in item) results.push(item.result);
      else if ('thrown' in item) throw reviveThrown(item.thrown);
      else throw item.error;
    }
  }
  return results;
}

/** A worker thread's entry point (see lintJobs). */
export async function runShard(): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  const data = workerData as ShardData;
  const post = (message: ShardMessage) => parentPort!.postMessage(message);
  const io: CliIO = {
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => new Uint8Array(),
    cwd: data.cwd,
    env: data.env,
    stdoutIsTTY: data.stdoutIsTTY,
    stderrIsTTY: data.stderrIsTTY,
  };
  try {
    await run(data.argv, io, { counter: new Int32Array(data.counter), jobCount: data.jobCount, post });
  } catch {
    // The main thread lints what this worker did not report, and reports any error itself.
  }
  post({ type: 'done' });
}

// ---- Command lines read without yargs ----
//
// `parser` runs once against a recorder that notes each option (name, alias, type, default,
// array); a command line made only of those options, in forms whose meaning is plain, is read
// here into the object yargs would return (aliases, camelCase keys, defaults and `$0` included).
// Anything else (help, version, `--`, repeated or negated options that yargs turns into arrays,
// greedy arrays, numbers, unknown options, a builder method the recorder does not know) goes
// to yargs. `bench/check-argv.js` compares both readings.

type ParsedArguments = Awaited<ReturnType<ReturnType<typeof parser>['parseAsync']>>;

interface RecordedOption {
  readonly alias?: string | readonly string[];
  readonly type?: string;
  readonly default?: unknown;
  readonly array?: boolean;
}

const PLAIN_OPTION_KEYS = new Set(['alias', 'type', 'default', 'array', 'describe', 'description', 'desc', 'hidden']);
const PLAIN_BUILDER_METHODS = new Set(['scriptName', 'usage', 'version', 'help', 'strictOptions', 'wrap', 'exitProcess', 'fail', 'epilogue', 'example']);

let recordedOptions: Map<string, RecordedOption> | null | undefined;

/** The options `parser` declares, or null when it uses something the fast reading does not handle. */
function parserOptions(): Map<string, RecordedOption> | null {
  if (recordedOptions !== undefined) return recordedOptions;
  const options = new Map<string, RecordedOption>();
  let plain = true;
  const builder: object = new Proxy({}, {
    get(_target, name) {
      if (name === 'option') {
        return (key: unknown, spec: unknown) => {
          const option = spec as RecordedOption | undefined;
          if (typeof key !== 'string' || !option || typeof option !== 'object' || !Object.keys(option).every((k) => PLAIN_OPTION_KEYS.has(k))
            || !['string', 'boolean', 'number'].includes(option.type ?? '')) {
            plain = false;
          } else {
            options.set(key, option);
          }
          return builder;
        };
      }
      // help and version get their short aliases; any other alias is not recorded.
      if (name === 'alias') {
        return (key: unknown, alias: unknown) => {
          if (!((key === 'version' && alias === 'v') || (key === 'help' && alias === 'h'))) plain = false;
          return builder;
        };
      }
      if (typeof name === 'string' && PLAIN_BUILDER_METHODS.has(name)) return () => builder;
      if (name === 'then') return undefined;
      return () => {
        plain = false;
        return builder;
      };
    },
  });
  parser(builder as Argv);
  recordedOptions = plain ? options : null;
  return recordedOptions;
}

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** yargs turns these positionals into numbers; the fast reading leaves them to it. */
const NUMBER_LIKE = /^(0x[0-9a-f]+|-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?)$/i;

/** The arguments as yargs would read them, or undefined when only yargs can tell. */
export function fastArguments(argv: readonly string[]): ParsedArguments | undefined {
  const options = parserOptions();
  if (!options) return undefined;
  const byFlag = new Map<string, [string, RecordedOption]>();
  for (const [name, option] of options) {
    byFlag.set(`--${name}`, [name, option]);
    for (const alias of [option.alias ?? []].flat()) byFlag.set(alias.length === 1 ? `-${alias}` : `--${alias}`, [name, option]);
  }
  const given = new Map<string, unknown>();
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '-' || !arg.startsWith('-')) {
      if (NUMBER_LIKE.test(arg)) return undefined;
      positionals.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const inline = equals > 0 ? arg.slice(equals + 1) : undefined;
    const found = byFlag.get(flag);
    if (!found) {
      // --no-color: a negated boolean.
      const negated = flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined;
      if (!negated || negated[1].type !== 'boolean' || inline !== undefined || given.has(negated[0])) return undefined;
      if (argv[index + 1] === 'true' || argv[index + 1] === 'false') return undefined;
      given.set(negated[0], false);
      continue;
    }
    const [name, option] = found;
    // A repeated string option becomes an array, as in yargs; repeated booleans and numbers go to yargs.
    if (given.has(name) && option.type !== 'string') return undefined;
    if (option.type === 'boolean') {
      // yargs takes a following "true" or "false" as the value.
      if (inline !== undefined || argv[index + 1] === 'true' || argv[index + 1] === 'false') return undefined;
      given.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('-')) return undefined;
      index++;
    }
    if (value === '' || NUMBER_LIKE.test(value)) {
      if (option.type !== 'number' || !/^\d+$/.test(value)) return undefined;
      given.set(name, Number(value));
      continue;
    }
    if (option.type === 'number') return undefined;
    if (option.array) {
      // yargs' arrays take every following word; only a single one is read here.
      const next = argv[index + 1];
      if (inline !== undefined || (next !== undefined && !next.startsWith('-'))) return undefined;
      given.set(name, [...((given.get(name) as string[] | undefined) ?? []), value]);
      continue;
    }
    const earlier = given.get(name) as string | string[] | undefined;
    given.set(name, earlier === undefined ? value : [earlier, value].flat());
  }
  const parsed: Record<string, unknown> = { _: positionals, $0: 'dockfix' };
  for (const [name, option] of options) {
    const value = given.has(name) ? given.get(name) : option.default;
    if (value === undefined && !given.has(name)) continue;
    const copy = () => (Array.isArray(value) ? [...value] : value);
    parsed[name] = copy();
    if (name.includes('-')) parsed[camelCase(name)] = copy();
    for (const alias of [option.alias ?? []].flat()) {
      parsed[alias] = copy();
      if (alias.includes('-')) parsed[camelCase(alias)] = copy();
    }
  }
  return parsed as ParsedArguments;
}

/** yargs' reading of a command line (for bench/check-argv.js). */
export async function yargsArguments(argv: readonly string[]): Promise<ParsedArguments> {
  return await parser((await import('yargs')).default()).parseAsync([...argv], {}, () => {});
}
