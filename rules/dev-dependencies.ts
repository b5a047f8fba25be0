import type { DockerfileRule, Report, Suggestion, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction, Stage } from '../src/model/dockerfile.js';
import type { ShellWord, SimpleCommand } from '../src/shell/ast.js';
import type { Ecosystem, PackageCommand } from '../src/knowledge/package-managers.js';
import { flagValue, flagValues, hasFlag, readPackageCommand } from '../src/knowledge/package-managers.js';
import { stageChain } from '../src/knowledge/images.js';
import { insertAt, insertLines, lineEndAfter, lineStartOf, replace, report, shippedTargets, unsafeFix } from '../src/rule-kit.js';
import {
  dependencyDirEcosystem, devExtras, devToolStep, isDevCommand, isDevDockerfilePath, isDevRequirementsFile, isDevStageName,
} from '../src/knowledge/dev-dependencies.js';

/**
 * Reports installs of development dependencies (devDependencies, dev groups,
 * requirements-dev.txt, require-dev…) that end up in a shipped image, and
 * dependency folders copied into it from a stage that installed them.
 */
const rule: DockerfileRule = {
  meta: {
    id: 'dev-dependencies',
    description: 'The shipped image should not contain development dependencies: install production dependencies only.',
    category: 'performance',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: [],
  },
  check({ file, settings }) {
    if (isDevDockerfilePath(file.path)) return [];
    const reports: Report[] = [];
    const seen = new Set<number>();
    for (const target of shippedTargets(file, settings)) {
      if (isDevStageName(target.name)) continue;
      const chain = stageChain(target);
      if (startsDevServer(chain)) continue;
      for (const finding of unprunedInstalls(file, chain, true)) {
        if (seen.has(finding.dev.step.command.start)) continue;
        seen.add(finding.dev.step.command.start);
        reports.push(installReport(file, finding));
      }
      for (const instruction of chain.flatMap((stage) => stage.instructions)) {
        if (instruction.inOnbuild || instruction.keyword !== 'COPY') continue;
        const copied = copyReport(file, instruction);
        if (copied && !seen.has(copied.start)) {
          seen.add(copied.start);
          reports.push(copied);
        }
      }
    }
    return reports.sort((a, b) => a.start - b.start);
  },
};
export default rule;

/** One simple command of a RUN, in build order along a chain of stages. */
interface Step {
  readonly instruction: Instruction;
  readonly command: SimpleCommand;
  readonly pkg: PackageCommand | undefined;
}

type Family = 'npm' | 'yarn' | 'berry' | 'pnpm' | 'bun' | 'pip' | 'uv' | 'poetry' | 'pipenv' | 'bundler' | 'composer';

interface DevInstall {
  readonly step: Step;
  readonly family: Family;
  readonly ecosystem: Ecosystem;
  /** `npm ci`, `poetry install`. */
  readonly label: string;
  /** What gets installed: `devDependencies`, `the dev requirements in requirements-dev.txt`. */
  readonly what: string;
  /** How to install production dependencies only, as a sentence fragment. */
  readonly advice: string;
  /** The unsafe fix, when one is certain to mean "production only". */
  readonly fix: readonly TextEdit[] | undefined;
  /** A change to offer when no fix is. */
  readonly suggestion: Suggestion | undefined;
}

interface Finding {
  readonly dev: DevInstall;
  /** The last later step that needs the dev dependencies (a build, tests). */
  readonly build: { readonly step: Step; readonly text: string } | undefined;
}

/** The image's CMD/ENTRYPOINT runs a dev server, a watcher or the tests. */
function startsDevServer(chain: readonly Stage[]): boolean {
  const entries = chain.flatMap((stage) => stage.instructions)
    .filter((instruction) => !instruction.inOnbuild && (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT'));
  const last = (keyword: string) => entries.filter((instruction) => instruction.keyword === keyword).pop();
  return [last('ENTRYPOINT'), last('CMD')].some((instruction) => instruction !== undefined
    && isDevCommand((instruction.json ?? instruction.args).map((word) => word.value)));
}

/** Every simple command of the chain's RUN instructions; ONBUILD triggers run in child images, not here. */
function stepsOf(chain: readonly Stage[]): Step[] {
  const steps: Step[] = [];
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (instruction.inOnbuild || !instruction.run) continue;
      for (const command of instruction.run.commands) steps.push({ instruction, command, pkg: readPackageCommand(command) });
    }
  }
  return steps;
}

