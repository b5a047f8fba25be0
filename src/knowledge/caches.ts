/**
 * Where each package tool keeps its download cache for a given user and
 * environment, which RUN cache mounts cover it, and which commands or flags
 * turn that cache off or empty it. The cache-mount and cache-mount-misuse
 * rules share this one reading.
 */
import type { BuildState, DockerfileModel, Instruction, Stage } from '../model/dockerfile.js';
import { joinPosix } from '../model/dockerfile.js';
import type { Mount, RunInfo, RunScript } from '../model/run.js';
import type { TextEdit } from '../types.js';
import type { ShellWord, SimpleCommand } from '../shell/ast.js';
import type { PackageCommand, PackageTool } from './package-managers.js';
import { flagValue, hasFlag, packageCommands } from './package-managers.js';
import { insertAt } from '../rule-kit.js';
import { baseImage, defaultsToNonRoot, rootStage } from './images.js';
import { usersCreatedIn } from './users.js';
import type { CreatedUser } from './users.js';

/** One directory a tool caches into. */
export interface CacheDir {
  /** The directory a fix mounts. */
  readonly path: string;
  /** The directories the tool actually writes: a mount at or above any of them covers this cache. */
  readonly accept: readonly string[];
}

export interface CacheFamily {
  /** Stable key: one finding per RUN per family (`apt`, `go-mod`, `go-build`, `pip`…). */
  readonly id: string;
  readonly tool: PackageTool;
  /** How messages name the cache: "the <name> cache" (`pip`, `Go module`). */
  readonly name: string;
  /** The first is the one that must be covered; the fix mounts every one that is not. */
  readonly dirs: readonly CacheDir[];
  /** `locked` for caches whose tool cannot share them between parallel builds (apt, apk). */
  readonly sharing: 'locked' | undefined;
}

/** What a tool's cache location depends on at one RUN. */
export interface CacheContext {
  /** $HOME of the effective user; undefined when it cannot be known. */
  readonly home: string | undefined;
  /** ENV in force (with defaults of well-known base images), then RUN-level `export`s. */
  readonly env: ReadonlyMap<string, string>;
  readonly workdir: string;
  /** True when the effective user is root. */
  readonly root: boolean;
  /** The file shows signs of Yarn 2+ (berry): .yarnrc.yml, corepack, --immutable. */
  readonly yarnBerry: boolean;
  readonly user: string | undefined;
  /** Numeric uid/gid of the effective user, when known: cache mounts belong to root unless told otherwise. */
  readonly uid: string | undefined;
  readonly gid: string | undefined;
}

/** ENV the official images set that decide cache locations. */
const IMAGE_ENV: readonly [RegExp, Readonly<Record<string, string>>][] = [
  [/^golang$/, { GOPATH: '/go' }],
  [/^rust$/, { CARGO_HOME: '/usr/local/cargo' }],
  [/^ruby$/, { GEM_HOME: '/usr/local/bundle' }],
  [/^composer$/, { COMPOSER_HOME: '/tmp' }],
];

/** Home directories of accounts that images ship with. */
const KNOWN_HOMES: Readonly<Record<string, string>> = {
  root: '/root',
  node: '/home/node',
  'www-data': '/var/www',
  postgres: '/var/lib/postgresql',
  jenkins: '/var/jenkins_home',
  gradle: '/home/gradle',
};

export function imageEnvDefaults(stage: Stage): Map<string, string> {
  const name = baseImage(stage).name.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  const env = new Map<string, string>();
  for (const [pattern, values] of IMAGE_ENV) {
    if (pattern.test(name)) for (const [key, value] of Object.entries(values)) env.set(key, value);
  }
  return env;
}

/** Accounts created before `before` whose home is known (a home given through a variable is not). */
function usersBefore(stage: Stage, before: number): CreatedUser[] {
  return usersCreatedIn(stage, before).filter((user) => user.home !== undefined);
}

/** $HOME of a USER value (`name`, `uid`, `name:group`); undefined when unknown. */
export function homeOfUser(user: string | undefined, created: readonly CreatedUser[], nonRootImage = false): string | undefined {
  return accountOf(user, created, nonRootImage).home;
}

