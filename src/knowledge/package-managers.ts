/**
 * Recognises package-manager commands inside RUN: which tool, which
 * subcommand, its flags, and whether it installs the project's declared
 * dependencies or named packages. Rules about layer order, caches and dev
 * dependencies share this one reading of the shell.
 */
import type { ShellWord, SimpleCommand } from '../shell/ast.js';
import { baseName, invocationOf } from './shell-commands.js';

export type Ecosystem = 'node' | 'python' | 'go' | 'rust' | 'ruby' | 'php' | 'java' | 'dotnet' | 'os';

export type PackageTool =
  | 'npm' | 'yarn' | 'pnpm' | 'bun'
  | 'pip' | 'uv' | 'poetry' | 'pipenv'
  | 'go' | 'cargo' | 'bundler' | 'gem' | 'composer' | 'maven' | 'gradle' | 'dotnet'
  | 'apt' | 'apk' | 'dnf' | 'yum' | 'microdnf' | 'zypper';

export const ECOSYSTEM: Readonly<Record<PackageTool, Ecosystem>> = {
  npm: 'node', yarn: 'node', pnpm: 'node', bun: 'node',
  pip: 'python', uv: 'python', poetry: 'python', pipenv: 'python',
  go: 'go', cargo: 'rust', bundler: 'ruby', gem: 'ruby', composer: 'php', maven: 'java', gradle: 'java', dotnet: 'dotnet',
  apt: 'os', apk: 'os', dnf: 'os', yum: 'os', microdnf: 'os', zypper: 'os',
};

export interface PackageCommand {
  readonly tool: PackageTool;
  readonly ecosystem: Ecosystem;
  /** The subcommand as one string: `install`, `ci`, `pip install`, `mod download`, `dependency:go-offline`. */
  readonly subcommand: string;
  /** The whole simple command. */
  readonly command: SimpleCommand;
  /** The words after the subcommand (flags and operands). */
  readonly args: readonly ShellWord[];
  /** Operands that are not flags or flag values: package names, paths, requirement files after -r. */
  readonly operands: readonly ShellWord[];
  /** The command fetches packages (from a registry, a VCS or a mirror). */
  readonly downloads: boolean;
  /** The command installs what the project's manifest declares (npm ci, pip install -r, go mod download…). */
  readonly installsProjectDependencies: boolean;
  /** Assignments written before the command (`NODE_ENV=production npm ci`). */
  readonly inlineEnv: ReadonlyMap<string, string>;
}

/** Is a flag present? Matches `--name`, `--name=value`, and single-letter `-x` inside bundles like `-xy` for one-letter names. */
export function hasFlag(command: PackageCommand, ...names: string[]): boolean {
  return command.args.some((word) => names.some((name) => flagMatches(word.value, name)));
}

/** The value of `--name value` or `--name=value`. */
export function flagValue(command: PackageCommand, ...names: string[]): string | undefined {
  return flagValueIn(command.args, ...names);
}

/** `flagValue` over any words, such as every argument of a simple command (global options included). */
export function flagValueIn(args: readonly ShellWord[], ...names: string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    for (const name of names) {
      if (value.startsWith(`${name}=`)) return value.slice(name.length + 1);
      if (value === name && index + 1 < args.length) return args[index + 1].value;
    }
  }
  return undefined;
}

/** Every value of a repeatable flag (`-r a.txt -r b.txt`, `--requirement=c.txt`). */
export function flagValues(command: PackageCommand, ...names: string[]): string[] {
  const values: string[] = [];
  const args = command.args;
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    for (const name of names) {
      if (value.startsWith(`${name}=`)) values.push(value.slice(name.length + 1));
      else if (value === name && index + 1 < args.length) values.push(args[++index].value);
      else if (name.length === 2 && value.startsWith(name) && value.length > 2 && !value.startsWith('--')) values.push(value.slice(2));
    }
  }
  return values;
}

function flagMatches(value: string, name: string): boolean {
  if (value === name || value.startsWith(`${name}=`)) return true;
  // -y inside -qy: only for single-letter short flags.
  return name.length === 2 && name[0] === '-' && name[1] !== '-' && /^-[A-Za-z]+$/.test(value) && value.includes(name[1]);
}