/** Dev installs along a chain that nothing later removes, with the build that needs them if any. */
function unprunedInstalls(file: DockerfileModel, chain: readonly Stage[], lookForBuilds: boolean): Finding[] {
  const steps = stepsOf(chain);
  const instructions = chain.flatMap((stage) => stage.instructions).filter((instruction) => !instruction.inOnbuild);
  const findings: Finding[] = [];
  steps.forEach((step, index) => {
    const dev = devInstall(file, steps, index, instructions);
    if (!dev) return;
    const later = steps.slice(index + 1);
    if (later.some((other, offset) => prunes(file, steps, index + 1 + offset, dev))) return;
    // A later install of the same kind (a second `uv sync`) is the one to report.
    if (later.some((other, offset) => other.pkg?.tool === step.pkg!.tool && other.pkg.subcommand === step.pkg!.subcommand
      && devInstall(file, steps, index + 1 + offset, instructions)?.what === dev.what)) return;
    let build: Finding['build'];
    if (lookForBuilds) {
      for (const other of later) {
        const text = devToolStep(other.command, dev.ecosystem);
        if (text) build = { step: other, text };
      }
    }
    findings.push({ dev, build });
  });
  return findings;
}

// ---------------------------------------------------------------------------
// Environment

const UNKNOWN = Symbol('unknown');
type EnvValue = string | undefined | typeof UNKNOWN;

/** The value of an environment variable for a command: inline, `export`ed earlier in the RUN, ENV, or ARG. */
function envValue(steps: readonly Step[], index: number, ...names: string[]): EnvValue {
  const step = steps[index];
  for (const name of names) {
    const inline = step.pkg?.inlineEnv.get(name) ?? step.command.assignments.find((assignment) => assignment.name === name)?.value?.value;
    if (inline !== undefined) return known(inline);
  }
  for (let earlier = index - 1; earlier >= 0 && steps[earlier].instruction === step.instruction; earlier--) {
    const command = steps[earlier].command;
    if (command.name?.value !== 'export') continue;
    for (const word of command.args) {
      const eq = word.value.indexOf('=');
      if (eq > 0 && names.includes(word.value.slice(0, eq))) return known(word.value.slice(eq + 1));
    }
  }
  const state = step.instruction.state;
  for (const name of names) {
    const env = state.env.get(name);
    if (env !== undefined) return known(env);
  }
  for (const name of names) {
    if (state.args.has(name)) {
      const value = state.args.get(name);
      return value === undefined ? UNKNOWN : known(value);
    }
  }
  return undefined;
}

function known(value: string): EnvValue {
  return value.includes('$') ? UNKNOWN : value;
}