// Asked for every RUN: testing the whole text once per file keeps a long Dockerfile linear.
const yarnBerryByFile = new WeakMap<DockerfileModel, boolean>();

function showsYarnBerry(file: DockerfileModel): boolean {
  let berry = yarnBerryByFile.get(file);
  if (berry === undefined) {
    berry = /\.yarnrc\.yml|corepack|yarn set version|--immutable\b|yarn@[2-9]|yarn@berry|YARN_ENABLE_/.test(file.text);
    yarnBerryByFile.set(file, berry);
  }
  return berry;
}

/** Well-known numeric ids of image accounts. */
const KNOWN_IDS: Readonly<Record<string, string>> = { root: '0', node: '1000' };

/** $HOME and numeric uid/gid of a USER value, each undefined when unknown. */
export function accountOf(user: string | undefined, created: readonly CreatedUser[], nonRootImage = false): { home: string | undefined; uid: string | undefined; gid: string | undefined } {
  if (user === undefined) return nonRootImage ? { home: undefined, uid: undefined, gid: undefined } : { home: '/root', uid: '0', gid: '0' };
  const [name, group] = user.trim().split(':');
  const numericGroup = group !== undefined && /^\d+$/.test(group) ? group : undefined;
  if (!name || name.includes('$')) return { home: undefined, uid: undefined, gid: undefined };
  if (name === 'root' || name === '0') return { home: '/root', uid: '0', gid: numericGroup ?? '0' };
  const byName = [...created].reverse().find((candidate) => candidate.name === name || candidate.uid === name);
  const uid = /^\d+$/.test(name) ? name : byName?.uid ?? KNOWN_IDS[name];
  const gid = numericGroup ?? (group === undefined && KNOWN_IDS[name] ? KNOWN_IDS[name] : undefined);
  if (byName) return { home: byName.home, uid, gid };
  if (/^\d+$/.test(name)) return { home: undefined, uid, gid };
  if (name === 'nobody') return { home: undefined, uid, gid };
  return { home: KNOWN_HOMES[name] ?? `/home/${name}`, uid, gid };
}

export function isRootUser(user: string | undefined): boolean {
  if (user === undefined) return true;
  const name = user.trim().split(':')[0];
  return name === 'root' || name === '0';
}

/** The state a RUN really sees: ONBUILD triggers run in the child build, after this stage's last instruction. */
export function effectiveState(instruction: Instruction): BuildState {
  return instruction.inOnbuild && instruction.stage ? instruction.stage.finalState : instruction.state;
}

/** Where caches go for a RUN: the effective user's home, ENV, WORKDIR. */
export function cacheContextAt(file: DockerfileModel, instruction: Instruction): CacheContext | undefined {
  const stage = instruction.stage;
  if (!stage) return undefined;
  const state = effectiveState(instruction);
  const env = imageEnvDefaults(stage);
  for (const [key, value] of state.env) env.set(key, value);
  const before = instruction.inOnbuild ? Number.POSITIVE_INFINITY : instruction.index;
  const rootImage = rootStage(stage);
  const nonRootImage = state.user === undefined && defaultsToNonRoot(rootImage.image);
  const envHome = env.get('HOME');
  const account = accountOf(state.user, usersBefore(stage, before), nonRootImage);
  const home = envHome !== undefined && envHome.startsWith('/') && !envHome.includes('$') ? envHome : account.home;
  // `export X=…` earlier in the same RUN.
  for (const command of instruction.run?.commands ?? []) {
    if (command.name?.value !== 'export') continue;
    for (const word of command.args) {
      const eq = word.value.indexOf('=');
      if (eq > 0) env.set(word.value.slice(0, eq), word.value.slice(eq + 1));
    }
  }
  return {
    home,
    env,
    workdir: state.workdir,
    root: isRootUser(state.user) && !nonRootImage,
    yarnBerry: showsYarnBerry(file),
    user: state.user,
    uid: account.uid,
    gid: account.gid,
  };
}

/** A mount's target as an absolute path, expanded; undefined when it depends on something unknown. */
export function mountTarget(file: DockerfileModel, mount: Mount, state: BuildState): string | undefined {
  if (!mount.target) return undefined;
  const expanded = file.expand(mount.target, state);
  if (expanded.includes('$') || expanded === '') return undefined;
  return joinPosix(state.workdir, expandTilde(expanded, undefined));
}

