import type { DockerfileRule, Fix, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import type { RunInfo } from '../src/model/run.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import { instructionsWithTriggers, report, shippedStages } from '../src/rule-kit.js';
import type { PackageCommand } from '../src/knowledge/package-managers.js';
import { readPackageCommand } from '../src/knowledge/package-managers.js';
import type { CacheContext } from '../src/knowledge/caches.js';
import { cacheClearing, cacheContextAt, cacheDisablers, cacheFamilies, covers, dirCovered, onlyRefreshesMetadata } from '../src/knowledge/caches.js';
import {
  appendToChain, copiesConfig, deletedPaths, deletesDir, hasOption, insertAfterWord, laterRuns, osCommands, sudoPrefix, textBefore, throwawayMounts, withWords,
} from '../src/knowledge/os-packages.js';
import type { OsCommand } from '../src/knowledge/os-packages.js';

type Read = ReturnType<typeof withWords<PackageCommand>>;

const APT_LISTS = '/var/lib/apt/lists';
const APK_INDEX = ['/var/cache/apk', '/etc/apk/cache'];
const RPM_CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'];
const ZYPP_CACHE = '/var/cache/zypp';
const RPM_CACHE_OF: Readonly<Record<string, string>> = { yum: '/var/cache/yum', dnf: '/var/cache/dnf', microdnf: '/var/cache/yum' };
const RPM_CODES: Readonly<Record<string, string>> = { yum: 'DL3032', dnf: 'DL3040', microdnf: 'DL3040', zypper: 'DL3036' };
/** Subcommands that fetch repository metadata and packages, beyond those package-managers.ts calls downloads. */
const RPM_EXTRA = new Set(['localinstall', 'downgrade', 'swap', 'update-minimal', 'upgrade-minimal', 'patch', 'install-new-recommends', 'inr']);

const MOUNT_HINT = 'or mount a cache there (see cache-mount)';

const rule: DockerfileRule = {
  meta: {
    id: 'package-cache-cleanup',
    description: 'A RUN in a shipped stage should not leave package-manager caches (apt lists, apk index, yum/dnf/zypper metadata, pip and Yarn caches) in its layer.',
    category: 'performance',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3009', 'DL3019', 'DL3032', 'DL3036', 'DL3040', 'DL3042', 'DL3060'],
  },
  check({ file, settings }) {
    const reports: Report[] = [];
    const shipped = new Set(shippedStages(file, settings));
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      const stage = instruction.stage;
      if (instruction.keyword !== 'RUN' || !run || !stage || !shipped.has(stage) || stage.windows || run.commands.length === 0) continue;
      const mounts = throwawayMounts(file, instruction, run);
      // A mount dockfix cannot place may hold the cache.
      if (mounts.unknown) continue;
      const scope: Scope = { file, instruction, run, targets: mounts.targets, context: cacheContextAt(file, instruction), reports };
      const reads: Read[] = [];
      for (const command of run.commands) {
        const read = readPackageCommand(command, { anySubcommand: true });
        if (read) reads.push(withWords(read));
      }
      checkApt(scope, reads);
      checkApk(scope, reads);
      for (const tool of ['yum', 'dnf', 'microdnf', 'zypper'] as const) checkRpm(scope, reads, tool);
      checkPip(scope, reads);
      checkYarn(scope, reads);
    }
    return reports;
  },
};
export default rule;

interface Scope {
  readonly file: DockerfileModel;
  readonly instruction: Instruction;
  readonly run: RunInfo;
  readonly targets: readonly string[];
  readonly context: CacheContext | undefined;
  readonly reports: Report[];
}

const label = (read: Read) => `\`${[read.programName, read.subcommand].filter(Boolean).join(' ')}\``;

/** Commands after `offset` in the RUN. */
const after = (scope: Scope, offset: number) => scope.run.commands.filter((command) => command.start >= offset);

const mounted = (scope: Scope, dirs: readonly string[]) => dirs.some((dir) => scope.targets.some((target) => covers(target, dir)));

const deletedAfter = (scope: Scope, offset: number, dirs: readonly string[]) =>
  after(scope, offset).some((command) => dirs.some((dir) => deletesDir(deletedPaths(command, scope.context?.home, scope.context?.workdir ?? scope.instruction.state.workdir), dir)));

/** A script file run after `offset` (`bash /tmp/setup.sh`, `./install.sh`): it may clean up, and dockfix cannot see inside. */
const scriptAfter = (scope: Scope, offset: number) => after(scope, offset).some((command) => {
  const name = command.name?.value ?? '';
  if (/\.(?:sh|bash)$/.test(name) && !command.name?.dynamic) return true;
  if (!/^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a)?sh$/.test(name)) return false;
  const first = command.args.find((word) => !word.value.startsWith('-'));
  return first !== undefined && !command.args.some((word) => /^-[a-z]*c/.test(word.value)) && /\.(?:sh|bash)$|\//.test(first.value);
});