/** True when the value is (or may be, when it comes from a build argument) the given one. */
function mayBe(value: EnvValue, test: (value: string) => boolean): boolean {
  if (value === UNKNOWN) return true;
  return value !== undefined && test(value.trim().replace(/^["']|["']$/g, ''));
}

const truthy = (value: string) => /^(1|true|yes|on)$/i.test(value);

function nodeEnvProduction(steps: readonly Step[], index: number): boolean {
  return mayBe(envValue(steps, index, 'NODE_ENV'), (value) => value === 'production');
}

function npmConfigProduction(steps: readonly Step[], index: number): boolean {
  return mayBe(envValue(steps, index, 'npm_config_production', 'NPM_CONFIG_PRODUCTION'), truthy)
    || mayBe(envValue(steps, index, 'npm_config_omit', 'NPM_CONFIG_OMIT'), (value) => value.split(/[\s,:]+/).includes('dev'))
    || mayBe(envValue(steps, index, 'npm_config_only', 'NPM_CONFIG_ONLY'), (value) => /^prod(uction)?$/.test(value));
}

/** `npm config set omit dev`, `yarn config set production true`… earlier in the chain. */
function configuredProduction(steps: readonly Step[], index: number, programs: readonly string[]): boolean {
  for (let earlier = 0; earlier < index; earlier++) {
    const words = commandWords(steps[earlier].command);
    if (words.length < 4 || !programs.includes(words[0]) || words[1] !== 'config' || words[2] !== 'set') continue;
    const [key, value] = words[3].includes('=') ? words[3].split('=', 2) : [words[3], words[4] ?? ''];
    if ((key === 'production' && truthy(value)) || (key === 'omit' && value === 'dev') || (key === 'only' && /^prod/.test(value))) return true;
  }
  return false;
}

/** The command's words (program base name first), wrappers like sudo and env skipped. */
function commandWords(command: SimpleCommand): string[] {
  const words = command.name ? [command.name, ...command.args].map((word) => word.value) : [];
  let index = 0;
  while (index < words.length && /^(sudo|env|exec|command)$/.test(baseName(words[index]))) {
    const sudo = baseName(words[index]) === 'sudo';
    index++;
    while (index < words.length && (words[index].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index]))) {
      index += sudo && /^-[ugCDhpRrTt]$/.test(words[index]) ? 2 : 1;
    }
  }
  if (words[index] === 'corepack' && index + 1 < words.length) index++;
  return words.slice(index).map((word, position) => (position === 0 ? baseName(word) : word));
}

function baseName(program: string): string {
  return program.split('/').pop() ?? program;
}

// ---------------------------------------------------------------------------
// Which installs bring in dev dependencies

function devInstall(file: DockerfileModel, steps: readonly Step[], index: number, instructions: readonly Instruction[], alternatives = true): DevInstall | undefined {
  const step = steps[index];
  const pkg = step.pkg;
  if (!pkg || !pkg.installsProjectDependencies) return undefined;
  if (alternatives && step.command.nesting === 'compound' && hasProductionAlternative(file, steps, index, instructions)) return undefined;
  const label = `${pkg.tool === 'bundler' ? 'bundle' : pkg.tool} ${pkg.subcommand}`.trim();
  const base = { step, label, ecosystem: pkg.ecosystem, suggestion: undefined };
  switch (pkg.tool) {
    case 'npm': {
      if (hasProductionNpmFlags(pkg)) return undefined;
      const explicit = explicitNpmDev(pkg);
      if (!explicit && (nodeEnvProduction(steps, index) || npmConfigProduction(steps, index) || configuredProduction(steps, index, ['npm']))) return undefined;
      return {
        ...base, family: 'npm', what: 'devDependencies',
        advice: 'add --omit=dev (or set NODE_ENV=production) to install production dependencies only',
        fix: explicit ? undefined : addFlag(file, step, ['--omit=dev']),
      };
    }
    case 'yarn': {
      // `yarn --version`, `yarn install <name>` (an error in Yarn 1): not an install of the project.
      if (step.command.args.some((word) => /^(--version|-v|--help|-h)$/.test(word.value)) || pkg.operands.length > 0) return undefined;
      const production = hasFlag(pkg, '--production', '--prod') && !/^false$/.test(flagValue(pkg, '--production', '--prod') ?? '');
      if (production) return undefined;
      const explicit = /^false$/.test(flagValue(pkg, '--production', '--prod') ?? '');
      if (isBerry(steps, index, instructions)) {
        const focus = pkg.subcommand === 'workspaces focus';
        return {
          ...base, family: 'berry', what: 'devDependencies',
          advice: focus
            ? 'add --production to install production dependencies only'
            : 'Yarn 2+ has no install --production: use `yarn workspaces focus --all --production` (the workspace-tools plugin on Yarn 2 and 3) to install production dependencies only',
          fix: focus && !explicit ? addFlag(file, step, ['--production']) : undefined,
          suggestion: focus ? undefined : berrySuggestion(file, step),
        };
      }
      if (!explicit && (nodeEnvProduction(steps, index) || npmConfigProduction(steps, index)
        || mayBe(envValue(steps, index, 'YARN_PRODUCTION'), truthy) || configuredProduction(steps, index, ['yarn', 'yarnpkg']))) return undefined;
      return {
        ...base, family: 'yarn', what: 'devDependencies',
        advice: 'add --production (or set NODE_ENV=production) to install production dependencies only',
        fix: explicit ? undefined : addFlag(file, step, ['--production']),
      };
    }
    case 'pnpm': {
      if (pkg.subcommand === 'fetch') return undefined;
      if (hasFlag(pkg, '--prod', '-P', '--production') && !/^false$/.test(flagValue(pkg, '--prod', '--production') ?? '')) return undefined;
      const explicit = hasFlag(pkg, '--dev', '-D') || /^false$/.test(flagValue(pkg, '--prod', '--production') ?? '');
      if (!explicit && (nodeEnvProduction(steps, index) || npmConfigProduction(steps, index) || configuredProduction(steps, index, ['pnpm']))) return undefined;
      return {
        ...base, family: 'pnpm', what: 'devDependencies',
        advice: 'add --prod (or set NODE_ENV=production) to install production dependencies only',
        fix: explicit ? undefined : addFlag(file, step, ['--prod']),
      };
    }
    case 'bun': {
      if (hasFlag(pkg, '--production', '-p')) return undefined;
      if (nodeEnvProduction(steps, index) || mayBe(envValue(steps, index, 'BUN_INSTALL_PRODUCTION'), truthy)) return undefined;
      return {
        ...base, family: 'bun', what: 'devDependencies',
        advice: 'add --production to install production dependencies only',
        fix: addFlag(file, step, ['--production']),
      };
    }
    case 'pip':
    case 'uv':
      if (pkg.tool === 'uv' && pkg.subcommand === 'sync') return uvSync(file, steps, index, base);
      return pipInstall(file, step, pkg, base);
    case 'poetry': {
      if (pkg.subcommand !== 'install' && pkg.subcommand !== 'sync') return undefined;
      const only = flagValue(pkg, '--only');
      if (hasFlag(pkg, '--only-root', '--no-dev', '--without')) return undefined;
      if (only !== undefined && !/(^|,)\s*(dev|test|tests|lint)\s*(,|$)/.test(only)) return undefined;
      const explicit = only !== undefined || hasFlag(pkg, '--with', '--all-groups');
      return {
        ...base, family: 'poetry', what: 'the dev dependency groups',
        advice: 'add --only main (Poetry 1.2+) to install the main group only',
        fix: explicit ? undefined : addFlag(file, step, ['--only', 'main']),
      };
    }
    case 'pipenv': {
      const dev = pkg.args.find((word) => word.value === '--dev' || word.value === '-d');
      if (!dev) return undefined;
      return {
        ...base, label: `${label} ${dev.value}`, family: 'pipenv', what: 'the [dev-packages] of the Pipfile',
        advice: `drop ${dev.value} to install the [packages] only`,
        fix: removeWord(file, step, dev),
      };
    }
    case 'bundler': {
      if (hasFlag(pkg, '--without', '--only')) return undefined;
      if (mayBe(envValue(steps, index, 'BUNDLE_WITHOUT', 'BUNDLE_ONLY'), (value) => value !== '')) return undefined;
      if (bundlerConfigured(steps, index)) return undefined;
      const offset = lineStartOf(file, step.instruction.start);
      const indent = file.source.indentAt(step.instruction.start);
      return {
        ...base, family: 'bundler', what: 'the development and test gem groups',
        advice: 'set ENV BUNDLE_WITHOUT="development:test" before it (or run `bundle config set without "development test"`); the --without flag is deprecated in Bundler 2',
        fix: step.instruction.stage ? [insertLines(file, offset, [`${indent}ENV BUNDLE_WITHOUT="development:test"`])] : undefined,
      };
    }
    case 'composer': {
      if (pkg.subcommand === 'require') return undefined;
      if (hasFlag(pkg, '--no-dev')) return undefined;
      if (mayBe(envValue(steps, index, 'COMPOSER_NO_DEV'), truthy)) return undefined;
      return {
        ...base, family: 'composer', what: 'the require-dev packages',
        advice: 'add --no-dev (or set COMPOSER_NO_DEV=1) to install the require packages only',
        fix: addFlag(file, step, ['--no-dev']),
      };
    }
    default:
      return undefined;
  }
}

/**
 * `if [ "$DEV" = true ]; then poetry install; else poetry install --only main; fi`:
 * the dev install is one branch, and the same RUN has a production one.
 */
function hasProductionAlternative(file: DockerfileModel, steps: readonly Step[], index: number, instructions: readonly Instruction[]): boolean {
  const step = steps[index];
  return steps.some((other, position) => position !== index && other.instruction === step.instruction
    && other.command.nesting === 'compound' && other.pkg?.tool === step.pkg!.tool && other.pkg.installsProjectDependencies
    && devInstall(file, steps, position, instructions, false) === undefined);
}

function hasProductionNpmFlags(pkg: PackageCommand): boolean {
  if (flagValues(pkg, '--omit').some((value) => value.split(',').includes('dev'))) return true;
  const only = flagValue(pkg, '--only');
  if (only !== undefined && /^prod(uction)?$/.test(only)) return true;
  return hasFlag(pkg, '--production') && !/^false$/.test(flagValue(pkg, '--production') ?? '');
}

/** Flags that ask npm for dev dependencies on purpose: no fix then. */
function explicitNpmDev(pkg: PackageCommand): boolean {
  if (flagValues(pkg, '--include', '--also').some((value) => /^dev(elopment)?$/.test(value))) return true;
  if (/^dev(elopment)?$/.test(flagValue(pkg, '--only') ?? '')) return true;
  if (hasFlag(pkg, '--dev')) return true;
  return /^false$/.test(flagValue(pkg, '--production') ?? '');
}

/** Yarn 2+ hints: .yarnrc.yml or .yarn copied in, `yarn set version berry`, corepack yarn@4, berry-only flags. */
function isBerry(steps: readonly Step[], index: number, instructions: readonly Instruction[]): boolean {
  const pkg = steps[index].pkg!;
  if (pkg.subcommand === 'workspaces focus' || hasFlag(pkg, '--immutable', '--immutable-cache', '--check-cache', '--mode', '--refresh-lockfile')) return true;
  const at = steps[index].instruction;
  for (const instruction of instructions) {
    if (instruction === at) break;
    if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.args.slice(0, -1).some((word) => /(^|\/)\.yarnrc\.yml$|(^|\/)\.yarn(\/|$)/.test(word.value))) return true;
  }
  for (let earlier = 0; earlier < index; earlier++) {
    const words = commandWords(steps[earlier].command);
    if ((words[0] === 'yarn' || words[0] === 'yarnpkg') && ((words[1] === 'set' && words[2] === 'version') || (words[1] === 'policies' && words[2] === 'set-version'))) {
      const version = words[3] ?? '';
      if (!/^(classic|1(\.|$)|latest)/.test(version)) return true;
    }
    if (words[0] === 'corepack' || steps[earlier].command.name?.value === 'corepack') {
      const spec = [steps[earlier].command.name, ...steps[earlier].command.args].map((word) => word?.value ?? '').find((value) => value.startsWith('yarn@'));
      if (spec && /^yarn@(stable|berry|canary|[2-9]|\d{2,})/.test(spec)) return true;
    }
  }
  return false;
}