/** Program words that run another command after their own options. */

const PROGRAM_TOOLS: Readonly<Record<string, PackageTool>> = {
  npm: 'npm', yarn: 'yarn', yarnpkg: 'yarn', pnpm: 'pnpm', bun: 'bun',
  pip: 'pip', pip3: 'pip', uv: 'uv', poetry: 'poetry', pipenv: 'pipenv',
  go: 'go', cargo: 'cargo', bundle: 'bundler', bundler: 'bundler', gem: 'gem', composer: 'composer',
  mvn: 'maven', mvnw: 'maven', gradle: 'gradle', gradlew: 'gradle', dotnet: 'dotnet',
  'apt-get': 'apt', apt: 'apt', aptitude: 'apt', apk: 'apk', dnf: 'dnf', dnf5: 'dnf', yum: 'yum', microdnf: 'microdnf', zypper: 'zypper',
};

/** The tool a program word names: `/usr/bin/pip3.12` → pip, `./mvnw` → maven. */
export function toolOfProgram(program: string): PackageTool | undefined {
  const base = program.split('/').pop() ?? program;
  const direct = PROGRAM_TOOLS[base];
  if (direct) return direct;
  if (/^pip\d+(\.\d+)?$/.test(base)) return 'pip';
  if (/^composer(\.phar)?$/.test(base)) return 'composer';
  return undefined;
}