/**
 * An empty edit where cache-mount inserts its mount, so the fixer never
 * applies both rules' fixes to one RUN in the same pass: a mount plus
 * `--no-cache-dir` would be cache-mount-misuse's finding. Whichever goes
 * first, the other rule has nothing left to fix.
 */
const anchor = (instruction: Instruction): TextEdit => {
  const offset = instruction.flags[0]?.start ?? instruction.argsStart;
  return { start: offset, end: offset, text: '' };
};

function push(scope: Scope, at: SimpleCommand, message: string, code: string, edits: readonly (TextEdit | undefined)[] | undefined): void {
  let fix: Fix | undefined;
  if (edits && edits.length > 0 && edits.every((edit) => edit !== undefined)) {
    fix = { applicability: 'safe', edits: [anchor(scope.instruction), ...(edits as TextEdit[])] };
  }
  scope.reports.push(report(at, message, { codes: [code], ...(fix ? { fix } : {}) }));
}

// ---------------------------------------------------------------- apt

function checkApt(scope: Scope, reads: readonly Read[]): void {
  const updates = reads.filter((read) => read.tool === 'apt' && read.subcommand === 'update');
  if (updates.length === 0 || mounted(scope, [APT_LISTS])) return;
  const last = updates[updates.length - 1];
  const later = after(scope, last.command.end);
  if (deletedAfter(scope, last.command.end, [APT_LISTS]) || scriptAfter(scope, last.command.end)) return;
  if (osCommands(later).some((read) => read.tool === 'apt' && read.subcommand === 'dist-clean')) return;
  const first = updates[0];
  const edit = fixable(scope, 'apt') ? appendToChain(scope.file, scope.run, updates.map((read) => read.command), `${sudoPrefix(first.command)}rm -rf /var/lib/apt/lists/*`) : undefined;
  push(scope, first.command, `${label(first)} leaves the package lists (${APT_LISTS}) in this layer of the shipped image. End the RUN with \`rm -rf /var/lib/apt/lists/*\`, ${MOUNT_HINT}.`, 'DL3009', edit && [edit]);
}

// ---------------------------------------------------------------- apk

function checkApk(scope: Scope, reads: readonly Read[]): void {
  const apk = reads.filter((read) => read.tool === 'apk');
  // --no-network installs from what is already there and fetches no index.
  const adds = apk.filter((read) => read.subcommand === 'add' && !hasOption(read, '--no-cache', '--no-network'));
  const updates = apk.filter((read) => read.subcommand === 'update' && !hasOption(read, '--no-cache'));
  const offending = [...adds, ...updates].sort((a, b) => a.command.start - b.command.start);
  if (offending.length === 0) return;
  const custom = apk.map((read) => cacheDirFlag(read, scope)).find((dir) => dir !== undefined);
  const dirs = custom ? [custom] : APK_INDEX;
  if (mounted(scope, dirs)) return;
  const last = offending[offending.length - 1];
  if (deletedAfter(scope, last.command.end, dirs) || scriptAfter(scope, last.command.end)) return;
  const first = offending[0];
  let edits: (TextEdit | undefined)[] | undefined;
  if (fixable(scope, 'apk')) {
    edits = updates.length === 0
      ? adds.map((read) => read.subcommandWord && insertAfterWord(scope.file, scope.run, read.command, read.subcommandWord, '--no-cache'))
      : [appendToChain(scope.file, scope.run, offending.map((read) => read.command), `${sudoPrefix(first.command)}rm -rf /var/cache/apk/*`)];
  }
  const where = custom ?? '/var/cache/apk';
  const message = first.subcommand === 'update'
    ? `\`apk update\` leaves the package index (${where}) in this layer of the shipped image. Drop it and use \`apk add --no-cache\`, or end the RUN with \`rm -rf ${where}/*\`, ${MOUNT_HINT}.`
    : `\`apk add\` without --no-cache leaves the package index (${where}) in this layer of the shipped image. Add --no-cache, ${MOUNT_HINT}.`;
  push(scope, first.command, message, 'DL3019', edits);
}