/** `bundle config set without …` / `bundle config --local without …` earlier in the chain. */
function bundlerConfigured(steps: readonly Step[], index: number): boolean {
  for (let earlier = 0; earlier < index; earlier++) {
    const words = commandWords(steps[earlier].command);
    if ((words[0] !== 'bundle' && words[0] !== 'bundler') || words[1] !== 'config') continue;
    if (words.slice(2).some((word) => word === 'without' || word === 'only' || /^BUNDLE_(WITHOUT|ONLY)$/i.test(word))) return true;
  }
  return false;
}

function uvSync(file: DockerfileModel, steps: readonly Step[], index: number, base: Pick<DevInstall, 'step' | 'label' | 'ecosystem' | 'suggestion'>): DevInstall | undefined {
  const pkg = steps[index].pkg!;
  const onlyDev = hasFlag(pkg, '--only-dev');
  if (!onlyDev) {
    if (hasFlag(pkg, '--no-dev', '--no-default-groups', '--only-group')) return undefined;
    if (flagValues(pkg, '--no-group').includes('dev')) return undefined;
    if (mayBe(envValue(steps, index, 'UV_NO_DEV'), truthy) || mayBe(envValue(steps, index, 'UV_NO_DEFAULT_GROUPS'), truthy)) return undefined;
  }
  const explicit = onlyDev || hasFlag(pkg, '--dev', '--all-groups') || flagValues(pkg, '--group').includes('dev');
  return {
    ...base, label: onlyDev ? `${base.label} --only-dev` : base.label, family: 'uv', what: 'the dev dependency group',
    advice: 'add --no-dev (or set UV_NO_DEV=1) to install the project dependencies only',
    fix: explicit ? undefined : addFlag(file, steps[index], ['--no-dev']),
  };
}