function expandTilde(path: string, home: string | undefined): string {
  if (path === '~' || path.startsWith('~/')) return home ? home + path.slice(1) : path;
  return path;
}

/** Does a mount at `target` hold `dir`? */
export function covers(target: string, dir: string): boolean {
  if (target === '/') return true;
  const t = target.replace(/\/+$/, '');
  return dir === t || dir.startsWith(t + '/');
}

export function dirCovered(dir: CacheDir, targets: readonly string[]): boolean {
  return dir.accept.some((path) => targets.some((target) => covers(target, path)));
}

/** Every package-manager subcommand that only refreshes metadata (no package is downloaded). */
export function onlyRefreshesMetadata(command: PackageCommand): boolean {
  switch (command.tool) {
    case 'apt':
    case 'apk':
      return command.subcommand === 'update';
    case 'dnf':
    case 'yum':
    case 'microdnf':
      return command.subcommand === 'makecache';
    case 'zypper':
      return command.subcommand === 'refresh' || command.subcommand === 'ref';
    default:
      return false;
  }
}

const dir = (path: string, ...accept: string[]): CacheDir => ({ path, accept: accept.length > 0 ? accept : [path] });

/** A known absolute path from the environment, `null` when set to something we cannot read, undefined when unset. */
function envPath(env: ReadonlyMap<string, string>, inline: ReadonlyMap<string, string>, name: string): string | null | undefined {
  const value = inline.get(name) ?? env.get(name);
  if (value === undefined || value === '') return undefined;
  if (value.includes('$') || !value.startsWith('/')) return null;
  return value.replace(/\/+$/, '') || '/';
}

/**
 * The caches a package command uses, for the context of its RUN. A family is
 * left out when its location cannot be known (unknown $HOME, a variable).
 */