function cacheDirFlag(read: Read, scope: Scope): string | undefined {
  const words = read.words;
  for (let index = 0; index < words.length; index++) {
    const value = words[index].value;
    const dir = value === '--cache-dir' ? words[index + 1]?.value : value.startsWith('--cache-dir=') ? value.slice('--cache-dir='.length) : undefined;
    if (dir && !dir.includes('$')) return dir.startsWith('/') ? dir.replace(/\/+$/, '') || '/' : `${scope.instruction.state.workdir.replace(/\/+$/, '')}/${dir}`;
  }
  return undefined;
}

// ----------------------------------------------------- yum, dnf, microdnf, zypper

function checkRpm(scope: Scope, reads: readonly Read[], tool: 'yum' | 'dnf' | 'microdnf' | 'zypper'): void {
  const offending = reads.filter((read) => read.tool === tool && fetchesPackages(read));
  if (offending.length === 0) return;
  const zypper = tool === 'zypper';
  const dirs = zypper ? [ZYPP_CACHE] : RPM_CACHES;
  if (mounted(scope, dirs)) return;
  const last = offending[offending.length - 1];
  if (deletedAfter(scope, last.command.end, dirs) || scriptAfter(scope, last.command.end)) return;
  const later = osCommands(after(scope, last.command.end));
  const cleans = zypper
    ? later.some((read) => read.tool === 'zypper' && (read.subcommand === 'clean' || read.subcommand === 'cc'))
    : later.some((read) => read.tool !== 'zypper' && read.tool !== 'apt' && read.tool !== 'apk' && read.subcommand === 'clean'
      && read.operands.some((word) => word.value === 'all' || word.value === 'metadata'));
  if (cleans) return;
  const first = offending[0];
  const clean = zypper ? 'zypper clean --all' : `${first.programName} clean all`;
  const edit = fixable(scope, tool) ? appendToChain(scope.file, scope.run, offending.map((read) => read.command), `${sudoPrefix(first.command)}${clean}`) : undefined;
  const cache = zypper ? ZYPP_CACHE : RPM_CACHE_OF[tool];
  push(scope, first.command, `${label(first)} leaves ${tool === 'microdnf' ? 'microdnf' : tool}'s repository metadata and package cache (${cache}) in this layer of the shipped image. End the RUN with \`${clean}\`, ${MOUNT_HINT}.`, RPM_CODES[tool], edit && [edit]);
}

function fetchesPackages(read: Read): boolean {
  if (read.downloads) return !onlyRefreshesMetadata(read);
  if (RPM_EXTRA.has(read.subcommand)) return true;
  if (read.subcommand === 'group' || read.subcommand === 'module') return ['install', 'upgrade', 'update'].includes(read.operands[0]?.value ?? '');
  return false;
}

// ---------------------------------------------------------------- pip

function checkPip(scope: Scope, reads: readonly Read[]): void {
  const { file, instruction, context } = scope;
  const env = new Map<string, string>();
  for (const [key, value] of instruction.state.args) if (value !== undefined) env.set(key, value);
  for (const [key, value] of context?.env ?? instruction.state.env) env.set(key, value);
  // pip turns its cache off for any value of PIP_NO_CACHE_DIR, "false" included.
  if ((env.get('PIP_NO_CACHE_DIR') ?? '') !== '') return;
  const offending = reads.filter((read) => read.tool === 'pip' && read.subcommand === 'install' && installsSomething(read)
    && !hasOption(read, '--no-index', '--no-cache-dir', '--no-cache')
    && cacheDisablers(read, env).length === 0
    && (read.inlineEnv.get('PIP_NO_CACHE_DIR') ?? '') === '');
  if (offending.length === 0) return;
  if (pipConfigDisablesCache(textBefore(file, instruction, offending[0].command.start)) || copiesConfig(instruction, /pip\.conf$/)) return;
  const families = context ? cacheFamilies(offending[0], context) : [];
  const dir = families[0]?.dirs[0];
  const guessed = (path: string) => /\/\.cache(?:\/pip)?$/.test(path);
  if (dir ? dirCovered(dir, scope.targets) : scope.targets.some(guessed)) return;
  const last = offending[offending.length - 1];
  const rest = after(scope, last.command.end);
  if (rest.some((command) => cacheClearing(command, context?.home, instruction.state.workdir)?.families.includes('pip'))) return;
  const deleted = rest.flatMap((command) => deletedPaths(command, context?.home, instruction.state.workdir));
  if (dir ? dir.accept.some((path) => deletesDir(deleted, path)) : deleted.some(guessed)) return;
  const edits = offending.map((read) => read.subcommandWord && insertAfterWord(file, scope.run, read.command, read.subcommandWord, '--no-cache-dir'));
  const where = dir ? ` (${dir.path})` : '';
  push(scope, offending[0].command, `${label(offending[0])} keeps downloaded packages and built wheels in pip's cache${where}, in this layer of the shipped image. Add --no-cache-dir, ${MOUNT_HINT}.`, 'DL3042', edits);
}