function pipInstall(file: DockerfileModel, step: Step, pkg: PackageCommand, base: Pick<DevInstall, 'step' | 'label' | 'ecosystem' | 'suggestion'>): DevInstall | undefined {
  const files = flagValues(pkg, '-r', '--requirement');
  if (pkg.subcommand === 'pip sync') files.push(...pkg.operands.map((word) => word.value));
  const devFiles = files.filter(isDevRequirementsFile);
  if (devFiles.length > 0) {
    return {
      ...base, family: pkg.tool === 'uv' ? 'uv' : 'pip', what: `the dev requirements in ${devFiles.join(' and ')}`,
      advice: `install the runtime requirements only, and ${devFiles.join(' and ')} in a build or test stage`,
      fix: undefined,
    };
  }
  // pip install -e ".[dev,test]"
  const targets = pkg.args.filter((word, position) => !word.value.startsWith('-')
    && (pkg.operands.includes(word) || ['-e', '--editable'].includes(pkg.args[position - 1]?.value ?? '')));
  for (const word of targets) {
    const extras = devExtras(word.value);
    if (!extras) continue;
    const keep = extras.extras.filter((extra) => !extras.dev.includes(extra));
    const bare = word.value.slice(0, word.value.lastIndexOf('['));
    const value = keep.length > 0 ? `${bare}[${keep.join(',')}]` : bare;
    return {
      ...base, family: pkg.tool === 'uv' ? 'uv' : 'pip', what: `the dev extras [${extras.dev.join(',')}] of ${bare}`,
      advice: `install ${value} without them`,
      fix: replaceWordValue(file, step, word, value),
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// What removes dev dependencies again

function prunes(file: DockerfileModel, steps: readonly Step[], index: number, dev: DevInstall): boolean {
  const step = steps[index];
  const words = commandWords(step.command);
  const program = words[0] ?? '';
  if ((program === 'rm' || program === 'rmdir') && words.slice(1).some((word) => removesDependencies(word, dev.ecosystem))) return true;
  if (dev.ecosystem === 'node') {
    const rest = words.slice(1).filter((word) => !word.startsWith('-'));
    if (program === 'npm' && rest[0] === 'prune') {
      const flags = words.slice(1);
      return flags.some((word) => /^--omit(=dev)?$|^--production(=true)?$|^--only=prod/.test(word)) || nodeEnvProduction(steps, index) || npmConfigProduction(steps, index);
    }
    if (program === 'pnpm' && rest[0] === 'prune') return words.includes('--prod') || words.includes('-P') || nodeEnvProduction(steps, index);
    // A later production install replaces node_modules.
    if (step.pkg?.ecosystem === 'node' && step.pkg.installsProjectDependencies && step.pkg.subcommand !== 'fetch') {
      return devInstall(file, steps, index, []) === undefined;
    }
    return false;
  }
  if (dev.ecosystem === 'python') {
    if ((program === 'pip' || /^pip\d/.test(program)) && words[1] === 'uninstall') return true;
    if (step.pkg && (step.pkg.subcommand === 'sync' && (step.pkg.tool === 'uv' || step.pkg.tool === 'poetry')
      || (step.pkg.tool === 'poetry' && hasFlag(step.pkg, '--sync')))) {
      return devInstall(file, steps, index, []) === undefined;
    }
    return false;
  }
  if (dev.ecosystem === 'ruby') return (program === 'bundle' || program === 'bundler') && words[1] === 'clean';
  if (dev.ecosystem === 'php') {
    return step.pkg?.tool === 'composer' && step.pkg.installsProjectDependencies && devInstall(file, steps, index, []) === undefined;
  }
  return false;
}

function removesDependencies(path: string, ecosystem: Ecosystem): boolean {
  switch (ecosystem) {
    case 'node': return /(^|\/)node_modules\/?$/.test(path);
    case 'python': return /(^|\/)\.?venv\/?$/.test(path);
    case 'ruby': return /(^|\/)vendor\/bundle\/?$/.test(path);
    case 'php': return /(^|\/)vendor\/?$/.test(path);
    default: return false;
  }
}

// ---------------------------------------------------------------------------
// Edits

/** Is the command's word written in the file exactly as parsed (no JSON escapes moved it)? */
function exact(file: DockerfileModel, word: ShellWord): boolean {
  return file.text.slice(word.start, word.end) === word.raw;
}

/** Is the word an element of an exec-form JSON array (rather than shell text)? */
function isJsonElement(step: Step, word: ShellWord): boolean {
  return step.instruction.json?.some((element) => element.start === word.start && element.end === word.end) ?? false;
}

/** Inserts flags right after the subcommand (`npm ci` → `npm ci --omit=dev`). */
function addFlag(file: DockerfileModel, step: Step, flags: readonly string[]): TextEdit[] | undefined {
  const pkg = step.pkg!;
  const words = [step.command.name!, ...step.command.args];
  const position = pkg.args.length > 0 ? words.indexOf(pkg.args[0]) - 1 : words.length - 1;
  const anchor = words[position];
  if (!anchor || !exact(file, anchor)) return undefined;
  if (isJsonElement(step, anchor)) return [insertAt(anchor.end, flags.map((flag) => `, ${JSON.stringify(flag)}`).join(''))];
  return [insertAt(anchor.end, flags.map((flag) => ` ${flag}`).join(''))];
}

/** Deletes a word and the separator before it. */
function removeWord(file: DockerfileModel, step: Step, word: ShellWord): TextEdit[] | undefined {
  const words = [step.command.name!, ...step.command.args];
  const previous = words[words.indexOf(word) - 1];
  if (!previous || !exact(file, word) || !exact(file, previous)) return undefined;
  if (!isJsonElement(step, word) && /[^ \t]/.test(file.text.slice(previous.end, word.start))) return undefined;
  return [replace({ start: previous.end, end: word.end }, '')];
}

function replaceWordValue(file: DockerfileModel, step: Step, word: ShellWord, value: string): TextEdit[] | undefined {
  if (!exact(file, word)) return undefined;
  if (isJsonElement(step, word)) return [replace(word, JSON.stringify(value))];
  const quote = word.raw[0] === '"' || word.raw[0] === "'" ? word.raw[0] : '';
  if (word.raw !== `${quote}${word.value}${quote}`) return undefined;
  return [replace(word, `${quote}${value}${quote}`)];
}

function berrySuggestion(file: DockerfileModel, step: Step): Suggestion | undefined {
  const words = [step.command.name!, ...step.command.args];
  const program = words.find((word) => /^(yarn|yarnpkg)$/.test(baseName(word.value)));
  if (!program || isJsonElement(step, program) || !exact(file, program)) return undefined;
  const last = words[words.length - 1];
  return {
    description: 'Install production dependencies only with `yarn workspaces focus --all --production`',
    edits: [replace({ start: program.start, end: last.end }, 'yarn workspaces focus --all --production')],
  };
}

/** The command that removes devDependencies after a build, for node tools. */
function pruneCommand(family: Family): string | undefined {
  switch (family) {
    case 'npm': return 'npm prune --omit=dev';
    case 'yarn': return 'yarn install --production --frozen-lockfile';
    case 'berry': return 'yarn workspaces focus --all --production';
    case 'pnpm': return 'pnpm prune --prod';
    case 'bun': return 'bun install --production';
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------
// Reports

function describeStage(stage: Stage | undefined): string {
  if (!stage) return 'the image';
  if (stage.name) return `stage "${stage.name}"`;
  return stage.isLast ? 'the final stage' : `stage ${stage.index}`;
}

function lineOf(file: DockerfileModel, offset: number): number {
  return file.source.lineOf(offset) + 1;
}

function installReport(file: DockerfileModel, { dev, build }: Finding): Report {
  const range = { start: dev.step.command.start, end: dev.step.command.end };
  const where = describeStage(dev.step.instruction.stage);
  const head = `\`${dev.label}\` in ${where} installs ${dev.what} into the shipped image`;
  if (build) {
    const prune = pruneCommand(dev.family);
    const message = `${head}, and \`${build.text}\` (line ${lineOf(file, build.step.command.start)}) needs them, so they cannot just be left out: `
      + 'build in a separate stage that installs everything, and install production dependencies only in the final stage that copies the build output'
      + `${prune ? ` (or run \`${prune}\` after the build)` : ''}. Dev tools make the image bigger and give an attacker more to work with.`;
    const offset = lineEndAfter(file, build.step.instruction.end);
    const suggestions: Suggestion[] = prune
      ? [{ description: `Remove the devDependencies after the build with \`RUN ${prune}\``, edits: [insertLines(file, offset, [`RUN ${prune}`])] }]
      : [];
    return report(range, message, suggestions.length > 0 ? { suggestions } : {});
  }
  const message = `${head}: build, test and lint tools make it bigger and give an attacker more to work with, yet the app does not need them at run time; ${dev.advice}.`;
  return report(range, message, {
    ...(dev.fix ? { fix: unsafeFix(...dev.fix) } : {}),
    ...(dev.suggestion ? { suggestions: [dev.suggestion] } : {}),
  });
}

/** COPY --from=<stage> of node_modules or a virtualenv from a stage that installed dev dependencies. */
function copyReport(file: DockerfileModel, instruction: Instruction): Report | undefined {
  const from = instruction.flags.find((flag) => flag.name === 'from');
  if (!from?.value || !instruction.stage || instruction.json) return undefined;
  const source = file.findStage(from.value, instruction.stage.index);
  if (!source) return undefined;
  for (const word of instruction.args.slice(0, -1)) {
    const ecosystem = dependencyDirEcosystem(word.value);
    if (!ecosystem) continue;
    const finding = unprunedInstalls(file, stageChain(source), false).find((candidate) => candidate.dev.ecosystem === ecosystem);
    if (!finding) continue;
    const dev = finding.dev;
    const prune = pruneCommand(dev.family);
    const sourceName = source.name ? `stage "${source.name}"` : `stage ${source.index}`;
    const message = `COPY --from=${from.value} copies ${word.value} from ${sourceName}, where \`${dev.label}\` (line ${lineOf(file, dev.step.command.start)}) installed ${dev.what} that no later step removes, so dev dependencies ship in this image: `
      + (prune
        ? `run \`${prune}\` at the end of ${sourceName}, or copy ${word.value} from a stage that installs production dependencies only.`
        : `copy it from a stage that installs the runtime dependencies only.`);
    const own = source.instructions.filter((candidate) => !candidate.inOnbuild);
    const last = own[own.length - 1] ?? source.from;
    const offset = lineEndAfter(file, last.end);
    return report(word, message, prune
      ? { suggestions: [{ description: `Remove the devDependencies at the end of ${sourceName} with \`RUN ${prune}\``, edits: [insertLines(file, offset, [`RUN ${prune}`])] }] }
      : {});
  }
  return undefined;
}