export function cacheFamilies(command: PackageCommand, context: CacheContext): CacheFamily[] {
  const inline = command.inlineEnv;
  const env = context.env;
  const home = context.home;
  const get = (name: string) => envPath(env, inline, name);
  const flagPath = (...names: string[]): string | null | undefined => {
    const value = flagValue(command, ...names);
    if (value === undefined) return undefined;
    const expanded = expandTilde(value, home);
    if (expanded.includes('$')) return null;
    return joinPosix(context.workdir, expanded);
  };
  const xdg = (): string | undefined => {
    const value = get('XDG_CACHE_HOME');
    if (value === null) return undefined;
    return value ?? (home ? `${home}/.cache` : undefined);
  };
  /** First known of several locations; null/undefined from a higher-priority source stops the search when null. */
  const pick = (...candidates: (() => string | null | undefined)[]): string | undefined => {
    for (const candidate of candidates) {
      const value = candidate();
      if (value === null) return undefined;
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const family = (id: string, name: string, dirs: (CacheDir | undefined)[], sharing?: 'locked'): CacheFamily[] => {
    if (dirs.length === 0 || dirs[0] === undefined) return [];
    return [{ id, tool: command.tool, name, dirs: dirs.filter((entry): entry is CacheDir => entry !== undefined), sharing }];
  };
  const withHome = (suffix: string) => (home ? `${home}/${suffix}` : undefined);

  switch (command.tool) {
    case 'apt':
      return family('apt', 'apt', [dir('/var/cache/apt', '/var/cache/apt/archives'), dir('/var/lib/apt', '/var/lib/apt/lists')], 'locked');
    case 'apk': {
      const flag = flagPath('--cache-dir');
      if (flag === null) return [];
      if (flag) return family('apk', 'apk', [dir(flag)], 'locked');
      return family('apk', 'apk', [dir('/etc/apk/cache', '/etc/apk/cache', '/var/cache/apk')], 'locked');
    }
    case 'dnf':
      return family('dnf', 'dnf', [dir('/var/cache/dnf', '/var/cache/dnf', '/var/cache/libdnf5')], 'locked');
    case 'yum':
      return family('yum', 'yum', [dir('/var/cache/yum')], 'locked');
    case 'microdnf':
      return family('microdnf', 'microdnf', [dir('/var/cache/yum', '/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5')], 'locked');
    case 'zypper':
      return family('zypper', 'zypper', [dir('/var/cache/zypp')], 'locked');
    case 'npm': {
      const path = pick(() => flagPath('--cache'), () => get('npm_config_cache'), () => get('NPM_CONFIG_CACHE'), () => withHome('.npm'));
      return family('npm', 'npm', [path ? dir(path) : undefined]);
    }
    case 'yarn': {
      const explicit = pick(() => flagPath('--cache-folder'), () => get('YARN_CACHE_FOLDER'));
      if (explicit) return family('yarn', 'Yarn', [dir(explicit)]);
      if (get('YARN_CACHE_FOLDER') === null || flagPath('--cache-folder') === null) return [];
      const xdgDir = xdg();
      const v1 = context.root ? '/usr/local/share/.cache/yarn' : xdgDir ? `${xdgDir}/yarn` : undefined;
      const berry = withHome('.yarn/berry/cache');
      const preferred = context.yarnBerry ? berry : v1;
      if (!preferred) return [];
      const accept = [v1, berry, joinPosix(context.workdir, '.yarn/cache')].filter((path): path is string => path !== undefined);
      return family('yarn', 'Yarn', [dir(preferred, ...accept)]);
    }
    case 'pnpm': {
      const pnpmHome = get('PNPM_HOME');
      const dataHome = get('XDG_DATA_HOME');
      const path = pick(
        () => flagPath('--store-dir'),
        () => get('npm_config_store_dir'),
        () => (pnpmHome === null ? null : pnpmHome ? `${pnpmHome}/store` : undefined),
        () => (dataHome === null ? null : dataHome ? `${dataHome}/pnpm/store` : undefined),
        () => withHome('.local/share/pnpm/store'),
      );
      return family('pnpm', 'pnpm', [path ? dir(path) : undefined]);
    }
    case 'bun': {
      const install = get('BUN_INSTALL');
      const path = pick(
        () => get('BUN_INSTALL_CACHE_DIR'),
        () => (install === null ? null : install ? `${install}/install/cache` : undefined),
        () => withHome('.bun/install/cache'),
      );
      return family('bun', 'Bun', [path ? dir(path) : undefined]);
    }
    case 'pip': {
      const path = pick(() => flagPath('--cache-dir'), () => get('PIP_CACHE_DIR'), () => { const x = xdg(); return x ? `${x}/pip` : undefined; });
      return family('pip', 'pip', [path ? dir(path) : undefined]);
    }
    case 'uv': {
      const path = pick(() => flagPath('--cache-dir'), () => get('UV_CACHE_DIR'), () => { const x = xdg(); return x ? `${x}/uv` : undefined; });
      return family('uv', 'uv', [path ? dir(path) : undefined]);
    }
    case 'poetry': {
      const path = pick(() => get('POETRY_CACHE_DIR'), () => { const x = xdg(); return x ? `${x}/pypoetry` : undefined; });
      return family('poetry', 'Poetry', [path ? dir(path) : undefined]);
    }
    case 'pipenv': {
      const path = pick(() => get('PIPENV_CACHE_DIR'), () => { const x = xdg(); return x ? `${x}/pipenv` : undefined; });
      return family('pipenv', 'Pipenv', [path ? dir(path) : undefined]);
    }
    case 'go': {
      const families: CacheFamily[] = [];
      const goflags = `${inline.get('GOFLAGS') ?? env.get('GOFLAGS') ?? ''} ${command.args.map((word) => word.value).join(' ')}`;
      const vendored = /(^|\s)-mod[= ]vendor\b/.test(goflags);
      const gopathRaw = inline.get('GOPATH') ?? env.get('GOPATH');
      const gopath = gopathRaw === undefined || gopathRaw === ''
        ? withHome('go')
        : gopathRaw.includes('$') ? undefined : gopathRaw.split(':')[0].replace(/\/+$/, '');
      if (!vendored) {
        const modcache = pick(() => get('GOMODCACHE'), () => (gopath ? `${gopath}/pkg/mod` : undefined));
        families.push(...family('go-mod', 'Go module', [modcache ? dir(modcache) : undefined]));
      }
      if (['build', 'install', 'test', 'run', 'generate', 'vet'].includes(command.subcommand)) {
        const build = pick(() => get('GOCACHE'), () => { const x = xdg(); return x ? `${x}/go-build` : undefined; });
        families.push(...family('go-build', 'Go build', [build ? dir(build) : undefined]));
      }
      return families;
    }
    case 'cargo': {
      const cargoHome = pick(() => get('CARGO_HOME'), () => withHome('.cargo'));
      if (!cargoHome) return [];
      return family('cargo', 'Cargo', [dir(`${cargoHome}/registry`), dir(`${cargoHome}/git`)]);
    }
    case 'maven': {
      if (hasFlag(command, '-o', '--offline')) return [];
      const local = command.args.map((word) => /^-Dmaven\.repo\.local=(.+)$/.exec(word.value)?.[1]).find(Boolean);
      const path = local !== undefined
        ? (local.includes('$') ? undefined : joinPosix(context.workdir, expandTilde(local, home)))
        : withHome('.m2/repository');
      return family('maven', 'Maven', [path ? dir(path) : undefined]);
    }
    case 'gradle': {
      if (hasFlag(command, '--offline')) return [];
      const userHome = pick(() => get('GRADLE_USER_HOME'), () => withHome('.gradle'));
      return family('gradle', 'Gradle', [userHome ? dir(`${userHome}/caches`) : undefined]);
    }
    case 'dotnet': {
      if (hasFlag(command, '--no-restore')) return [];
      const path = pick(() => flagPath('--packages'), () => get('NUGET_PACKAGES'), () => withHome('.nuget/packages'));
      return family('nuget', 'NuGet', [path ? dir(path) : undefined]);
    }
    case 'bundler': {
      const bundlePath = get('BUNDLE_PATH');
      const gemHome = get('GEM_HOME');
      if (bundlePath === null || gemHome === null) return [];
      // Under BUNDLE_PATH the gem cache sits in ruby/<version>/cache: the version is not known here.
      if (bundlePath && bundlePath !== gemHome) return [];
      if (!gemHome) return [];
      const userCache = pick(() => get('BUNDLE_USER_CACHE'), () => withHome('.bundle/cache'));
      return family('gem', 'RubyGems', [dir(`${gemHome}/cache`, `${gemHome}/cache`, ...(userCache ? [userCache] : []))]);
    }
    case 'gem': {
      const installDir = flagPath('-i', '--install-dir');
      const gemHome = installDir === undefined ? get('GEM_HOME') : installDir;
      if (!gemHome) return [];
      return family('gem', 'RubyGems', [dir(`${gemHome}/cache`)]);
    }
    case 'composer': {
      const composerHome = get('COMPOSER_HOME');
      const x = xdg();
      const path = pick(
        () => get('COMPOSER_CACHE_DIR'),
        () => (composerHome === null ? null : composerHome ? `${composerHome}/cache` : undefined),
        () => (x ? `${x}/composer` : undefined),
      );
      if (!path) return [];
      const accept = [path, ...(home && !composerHome && !get('COMPOSER_CACHE_DIR') ? [`${home}/.composer/cache`] : [])];
      return family('composer', 'Composer', [dir(path, ...accept)]);
    }
  }
  return [];
}

/** A word or an environment variable that turns a tool's cache off. */
export interface CacheDisabler {
  /** The flag word, when a flag does it (undefined when ENV does). */
  readonly word: ShellWord | undefined;
  /** How to name it: `--no-cache-dir`, `PIP_NO_CACHE_DIR`. */
  readonly what: string;
  /** Set when the variable is an inline assignment of the command. */
  readonly inline: boolean;
}

const TRUTHY = /^(1|true|yes|on)$/i;

/** Flags or variables that make a command skip its cache, so a cache mount does nothing for it. */
export function cacheDisablers(command: PackageCommand, env: ReadonlyMap<string, string>): CacheDisabler[] {
  const found: CacheDisabler[] = [];
  const flags = (names: string[]) => {
    for (const word of command.args) if (names.includes(word.value)) found.push({ word, what: word.value, inline: false });
  };
  const variable = (name: string, truthy = true) => {
    const inlineValue = command.inlineEnv.get(name);
    const value = inlineValue ?? env.get(name);
    if (value === undefined) return;
    if (truthy ? TRUTHY.test(value) : value !== '') found.push({ word: undefined, what: name, inline: inlineValue !== undefined });
  };
  switch (command.tool) {
    case 'pip':
      flags(['--no-cache-dir', '--no-cache']);
      variable('PIP_NO_CACHE_DIR');
      break;
    case 'uv':
      flags(['--no-cache', '-n']);
      variable('UV_NO_CACHE');
      break;
    case 'apk':
      flags(['--no-cache']);
      break;
    case 'poetry':
      flags(['--no-cache']);
      break;
    case 'bun':
      flags(['--no-cache']);
      break;
    default:
      break;
  }
  return found;
}

/** What a command that empties a cache removes. */
export interface CacheClearing {
  readonly command: SimpleCommand;
  /** Family ids whose whole cache it empties (`npm cache clean`). */
  readonly families: readonly string[];
  /** Paths it deletes (`rm -rf`), absolute. */
  readonly paths: readonly { readonly word: ShellWord; readonly path: string }[];
  /** Operands of rm that are not resolvable or not paths we understand. */
  readonly otherOperands: number;
}

/** Commands that empty a package cache: `npm cache clean`, `apt-get clean`, `rm -rf ~/.cache/pip`… */
export function cacheClearing(command: SimpleCommand, home: string | undefined, workdir: string): CacheClearing | undefined {
  const program = command.name?.value.split('/').pop();
  if (!program) return undefined;
  const words = command.args.map((word) => word.value);
  const sub = words.filter((word) => !word.startsWith('-'));
  const families = (...ids: string[]): CacheClearing => ({ command, families: ids, paths: [], otherOperands: 0 });
  if (program === 'npm' && sub[0] === 'cache' && sub[1] === 'clean') return families('npm');
  if ((program === 'yarn' || program === 'yarnpkg') && sub[0] === 'cache' && sub[1] === 'clean') return families('yarn');
  if (program === 'pnpm' && sub[0] === 'store' && sub[1] === 'prune') return families('pnpm');
  if (/^pip[\d.]*$/.test(program) && sub[0] === 'cache' && (sub[1] === 'purge' || sub[1] === 'remove')) return families('pip');
  if (program === 'uv' && sub[0] === 'cache' && (sub[1] === 'clean' || sub[1] === 'prune')) return sub[1] === 'clean' ? families('uv') : undefined;
  if ((program === 'apt-get' || program === 'apt') && (sub[0] === 'clean' || sub[0] === 'autoclean')) return families('apt');
  if ((program === 'dnf' || program === 'yum' || program === 'microdnf') && sub[0] === 'clean') return families(program);
  if (program === 'zypper' && (sub[0] === 'clean' || sub[0] === 'cc')) return families('zypper');
  if (program === 'apk' && sub[0] === 'cache' && sub[1] === 'clean') return families('apk');
  if (program === 'go' && sub[0] === 'clean') {
    const ids = [...(words.includes('-modcache') ? ['go-mod'] : []), ...(words.includes('-cache') ? ['go-build'] : [])];
    return ids.length > 0 ? families(...ids) : undefined;
  }
  if (/^composer(\.phar)?$/.test(program) && (sub[0] === 'clear-cache' || sub[0] === 'clearcache' || sub[0] === 'cc')) return families('composer');
  if (program === 'rm') {
    const paths: { word: ShellWord; path: string }[] = [];
    let other = 0;
    for (const word of command.args) {
      if (word.value.startsWith('-')) continue;
      let value = word.value.replace(/^\$\{?HOME\}?(?=\/|$)/, home ?? '$HOME');
      value = expandTilde(value, home);
      if (value.includes('$') || value.includes('`')) {
        other++;
        continue;
      }
      const path = value.replace(/\/\*+$/, '').replace(/\/\.\*$/, '');
      // `rm ./.git/*.lock` deletes some files, not the cache: only whole directories count.
      if (/[*?[]/.test(path)) {
        other++;
        continue;
      }
      paths.push({ word, path: joinPosix(workdir, path) });
    }
    return paths.length > 0 ? { command, families: [], paths, otherOperands: other } : undefined;
  }
  return undefined;
}

/** Does deleting `path` empty (or try to delete) a cache mounted at `target`? Files deep inside it do not count. */
export function emptiesMount(path: string, target: string, cacheDirs: readonly string[] = []): boolean {
  return covers(path, target) || cacheDirs.some((dir) => covers(target, dir) && dir === path);
}

/** A stage built on a stage named by a variable: its ancestry (and what it already did) is unknown. */
export function chainUnknown(stage: Stage): boolean {
  return rootStage(stage).image.resolved.includes('$');
}

/** Does the RUN text turn off Debian's docker-clean apt hook (or keep downloaded packages)? */
export function keepsAptDownloads(text: string): boolean {
  return /docker-clean|Keep-Downloaded-Packages\s*"?true|keep-cache/i.test(text);
}

/** The whole text of a RUN as written (head and heredoc bodies). */
export function runText(file: DockerfileModel, instruction: Instruction): string {
  return file.text.slice(instruction.start, instruction.end);
}

/** Whether an earlier RUN of the stage chain (or this one) removes docker-clean. */
export function dockerCleanRemoved(file: DockerfileModel, instruction: Instruction): boolean {
  const stage = instruction.stage;
  if (!stage) return false;
  if (keepsAptDownloads(runText(file, instruction))) return true;
  for (let current: Stage | undefined = stage; current; current = current.parent) {
    for (const other of current.instructions) {
      if (other.keyword !== 'RUN' || other.inOnbuild) continue;
      if (current === stage && other.index >= instruction.index && !instruction.inOnbuild) continue;
      if (keepsAptDownloads(runText(file, other))) return true;
    }
  }
  return false;
}

/**
 * A path a cache mount would hide from the image: dependencies the app runs
 * with (node_modules, a virtualenv, site-packages) or the working directory.
 */
export function keptPathKind(target: string, workdir: string, env: ReadonlyMap<string, string>): string | undefined {
  const last = target.split('/').pop() ?? '';
  if (last === 'node_modules') return 'node_modules (the installed dependencies)';
  if (last === 'site-packages' || last === 'dist-packages') return 'site-packages (the installed Python packages)';
  const venv = env.get('VIRTUAL_ENV');
  if (last === '.venv' || last === 'venv' || target === '/opt/venv' || (venv !== undefined && venv.replace(/\/+$/, '') === target)) {
    return 'a virtualenv (the installed Python packages)';
  }
  if (target !== '/' && covers(target, workdir)) return target === workdir ? 'the WORKDIR' : `a directory holding the WORKDIR (${workdir})`;
  return undefined;
}

// ---------------------------------------------------------------------------
// Edits both rules make to a RUN: remove a flag word, an assignment or a whole
// command with the operator that joins it, so the script stays valid.

/** The script of a RUN that holds a command. */
export function scriptOf(run: RunInfo, command: SimpleCommand): RunScript | undefined {
  return run.scripts.find((script) => script.shell.commands.includes(command));
}

/** True for a command of the exec form that is not a shell (`["pip", "install", …]`): its words are JSON strings. */
function isJsonCommand(run: RunInfo, command: SimpleCommand): boolean {
  const script = scriptOf(run, command);
  return run.execForm && script?.origin === 'exec' && script.shell.commands.length === 1 && command.name?.raw.startsWith('"') === true;
}

/** Removes one word of a command with the space (or the JSON comma) before it; undefined when offsets are not exact. */
export function removeWordEdit(file: DockerfileModel, run: RunInfo, command: SimpleCommand, word: ShellWord): TextEdit | undefined {
  const text = file.text;
  if (text.slice(word.start, word.end) !== word.raw) return undefined;
  if (isJsonCommand(run, command)) {
    const words = [command.name!, ...command.args];
    const position = words.indexOf(word);
    if (position <= 0) return undefined;
    return { start: words[position - 1].end, end: word.end, text: '' };
  }
  // A word alone on a continuation line: drop the whole line.
  const lineStart = text.lastIndexOf('\n', word.start - 1) + 1;
  const newline = text.indexOf('\n', word.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, word.start);
  const after = text.slice(word.end, lineEnd).replace(/\r$/, '');
  if (lineStart > 0 && newline >= 0 && before.trim() === '' && after.trim() === file.escapeChar) {
    return { start: lineStart, end: newline + 1, text: '' };
  }
  let start = word.start;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start === word.start || start === lineStart) {
    // First word on its line: take the spaces after it instead.
    let end = word.end;
    while (end < lineEnd && (text[end] === ' ' || text[end] === '\t')) end++;
    return { start: word.start, end, text: '' };
  }
  return { start, end: word.end, text: '' };
}

/** Removes `NAME=value ` written before a command. */
export function removeAssignmentEdit(file: DockerfileModel, assignment: { start: number; end: number }): TextEdit {
  let end = assignment.end;
  while (end < file.text.length && (file.text[end] === ' ' || file.text[end] === '\t')) end++;
  return { start: assignment.start, end, text: '' };
}

const JOIN_GAP = /^(?:[ \t]|\\\r?\n|\r?\n)*(?:&&|;)?(?:[ \t]|\\\r?\n|\r?\n)*$/;

/**
 * Removes a whole top-level command together with the `&&`/`;`/newline that
 * joins it to its neighbour. Undefined when that cannot be done cleanly (the
 * only command, inside a pipeline, `||`, comments in between).
 */
export function removeCommandEdit(file: DockerfileModel, run: RunInfo, command: SimpleCommand): TextEdit | undefined {
  if (command.nesting !== 'top') return undefined;
  const script = scriptOf(run, command);
  if (!script || script.origin === 'exec' && isJsonCommand(run, command)) return undefined;
  const pipeline = script.shell.pipelines[command.pipeline];
  if (!pipeline || pipeline.commands.length !== 1) return undefined;
  const top = script.shell.commands.filter((candidate) => candidate.nesting === 'top');
  const position = top.indexOf(command);
  const previous = top[position - 1];
  const next = top[position + 1];
  const gap = (from: number, to: number) => {
    const between = file.text.slice(from, to).split(file.escapeChar + '\n').join('\\\n').split(file.escapeChar + '\r\n').join('\\\r\n');
    return JOIN_GAP.test(between);
  };
  const joins = (joiner: string | undefined) => joiner === '&&' || joiner === ';' || joiner === 'newline';
  if (command.joiner !== undefined) {
    if (!previous || !joins(command.joiner) || !gap(previous.end, command.start)) return undefined;
    if (next && !joins(next.joiner)) return undefined;
    return { start: previous.end, end: command.end, text: '' };
  }
  if (!next || !joins(next.joiner) || !gap(command.end, next.start)) return undefined;
  return { start: command.start, end: next.start, text: '' };
}

/** Debian and Ubuntu images delete downloaded packages after each install unless this file goes. */
export const DOCKER_CLEAN = 'rm -f /etc/apt/apt.conf.d/docker-clean';

/** Prepends `rm -f /etc/apt/apt.conf.d/docker-clean` to the script that runs apt; undefined when the RUN has no script to edit. */
export function dockerCleanEdit(file: DockerfileModel, instruction: Instruction, run: RunInfo, aptCommand: PackageCommand): TextEdit | undefined {
  const script = scriptOf(run, aptCommand.command);
  if (!script) return undefined;
  if (script.origin === 'inline') return insertAt(instruction.argsStart, `${DOCKER_CLEAN}; `);
  if (script.origin === 'heredoc') {
    let offset = script.offset;
    if (script.text.startsWith('#!')) {
      const newline = script.text.indexOf('\n');
      if (newline < 0) return undefined;
      offset += newline + 1;
    }
    return insertAt(offset, `${DOCKER_CLEAN}\n`);
  }
  // Exec form: only `["sh", "-c", "…"]` has a script to prepend to.
  const first = script.shell.commands[0];
  if (!first?.name || run.scripts.length !== 1 || first.name.raw.startsWith('"')) return undefined;
  if (file.text.slice(first.name.start, first.name.end) !== first.name.raw) return undefined;
  return insertAt(script.offset, `${DOCKER_CLEAN}; `);
}

/** `apk add -U`, `apk add --update-cache`, or an `apk update` earlier in the RUN. */
export function hasIndexRefresh(command: PackageCommand, run: RunInfo): boolean {
  if (command.args.some((word) => ['-U', '--update-cache', '--update'].includes(word.value) || /^-[a-zA-Z]*U[a-zA-Z]*$/.test(word.value))) return true;
  return packageCommands(run.commands).some((other) => other.tool === 'apk' && other.subcommand === 'update' && other.command.end <= command.command.start);
}