/** Options that take a separate value, per tool, so values are not taken for operands. */
const VALUE_FLAGS: Partial<Record<PackageTool, readonly string[]>> = {
  npm: ['--prefix', '--registry', '--cache', '--omit', '--include', '--workspace', '-w', '--loglevel'],
  yarn: ['--cwd', '--modules-folder', '--cache-folder', '--network-timeout', '--registry', '--mutex'],
  pnpm: ['--dir', '-C', '--filter', '-F', '--store-dir', '--registry'],
  pip: ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--cache-dir', '--trusted-host', '--platform', '--python-version', '--only-binary', '--no-binary', '-e', '--editable', '--src', '--progress-bar', '--timeout', '--retries', '--log'],
  uv: ['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '--python', '-p', '--cache-dir', '--target', '--prefix', '--group', '--extra', '--package', '--only-group', '--no-group', '-e', '--editable'],
  poetry: ['--only', '--without', '--with', '-E', '--extras', '-C', '--directory'],
  go: ['-o', '-ldflags', '-tags', '-gcflags', '-mod', '-p', '-modfile', '-C', '-trimpath=false'],
  cargo: ['--target', '--target-dir', '--features', '-p', '--package', '--bin', '--manifest-path', '-j', '--jobs', '--profile', '--root', '--version', '--git', '--branch', '--tag', '--rev', '--path'],
  bundler: ['--without', '--with', '--path', '--jobs', '-j', '--retry', '--gemfile', '--deployment'],
  gem: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source'],
  composer: ['-d', '--working-dir', '--prefer-dist'],
  maven: ['-f', '--file', '-s', '--settings', '-P', '-pl', '--projects', '-T', '--threads', '-D'],
  gradle: ['-p', '--project-dir', '-x', '--exclude-task', '-b', '--build-file', '-D', '-P'],
  dotnet: ['-c', '--configuration', '-o', '--output', '-r', '--runtime', '-s', '--source', '-f', '--framework', '--packages', '-a', '--arch', '--os'],
  apt: ['-o', '-t', '--target-release', '--option', '-c', '--config-file'],
  apk: ['-X', '--repository', '-t', '--virtual', '--root', '-p', '--cache-dir', '--arch'],
  dnf: ['--setopt', '--releasever', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--repo', '--repoid', '-c', '--config'],
  yum: ['--setopt', '--releasever', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--repo', '--repoid', '-c', '--config'],
  microdnf: ['--setopt', '--releasever', '--installroot', '--enablerepo', '--disablerepo', '--repo', '--config'],
  zypper: ['-r', '--repo', '--from', '-t', '--type'],
};

/** Global flags that come before the subcommand and take a value. */
const GLOBAL_VALUE_FLAGS: Partial<Record<PackageTool, readonly string[]>> = {
  npm: ['--prefix', '--cache', '--registry', '-C'],
  yarn: ['--cwd'],
  pnpm: ['-C', '--dir', '--filter', '-F'],
  poetry: ['-C', '--directory'],
  go: ['-C'],
  cargo: ['--manifest-path', '-Z', '--config'],
  maven: ['-f', '--file', '-s', '--settings', '-P', '-pl', '-T', '-D', '-B', '-q'],
  gradle: ['-p', '--project-dir', '-D', '-P'],
  uv: ['--directory', '--project', '--cache-dir', '--python', '-p'],
  apt: ['-o', '--option', '-t', '--target-release', '-c', '--config-file'],
  apk: ['-X', '--repository', '-p', '--root', '--cache-dir', '--arch', '--keys-dir', '--repositories-file'],
  dnf: ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude', '--repo', '--repoid', '-d', '--debuglevel', '-e', '--errorlevel', '--forcearch'],
  yum: ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude', '--repo', '--repoid', '-d', '--debuglevel', '-e', '--errorlevel', '--forcearch'],
  microdnf: ['--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '--repo'],
  zypper: ['-R', '--root', '-c', '--config', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '--userdata'],
};

export interface ReadOptions {
  /**
   * Also read subcommands that are not installs (`apt-get remove`, `dnf clean`,
   * `zypper dup`): they come back with `downloads` and
   * `installsProjectDependencies` false. Off by default.
   */
  readonly anySubcommand?: boolean;
}

/**
 * Reads a simple command as a package-manager command, if it is one.
 * `sudo`, `env X=1` and `python -m pip` are seen through.
 */
export function readPackageCommand(command: SimpleCommand, options: ReadOptions = {}): PackageCommand | undefined {
  const invocation = invocationOf(command);
  if (!invocation) return undefined;
  // sudo/env/… and their options are seen through; what they assign counts as inline env.
  const words = [invocation.program, ...invocation.args];
  const inlineEnv = new Map<string, string>();
  for (const assignment of command.assignments) inlineEnv.set(assignment.name, assignment.value?.value ?? '');
  for (const [name, value] of invocation.wrapperEnv) inlineEnv.set(name, value);
  let index = 0;
  if (index >= words.length) return undefined;
  let program = words[index].value;
  // python -m pip install …, python3 -m uv …
  if (/^python[\d.]*$/.test(baseName(program))) {
    const m = words.findIndex((word, position) => position > index && word.value === '-m');
    if (m < 0 || !words[m + 1]) return undefined;
    program = words[m + 1].value;
    index = m + 1;
  } else if (baseName(program) === 'corepack' && words[index + 1]) {
    index++;
    program = words[index].value;
  }
  const tool = toolOfProgram(program);
  if (!tool) return undefined;
  index++;

  // Skip global options before the subcommand.
  const globalValueFlags = GLOBAL_VALUE_FLAGS[tool] ?? [];
  while (index < words.length && words[index].value.startsWith('-') && tool !== 'maven' && tool !== 'gradle') {
    const value = words[index].value;
    index += globalValueFlags.includes(value) ? 2 : 1;
  }
  const rest = words.slice(index);
  // `yarn --version`, `bundle -v`, `npm --help`: global flags alone do not install anything.
  if (rest.length === 0 && words.slice(0, index).some((word) => /^(--version|-v|-V|--help|-h)$/.test(word.value))) return undefined;
  const { subcommand, consumed } = readSubcommand(tool, rest);
  const args = rest.slice(consumed);
  const operands = collectOperands(tool, args);
  const shape = classify(tool, subcommand, operands, args) ?? (options.anySubcommand ? { downloads: false, project: false } : undefined);
  if (!shape) return undefined;
  return {
    tool,
    ecosystem: ECOSYSTEM[tool],
    subcommand,
    command,
    args,
    operands,
    downloads: shape.downloads,
    installsProjectDependencies: shape.project,
    inlineEnv,
  };
}

const TWO_WORD_SUBCOMMANDS: Partial<Record<PackageTool, readonly string[]>> = {
  go: ['mod'],
  uv: ['pip', 'tool'],
  yarn: ['workspaces', 'cache', 'workspace'],
  npm: ['cache'],
  pnpm: ['store'],
  bun: ['pm'],
  cargo: ['chef'],
  poetry: ['self'],
  dotnet: ['tool'],
};

function readSubcommand(tool: PackageTool, rest: readonly ShellWord[]): { subcommand: string; consumed: number } {
  if (tool === 'maven' || tool === 'gradle') {
    // Every non-flag word is a goal or task: keep them all as the subcommand.
    const goals = rest.filter((word) => !word.value.startsWith('-')).map((word) => word.value);
    return { subcommand: goals.join(' '), consumed: 0 };
  }
  const first = rest[0];
  if (!first || first.value.startsWith('-')) return { subcommand: '', consumed: 0 };
  if ((TWO_WORD_SUBCOMMANDS[tool] ?? []).includes(first.value) && rest[1] && !rest[1].value.startsWith('-')) {
    return { subcommand: `${first.value} ${rest[1].value}`, consumed: 2 };
  }
  return { subcommand: first.value, consumed: 1 };
}

function collectOperands(tool: PackageTool, args: readonly ShellWord[]): ShellWord[] {
  const valueFlags = VALUE_FLAGS[tool] ?? [];
  const operands: ShellWord[] = [];
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    if (value.startsWith('-')) {
      if (valueFlags.includes(value)) index++;
      continue;
    }
    operands.push(args[index]);
  }
  return operands;
}

interface Shape {
  readonly downloads: boolean;
  readonly project: boolean;
}

function classify(tool: PackageTool, subcommand: string, operands: readonly ShellWord[], args: readonly ShellWord[]): Shape | undefined {
  const named = operands.length > 0;
  const has = (...names: string[]) => args.some((word) => names.some((name) => flagMatches(word.value, name)));
  switch (tool) {
    case 'npm':
      if (['ci', 'clean-install', 'install-clean', 'ic'].includes(subcommand)) return { downloads: true, project: true };
      if (['install', 'i', 'in', 'isntall', 'add'].includes(subcommand)) {
        return { downloads: true, project: !named && !has('-g', '--global') };
      }
      if (subcommand === 'update' || subcommand === 'up') return { downloads: true, project: !named };
      return undefined;
    case 'yarn':
      if (subcommand === '' || subcommand === 'install') return { downloads: true, project: true };
      if (subcommand === 'add' || subcommand === 'global') return { downloads: true, project: false };
      if (subcommand === 'workspaces focus') return { downloads: true, project: true };
      return undefined;
    case 'pnpm':
      if (['install', 'i', 'fetch'].includes(subcommand)) return { downloads: true, project: true };
      if (subcommand === 'add') return { downloads: true, project: false };
      return undefined;
    case 'bun':
      if (subcommand === 'install' || subcommand === 'i') return { downloads: true, project: !named };
      if (subcommand === 'add') return { downloads: true, project: false };
      return undefined;
    case 'pip':
      if (subcommand !== 'install' && subcommand !== 'download' && subcommand !== 'wheel') return undefined;
      return { downloads: true, project: has('-r', '--requirement') || operands.some((word) => isLocalProject(word.value)) || editableTargets(args).some(isLocalProject) };
    case 'uv':
      if (subcommand === 'sync') return { downloads: true, project: true };
      if (subcommand === 'pip install' || subcommand === 'pip sync') {
        return { downloads: true, project: subcommand === 'pip sync' || has('-r', '--requirement') || operands.some((word) => isLocalProject(word.value)) };
      }
      if (subcommand === 'add' || subcommand === 'tool install') return { downloads: true, project: false };
      return undefined;
    case 'poetry':
      if (subcommand === 'install' || subcommand === 'sync') return { downloads: true, project: true };
      if (subcommand === 'add') return { downloads: true, project: false };
      return undefined;
    case 'pipenv':
      if (subcommand === 'install') return { downloads: true, project: !named };
      if (subcommand === 'sync') return { downloads: true, project: true };
      return undefined;
    case 'go':
      if (subcommand === 'mod download') return { downloads: true, project: true };
      if (['build', 'install', 'test', 'run', 'generate', 'vet'].includes(subcommand)) {
        // Builds download missing modules of the project (or of the named remote package for go install x@v).
        return { downloads: true, project: !operands.some((word) => word.value.includes('@')) };
      }
      if (subcommand === 'get' || subcommand === 'mod tidy') return { downloads: true, project: subcommand === 'mod tidy' };
      return undefined;
    case 'cargo':
      if (['build', 'fetch', 'test', 'check', 'doc', 'run', 'vendor'].includes(subcommand)) return { downloads: true, project: true };
      if (subcommand === 'chef cook') return { downloads: true, project: true };
      if (subcommand === 'install') return { downloads: true, project: has('--path') || operands.length === 0 };
      return undefined;
    case 'bundler':
      if (subcommand === '' || subcommand === 'install') return { downloads: true, project: true };
      return undefined;
    case 'gem':
      if (subcommand === 'install' || subcommand === 'i') return { downloads: true, project: false };
      return undefined;
    case 'composer':
      if (subcommand === 'install' || subcommand === 'update' || subcommand === 'i') return { downloads: true, project: true };
      if (subcommand === 'require' || subcommand === 'global') return { downloads: true, project: false };
      return undefined;
    case 'maven': {
      const goals = subcommand.split(' ').filter(Boolean);
      const fetching = goals.some((goal) => goal.startsWith('dependency:') || ['compile', 'package', 'install', 'verify', 'test', 'deploy'].includes(goal) || /:(run|build|go-offline)$/.test(goal));
      return fetching ? { downloads: true, project: true } : undefined;
    }
    case 'gradle': {
      const tasks = subcommand.split(' ').filter(Boolean);
      return tasks.length > 0 ? { downloads: true, project: true } : undefined;
    }
    case 'dotnet':
      if (['restore', 'build', 'publish', 'test', 'pack'].includes(subcommand)) return { downloads: true, project: true };
      if (subcommand === 'tool install') return { downloads: true, project: false };
      return undefined;
    case 'apt':
      if (['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'update', 'source'].includes(subcommand)) return { downloads: true, project: false };
      return undefined;
    case 'apk':
      if (['add', 'upgrade', 'update', 'fetch'].includes(subcommand)) return { downloads: true, project: false };
      return undefined;
    case 'dnf':
    case 'yum':
    case 'microdnf':
      if (['install', 'upgrade', 'update', 'groupinstall', 'reinstall', 'builddep', 'makecache', 'distro-sync'].includes(subcommand)) return { downloads: true, project: false };
      return undefined;
    case 'zypper':
      if (['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'refresh', 'ref', 'source-install', 'si'].includes(subcommand)) return { downloads: true, project: false };
      return undefined;
  }
}

/** The values of `-e X` / `--editable X` / `--editable=X`. */
function editableTargets(args: readonly ShellWord[]): string[] {
  const targets: string[] = [];
  args.forEach((word, index) => {
    if ((word.value === '-e' || word.value === '--editable') && args[index + 1]) targets.push(args[index + 1].value);
    else if (word.value.startsWith('--editable=')) targets.push(word.value.slice('--editable='.length));
  });
  return targets;
}

/** `.`, `./pkg`, `-e .`, `/src`, `file:…`: a local project rather than a registry package. */
function isLocalProject(operand: string): boolean {
  return operand === '.' || operand.startsWith('./') || operand.startsWith('../') || operand.startsWith('/') || operand.startsWith('.[') || operand.startsWith('file:');
}

/** Every package-manager command among some simple commands. */
export function packageCommands(commands: readonly SimpleCommand[]): PackageCommand[] {
  const found: PackageCommand[] = [];
  for (const command of commands) {
    const read = readPackageCommand(command);
    if (read) found.push(read);
  }
  return found;
}