function installsSomething(read: Read): boolean {
  return read.operands.length > 0 || read.args.some((word) => /^(-r|--requirement|-e|--editable)(=|$)/.test(word.value) || /^-r./.test(word.value));
}

/** `pip config set global.no-cache-dir …`, or `no-cache-dir =` written to a pip.conf earlier in the stage. */
function pipConfigDisablesCache(settings: string): boolean {
  return /pip[\d.]*\s+config\s+(?:--\S+\s+)*set\s+\S*no-cache-dir/i.test(settings)
    || /(?:^|\n|\\n|\s)no[-_]cache[-_]dir\s*=/i.test(settings);
}

// ---------------------------------------------------------------- yarn

function checkYarn(scope: Scope, reads: readonly Read[]): void {
  const { context, instruction } = scope;
  // Yarn 2+ Plug'n'Play loads packages from its cache at run time: it must stay.
  if (!context || context.yarnBerry) return;
  const offending = reads.filter((read) => read.tool === 'yarn' && read.downloads && !hasOption(read, '--offline'));
  if (offending.length === 0) return;
  const dir = cacheFamilies(offending[0], context)[0]?.dirs[0];
  if (dir ? dirCovered(dir, scope.targets) : scope.targets.some((target) => /yarn/.test(target))) return;
  const last = offending[offending.length - 1];
  const rest = after(scope, last.command.end);
  if (rest.some((command) => cacheClearing(command, context.home, instruction.state.workdir)?.families.includes('yarn'))) return;
  const deleted = rest.flatMap((command) => deletedPaths(command, context.home, instruction.state.workdir));
  if (dir && dir.accept.some((path) => deletesDir(deleted, path))) return;
  const first = offending[0];
  const edit = fixable(scope, 'yarn') ? appendToChain(scope.file, scope.run, offending.map((read) => read.command), `${sudoPrefix(first.command)}yarn cache clean`) : undefined;
  const where = dir ? ` (${dir.path})` : '';
  push(scope, first.command, `${label(first)} keeps every downloaded package in Yarn's cache${where}, in this layer of the shipped image. End the RUN with \`yarn cache clean\`, ${MOUNT_HINT}.`, 'DL3060', edit && [edit]);
}

// ---------------------------------------------------------------- fix safety

/**
 * Whether appending the clean-up leaves later RUNs working: ONBUILD triggers
 * run in builds dockfix cannot see; apt, apk and zypper commands in later RUNs
 * (of this stage and the stages built on it) read the index this RUN leaves,
 * unless they refresh it first; `yarn --offline` reads the cache.
 */
function fixable(scope: Scope, tool: 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'yarn'): boolean {
  if (scope.instruction.inOnbuild) return false;
  if (tool === 'yum' || tool === 'dnf' || tool === 'microdnf') return true;
  for (const later of laterRuns(scope.file, scope.instruction)) {
    const commands = later.run!.commands;
    if (tool === 'yarn') {
      const reads = commands.map((command) => readPackageCommand(command)).filter((read) => read?.tool === 'yarn');
      if (reads.some((read) => read!.args.some((word) => word.value === '--offline'))) return false;
      continue;
    }
    if (readsIndexFirst(commands, tool)) return false;
  }
  return true;
}

function readsIndexFirst(commands: readonly SimpleCommand[], tool: 'apt' | 'apk' | 'zypper'): boolean {
  for (const command of commands) {
    if (tool === 'apt' && command.name?.value.split('/').pop() === 'apt-cache') return true;
    const read = osCommands([command])[0];
    if (!read || read.tool !== tool) continue;
    if (refreshes(read)) return false;
    if (needsIndex(read)) return true;
  }
  return false;
}

function refreshes(read: OsCommand): boolean {
  switch (read.tool) {
    case 'apt':
      return read.subcommand === 'update';
    case 'apk':
      return read.subcommand === 'update';
    case 'zypper':
      return read.subcommand === 'refresh' || read.subcommand === 'ref' || hasOption(read, '--refresh');
    default:
      return false;
  }
}

function needsIndex(read: OsCommand): boolean {
  switch (read.tool) {
    case 'apt':
      return ['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'satisfy'].includes(read.subcommand);
    case 'apk':
      return ['add', 'upgrade', 'fetch', 'search', 'policy'].includes(read.subcommand) && !hasOption(read, '--no-cache', '-U', '--update-cache');
    case 'zypper':
      return read.downloads || RPM_EXTRA.has(read.subcommand);
    default:
      return false;
  }
}
