/**
 * layer-order: a dependency install that runs after a broad copy of the build
 * context, so that any source change re-runs it.
 *
 * Each stage is read together with the stages it builds on (`FROM <stage>`);
 * ONBUILD triggers are read as their own sequence, since they run in that
 * order in the child build. Only the install commands of the stage itself are
 * reported, so a finding in a parent stage is not repeated in its children.
 */
import type { DockerfileRule, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction, Stage, BuildState } from '../src/model/dockerfile.js';
import { joinPosix } from '../src/model/dockerfile.js';
import type { RunScript } from '../src/model/run.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import { flagValueIn, flagValues, hasFlag, readPackageCommand } from '../src/knowledge/package-managers.js';
import type { PackageCommand, PackageTool } from '../src/knowledge/package-managers.js';
import { copySources, globMatches, manifestSet } from '../src/knowledge/manifests.js';
import { insertLines, lineEndAfter, lineStartOf, replace, report, unsafeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'layer-order',
    description: 'Dependencies should be installed before the sources are copied, so that a source change does not re-run the install.',
    category: 'performance',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: [],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      if (stage.windows) continue;
      const own = stage.instructions.filter((instruction) => !instruction.inOnbuild && instruction.keyword !== 'ONBUILD');
      const inherited: Instruction[] = [];
      const seen = new Set<Stage>([stage]);
      for (let parent = stage.parent; parent && !seen.has(parent); parent = parent.parent) {
        seen.add(parent);
        inherited.unshift(...parent.instructions.filter((instruction) => !instruction.inOnbuild && instruction.keyword !== 'ONBUILD'));
      }
      reports.push(...checkSequence(file, [...inherited, ...own], new Set(own), false));
      const triggers = stage.instructions.flatMap((instruction) => instruction.keyword === 'ONBUILD' && instruction.trigger ? [instruction.trigger] : []);
      reports.push(...checkSequence(file, triggers, new Set(triggers), true));
    }
    return reports;
  },
};
export default rule;

// ---------------------------------------------------------------------------
// Copies

type CopyKind = 'root' | 'dir' | 'file' | 'glob' | 'stage';

interface CopySource {
  readonly instruction: Instruction;
  readonly kind: CopyKind;
  /** The source as written, without leading `./` and trailing `/` ('' for the context root). */
  readonly source: string;
  /** Absolute destination: the directory for root/dir/glob sources and for `dest/`, else the file. */
  readonly dest: string;
  readonly destIsDir: boolean;
}

/** File names without an extension that are files, not directories. */
const EXTENSIONLESS_FILES = new Set([
  'Gemfile', 'Pipfile', 'Makefile', 'Dockerfile', 'LICENSE', 'README', 'Procfile', 'Rakefile', 'Jenkinsfile', 'Vagrantfile',
  'Brewfile', 'Justfile', 'justfile', 'Caddyfile', 'VERSION', 'NOTICE', 'AUTHORS', 'CHANGELOG', 'COPYING', 'mvnw', 'gradlew',
  'entrypoint', 'docker-entrypoint', 'start', 'run',
]);

function readCopy(file: DockerfileModel, instruction: Instruction): CopySource[] {
  const words = (instruction.json ?? instruction.args).map((word) => word.value);
  if (words.length < 2) return [];
  const state = instruction.state;
  const rawDest = file.expand(words[words.length - 1], state);
  if (rawDest.includes('$') || state.workdir.includes('$')) return [];
  const dest = joinPosix(state.workdir, rawDest);
  const sources = words.slice(0, -1).map((word) => file.expand(word, state));
  const destIsDir = rawDest.endsWith('/') || rawDest === '.' || sources.length > 1;
  if (instruction.flags.some((flag) => flag.name === 'from')) {
    return sources.map((source) => ({ instruction, kind: 'stage', source, dest, destIsDir }));
  }
  const result: CopySource[] = [];
  for (const written of sources) {
    if (written.includes('$') || /^[a-z]+:\/\//i.test(written) || written.startsWith('git@')) continue;
    const source = written.replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '').replace(/\/\.$/, '');
    let kind: CopyKind;
    if (source === '' || source === '/' || source === '*') kind = 'root';
    else if (/[*?[]/.test(source)) kind = 'glob';
    else if (source.startsWith('..')) continue;
    else if (written.endsWith('/')) kind = 'dir';
    else {
      const base = source.split('/').pop()!;
      kind = base.includes('.') || EXTENSIONLESS_FILES.has(base) ? 'file' : 'dir';
    }
    result.push({ instruction, kind, source: kind === 'root' ? '' : source, dest, destIsDir: destIsDir || kind === 'root' || kind === 'dir' });
  }
  return result;
}

function isUnder(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}

function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Does a narrow copy (a file, a glob of files, or a copy from another stage) put this manifest in place? */
function providesNarrowly(copy: CopySource, manifest: string): boolean {
  switch (copy.kind) {
    case 'file': {
      // `COPY x /dir` puts x inside /dir when /dir already exists (a WORKDIR, say): both readings count.
      const landings = copy.destIsDir ? [joinPosix(copy.dest, basename(copy.source))] : [copy.dest, joinPosix(copy.dest, basename(copy.source))];
      return landings.some((landing) => dirname(landing) === dirname(manifest) && sameName(basename(landing), basename(manifest)));
    }
    case 'glob':
      return copy.dest === dirname(manifest) && sameName(basename(copy.source), basename(manifest));
    case 'stage':
      return isUnder(manifest, copy.dest);
    default:
      return false;
  }
}

function sameName(a: string, b: string): boolean {
  return a === b || globMatches(a, b) || globMatches(b, a);
}

/** Directories that hold dependency lists rather than sources (`COPY requirements/ requirements/`). */
const DEPENDENCY_DIRS = /^(requirements?|reqs|deps|dependencies|locks?|lockfiles|manifests|\.yarn|\.mvn|gradle|\.cargo)$/i;

/**
 * The first copy before an install that brings the manifest in with the
 * sources: a copy of the whole context, or of a directory the manifest lies in
 * when nothing else puts the manifest there. Builds, which download only as a
 * side effect, count only whole-context copies.
 */
function broadCopyOf(copies: readonly CopySource[], manifest: string, kind: Install['kind']): CopySource | undefined {
  const narrow = copies.some((copy) => providesNarrowly(copy, manifest));
  return copies.find((copy) => {
    if (!isUnder(manifest, copy.dest)) return false;
    if (copy.kind === 'root') return true;
    return copy.kind === 'dir' && kind === 'install' && !narrow && !DEPENDENCY_DIRS.test(basename(copy.source));
  });
}

// ---------------------------------------------------------------------------
// Installs

interface Install {
  readonly instruction: Instruction;
  readonly command: SimpleCommand;
  readonly pkg: PackageCommand;
  readonly script: RunScript;
  /** The directory the command runs in. */
  readonly runDir: string;
  /** The files (absolute) the install reads; the first is the one a copy must bring. */
  readonly manifests: readonly string[];
  /** `install`: only installs; `build`: builds the project and downloads what it lacks. */
  readonly kind: 'install' | 'build';
  /** `pip install .` and the like: installs the project itself, which needs its sources. */
  readonly local: boolean;
  /** Which earlier installs make this one cheap: the ecosystem, with the directory for Node. */
  readonly key: string;
}

function installsIn(file: DockerfileModel, instruction: Instruction): (Install | { readonly unknownKey: string })[] {
  const run = instruction.run;
  if (!run) return [];
  const found: (Install | { readonly unknownKey: string })[] = [];
  for (const script of run.scripts) {
    const dirs = runDirectories(file, instruction, script);
    script.shell.commands.forEach((command, index) => {
      const pkg = readPackageCommand(command);
      if (!pkg) return;
      const kind = installKind(pkg, instruction.state);
      if (!kind) return;
      const runDir = dirs[index];
      const located = runDir === undefined ? undefined : locate(file, instruction.state, pkg, runDir);
      const ecosystemKey = pkg.ecosystem;
      if (runDir === undefined || !located) {
        found.push({ unknownKey: ecosystemKey === 'node' ? 'node:*' : ecosystemKey });
        return;
      }
      const key = ecosystemKey === 'node' ? `node:${located.dir}` : ecosystemKey;
      found.push({ instruction, command, pkg, script, runDir, manifests: located.manifests, kind, local: located.local, key });
    });
  }
  return found;
}

/** Whether a package command installs the project's dependencies, and how. */
function installKind(pkg: PackageCommand, state: BuildState): 'install' | 'build' | undefined {
  if (!pkg.installsProjectDependencies || pkg.ecosystem === 'os') return undefined;
  const env = (name: string) => pkg.inlineEnv.get(name) ?? state.env.get(name) ?? '';
  switch (pkg.tool) {
    case 'npm': case 'yarn': case 'pnpm': case 'bun':
      return hasFlag(pkg, '--offline') ? undefined : 'install';
    case 'pip':
      // --no-deps installs only what is named; --no-index installs from local wheels.
      if (hasFlag(pkg, '--no-index') || (hasFlag(pkg, '--no-deps') && flagValues(pkg, '-r', '--requirement').length === 0)) return undefined;
      return pkg.subcommand === 'install' ? 'install' : undefined;
    case 'uv':
      return hasFlag(pkg, '--offline', '--no-deps') ? undefined : 'install';
    case 'go':
      if (/-mod=vendor/.test(env('GOFLAGS')) || env('GO111MODULE') === 'off' || env('GOFLAGS').includes('-mod=vendor')) return undefined;
      if (pkg.args.some((word) => word.value === '-mod=vendor') || env('GOPROXY') === 'off') return undefined;
      return pkg.subcommand === 'mod download' ? 'install' : 'build';
    case 'cargo':
      if (hasFlag(pkg, '--offline', '--frozen') || env('CARGO_NET_OFFLINE') === 'true') return undefined;
      return ['fetch', 'vendor', 'chef cook'].includes(pkg.subcommand) ? 'install' : 'build';
    case 'maven': {
      if (pkg.args.some((word) => word.value === '-o' || word.value === '--offline')) return undefined;
      const goals = pkg.subcommand.split(' ').filter((goal) => goal && !goal.startsWith('-'));
      return goals.length > 0 && goals.every((goal) => goal.startsWith('dependency:') || goal.endsWith(':go-offline')) ? 'install' : 'build';
    }
    case 'gradle':
      return hasFlag(pkg, '--offline') ? undefined : 'build';
    case 'dotnet':
      if (hasFlag(pkg, '--no-restore')) return undefined;
      return pkg.subcommand === 'restore' ? 'install' : 'build';
    default:
      return 'install';
  }
}

const DIR_FLAGS: Partial<Record<PackageTool, readonly string[]>> = {
  npm: ['--prefix', '-C'], yarn: ['--cwd'], pnpm: ['-C', '--dir'], bun: ['--cwd'],
  poetry: ['-C', '--directory', '-P', '--project'], uv: ['--directory', '--project'],
  go: ['-C'], composer: ['-d', '--working-dir'], gradle: ['-p', '--project-dir'],
};

/** The directory and manifest files an install reads, or undefined when they cannot be known. */
function locate(file: DockerfileModel, state: BuildState, pkg: PackageCommand, runDir: string): { dir: string; manifests: string[]; local: boolean } | undefined {
  const resolve = (value: string): string | undefined => {
    const expanded = file.expand(value, state);
    return expanded.includes('$') || expanded.includes('`') || expanded.startsWith('~') ? undefined : joinPosix(runDir, expanded);
  };
  let dir = runDir;
  const dirFlag = flagValueIn(pkg.command.args, ...(DIR_FLAGS[pkg.tool] ?? []));
  if (dirFlag !== undefined) {
    const resolved = resolve(dirFlag);
    if (!resolved) return undefined;
    dir = resolved;
  }
  const env = (name: string) => pkg.inlineEnv.get(name) ?? state.env.get(name);
  switch (pkg.tool) {
    case 'npm': case 'yarn': case 'pnpm': case 'bun':
      return { dir, manifests: [joinPosix(dir, 'package.json')], local: false };
    case 'pip': case 'uv': {
      if (pkg.tool === 'uv' && pkg.subcommand === 'sync') return { dir, manifests: [joinPosix(dir, 'pyproject.toml')], local: false };
      const files = [...flagValues(pkg, '-r', '--requirement'), ...(pkg.subcommand === 'pip sync' ? pkg.operands.map((word) => word.value) : [])];
      const locals = [...pkg.operands.map((word) => word.value).filter(isLocalPath), ...flagValues(pkg, '-e', '--editable').filter(isLocalPath)];
      const manifests: string[] = [];
      for (const value of files) {
        const resolved = resolve(value);
        if (!resolved) return undefined;
        manifests.push(resolved);
      }
      for (const value of locals) {
        const resolved = resolve(value.replace(/\[.*\]$/, '').replace(/^file:(\/\/)?/, ''));
        if (!resolved) return undefined;
        manifests.push(joinPosix(resolved, 'pyproject.toml'));
      }
      if (manifests.length === 0) return undefined;
      return { dir, manifests, local: locals.length > 0 || pkg.subcommand === 'pip sync' && files.length === 0 };
    }
    case 'poetry':
      return { dir, manifests: [joinPosix(dir, 'pyproject.toml')], local: false };
    case 'pipenv':
      if (env('PIPENV_PIPFILE')) return undefined;
      return { dir, manifests: [joinPosix(dir, 'Pipfile')], local: false };
    case 'go':
      if (flagValueIn(pkg.command.args, '-modfile')) return undefined;
      return { dir, manifests: [joinPosix(dir, 'go.mod')], local: false };
    case 'cargo': {
      const manifestPath = flagValueIn(pkg.command.args, '--manifest-path');
      const resolved = manifestPath === undefined ? joinPosix(dir, 'Cargo.toml') : resolve(manifestPath);
      return resolved ? { dir: dirname(resolved), manifests: [resolved], local: false } : undefined;
    }
    case 'bundler': {
      const gemfile = flagValueIn(pkg.command.args, '--gemfile') ?? env('BUNDLE_GEMFILE');
      const resolved = gemfile === undefined ? joinPosix(dir, 'Gemfile') : resolve(gemfile);
      return resolved ? { dir: dirname(resolved), manifests: [resolved], local: false } : undefined;
    }
    case 'composer':
      return { dir, manifests: [joinPosix(dir, 'composer.json')], local: false };
    case 'maven': {
      const pom = flagValueIn(pkg.command.args, '-f', '--file');
      if (pom === undefined) return { dir, manifests: [joinPosix(dir, 'pom.xml')], local: false };
      const resolved = resolve(pom);
      if (!resolved) return undefined;
      const manifest = resolved.endsWith('.xml') ? resolved : joinPosix(resolved, 'pom.xml');
      return { dir: dirname(manifest), manifests: [manifest], local: false };
    }
    case 'gradle':
      return { dir, manifests: [joinPosix(dir, 'build.gradle')], local: false };
    case 'dotnet': {
      const project = pkg.operands.map((word) => word.value).find((value) => !value.startsWith('-'));
      if (project === undefined) return { dir, manifests: [joinPosix(dir, '*.csproj')], local: false };
      const resolved = resolve(project);
      if (!resolved) return undefined;
      const manifest = /\.(cs|fs|vb)proj$|\.sln$/i.test(resolved) ? resolved : joinPosix(resolved, '*.csproj');
      return { dir: dirname(manifest), manifests: [manifest], local: false };
    }
    default:
      return undefined;
  }
}

function isLocalPath(value: string): boolean {
  return value === '.' || value.startsWith('./') || value.startsWith('../') || value.startsWith('/') || value.startsWith('.[') || value.startsWith('file:');
}

/**
 * The directory each command of a script runs in, following `cd`: a `cd` at
 * the top level or in `{ …; }` lasts; one in `( … )`, `$( … )` or `sh -c`
 * lasts until the next top-level command; one in an `if`/loop body makes the
 * directory unknown. undefined: not known.
 */
function runDirectories(file: DockerfileModel, instruction: Instruction, script: RunScript): (string | undefined)[] {
  const workdir = instruction.state.workdir;
  let dir: string | undefined = workdir.includes('$') ? undefined : workdir;
  let nested: (string | undefined)[] = [];
  const result: (string | undefined)[] = [];
  const target = (command: SimpleCommand): string | undefined => {
    const word = command.args.find((arg) => !arg.value.startsWith('-') || arg.value === '-');
    if (!word || word.value === '-') return undefined;
    const expanded = file.expand(word.value, instruction.state);
    return expanded.includes('$') || expanded.includes('`') || expanded.startsWith('~') ? undefined : expanded;
  };
  for (const command of script.shell.commands) {
    if (command.nesting === 'top' || command.nesting === 'group') nested = [];
    let here = dir;
    if (command.nesting !== 'top' && command.nesting !== 'group') {
      for (const step of nested) here = here === undefined || step === undefined ? undefined : joinPosix(here, step);
      if (nested.length > 1 && nested.some((step) => step === undefined || !step.startsWith('/'))) here = undefined;
    }
    result.push(here);
    if (command.name?.value !== 'cd' && command.name?.value !== 'pushd') continue;
    const to = target(command);
    if (command.nesting === 'top' || command.nesting === 'group') dir = dir === undefined || to === undefined ? undefined : joinPosix(dir, to);
    else if (command.nesting === 'compound') dir = undefined;
    else nested.push(to);
  }
  return result;
}

// ---------------------------------------------------------------------------
// The check

function checkSequence(file: DockerfileModel, sequence: readonly Instruction[], reportable: ReadonlySet<Instruction>, onbuild: boolean): Report[] {
  const reports: Report[] = [];
  const copies: CopySource[] = [];
  /** Ecosystem keys installed before any broad copy of their manifest, or already reported. */
  const settled = new Set<string>();
  for (const instruction of sequence) {
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      copies.push(...readCopy(file, instruction));
      continue;
    }
    if (instruction.keyword !== 'RUN') continue;
    // `go mod init`, `npm init`…: the manifest is made in the image, not copied, so there is nothing to copy first.
    for (const command of instruction.run?.commands ?? []) {
      const created = createsManifest(command);
      if (created) settled.add(created);
    }
    for (const install of installsIn(file, instruction)) {
      if ('unknownKey' in install) {
        settled.add(install.unknownKey);
        continue;
      }
      const quiet = settled.has(install.key) || (install.key.startsWith('node:') && settled.has('node:*'));
      let broad: CopySource | undefined;
      let manifest = install.manifests[0];
      for (const candidate of install.manifests) {
        broad = broadCopyOf(copies, candidate, install.kind);
        manifest = candidate;
        if (broad) break;
      }
      settled.add(install.key);
      if (!broad || quiet || !reportable.has(instruction)) continue;
      const cached = instruction.run?.mounts.some((mount) => mount.type === 'cache') ?? false;
      // A build needs the sources anyway; with a cache mount it downloads nothing again.
      if (cached && install.kind === 'build') continue;
      reports.push(report(
        { start: install.command.start, end: install.command.end },
        message(file, install, broad.instruction, cached),
        fixFor(file, sequence, install, broad, manifest, onbuild),
      ));
    }
  }
  return reports;
}

/** The settle key of a command that writes a new manifest (`go mod init`, `npm init -y`, `cargo new`). */
function createsManifest(command: SimpleCommand): string | undefined {
  const words = [command.name, ...command.args].filter((word) => word !== undefined).map((word) => word.value);
  const tool = words[0]?.split('/').pop();
  const rest = words.slice(1).filter((word) => !word.startsWith('-'));
  if (tool === 'go' && rest[0] === 'mod' && rest[1] === 'init') return 'go';
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(tool ?? '') && (rest[0] === 'init' || rest[0] === 'create')) return 'node:*';
  if ((tool === 'poetry' || tool === 'uv') && (rest[0] === 'init' || rest[0] === 'new')) return 'python';
  if (tool === 'cargo' && (rest[0] === 'init' || rest[0] === 'new')) return 'rust';
  if (tool === 'composer' && (rest[0] === 'init' || rest[0] === 'create-project')) return 'php';
  if (tool === 'bundle' && rest[0] === 'init') return 'ruby';
  if (tool === 'dotnet' && rest[0] === 'new') return 'dotnet';
  if (tool === 'mvn' && rest.some((word) => word.startsWith('archetype:'))) return 'java';
  if (tool === 'gradle' && rest[0] === 'init') return 'java';
  return undefined;
}

const DISPLAY: Partial<Record<PackageTool, string>> = { bundler: 'bundle', maven: 'mvn' };

function commandName(install: Install): string {
  const pkg = install.pkg;
  const program = DISPLAY[pkg.tool] ?? pkg.tool;
  const sub = pkg.subcommand.split(' ').slice(0, 3).join(' ');
  if (pkg.tool === 'yarn' && sub === '') return 'yarn install';
  if (pkg.tool === 'bundler' && sub === '') return 'bundle install';
  return `${program} ${sub}`.trim();
}

function message(file: DockerfileModel, install: Install, copy: Instruction, cached: boolean): string {
  const head = file.text.slice(copy.start, copy.headEnd).replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
  const shown = head.length > 60 ? `${head.slice(0, 57)}...` : head;
  const line = file.source.position(copy.start).line;
  const what = install.pkg.ecosystem === 'go' ? 'module' : install.pkg.ecosystem === 'rust' ? 'crate' : ['java', 'dotnet'].includes(install.pkg.ecosystem) ? 'dependency' : 'package';
  const cost = cached ? 're-runs it' : `re-runs it and re-downloads every ${what}`;
  return `${commandName(install)} runs after "${shown}" (line ${line}), so any change to the sources ${cost}: ${advice(install)}.`;
}

function advice(install: Install): string {
  const pkg = install.pkg;
  if (install.local) return 'install the dependencies from a requirements file or lockfile copied on its own first, then copy the rest and install the project';
  if (pkg.tool === 'pip' || pkg.tool === 'uv' && pkg.subcommand !== 'sync') {
    const names = install.manifests.map(basename);
    return `copy ${names.join(' and ')} first, install, then copy the rest`;
  }
  const set = manifestSet(pkg.tool);
  const label = set?.label ?? 'the manifest and lockfile';
  switch (pkg.tool) {
    case 'poetry':
      return hasFlag(pkg, '--no-root', '--only-root') ? `copy ${label} first, install, then copy the rest` : `copy ${label} first, run poetry install --no-root, then copy the rest`;
    case 'go':
      return `copy ${label} first, run go mod download, then copy the rest`;
    case 'cargo':
      return `copy ${label} first and build the dependencies alone (cargo-chef, or a stub src/main.rs), then copy the rest`;
    case 'maven':
      return install.kind === 'build' ? `copy ${label} first, run mvn dependency:go-offline, then copy the rest` : `copy ${label} first, install, then copy the rest`;
    case 'gradle':
      return `copy ${label} first, resolve the dependencies, then copy the rest`;
    case 'dotnet':
      return `copy ${label} first, run dotnet restore, then copy the rest`;
    default:
      return `copy ${label} first, install, then copy the rest`;
  }
}

// ---------------------------------------------------------------------------
// The fix

/** Instructions that may sit between the broad copy and a moved install without changing what the install sees. */
const NEUTRAL = new Set(['COPY', 'ADD', 'LABEL', 'EXPOSE', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'MAINTAINER', 'ONBUILD']);

function fixFor(file: DockerfileModel, sequence: readonly Instruction[], install: Install, broad: CopySource, manifest: string, onbuild: boolean): Pick<Report, 'fix'> | Record<string, never> {
  const run = install.instruction;
  const copy = broad.instruction;
  if (copy.stage !== run.stage || copy.inOnbuild !== run.inOnbuild) return {};
  const between = sequence.slice(sequence.indexOf(copy) + 1, sequence.indexOf(run));
  if (between.some((instruction) => !NEUTRAL.has(instruction.keyword)
    || ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.flags.some((flag) => flag.name === 'from')))) return {};
  if (!sameState(copy.state, run.state)) return {};
  // An install under a condition or in a loop may not run at all: moving it ahead could break the build.
  if (install.command.nesting === 'compound' || install.command.joiner === '||') return {};
  const plan = planFor(install);
  if (!plan) return {};

  // Where the manifests live in the context, from where the broad copy puts the context.
  const manifestDir = dirname(manifest);
  const relative = manifestDir === broad.dest ? '' : manifestDir.slice(broad.dest === '/' ? 1 : broad.dest.length + 1);
  const contextDir = [broad.source, relative].filter(Boolean).join('/');
  const dest = manifestDir === copy.state.workdir ? './' : `${manifestDir.replace(/\/+$/, '')}/`;
  const files = plan.files.map((name) => (contextDir ? `${contextDir}/${name}` : name));
  const prefix = onbuild ? 'ONBUILD ' : '';
  const copyFlags = copy.flags.filter((flag) => flag.name === 'chown' || flag.name === 'chmod').map((flag) => file.text.slice(flag.start, flag.end));
  const lines = [`${prefix}${['COPY', ...copyFlags, ...files, dest].join(' ')}`];
  for (const [source, target] of plan.extraCopies) {
    lines.push(`${prefix}${['COPY', ...copyFlags, contextDir ? `${contextDir}/${source}` : source, `${dest}${target}`].join(' ')}`);
  }
  const at = lineStartOf(file, copy.start);
  const edits: TextEdit[] = [];

  const moveWhole = plan.command === undefined && movable(run, install);
  if (moveWhole) {
    const script = install.script;
    const cdNeeded = run.state.workdir !== copy.state.workdir;
    if (cdNeeded && (script.origin !== 'inline' || run.heredocs.length > 0)) return {};
    const from = lineStartOf(file, run.start);
    const to = lineEndAfter(file, run.end);
    let text = file.text.slice(from, to);
    if (cdNeeded) {
      const cut = run.argsStart - from;
      text = `${text.slice(0, cut)}cd ${shellQuote(run.state.workdir)} && ${text.slice(cut)}`;
    }
    lines.push(text.replace(/\r?\n$/, '').replace(/\r\n/g, '\n'));
    edits.push(insertLines(file, at, lines), replace({ start: from, end: to }, ''));
  } else {
    const runFlags = run.flags.map((flag) => file.text.slice(flag.start, flag.end));
    const body = plan.command ?? commandText(install);
    const cd = install.runDir !== copy.state.workdir ? `cd ${shellQuote(install.runDir)} && ` : '';
    lines.push(`${prefix}${['RUN', ...runFlags, `${cd}${body}`].join(' ')}`);
    edits.push(insertLines(file, at, lines));
  }
  return { fix: unsafeFix(...edits) };
}

function sameState(a: BuildState, b: BuildState): boolean {
  const sameMap = <V>(x: ReadonlyMap<string, V>, y: ReadonlyMap<string, V>) => x.size === y.size && [...x].every(([key, value]) => y.has(key) && y.get(key) === value);
  return a.user === b.user && a.shell.join('\u0000') === b.shell.join('\u0000') && sameMap(a.env, b.env) && sameMap(a.args, b.args);
}

interface Plan {
  /** File names to copy, relative to the manifest's directory. */
  readonly files: readonly string[];
  /** Further copies: [source, destination under the manifest directory]. */
  readonly extraCopies: readonly (readonly [string, string])[];
  /** A different command to run ahead (the original stays); undefined: the install itself. */
  readonly command: string | undefined;
}

function planFor(install: Install): Plan | undefined {
  const pkg = install.pkg;
  if (install.local) return undefined;
  const set = manifestSet(pkg.tool);
  const standard = set ? copySources(set, '') : undefined;
  const text = commandText(install);
  switch (pkg.tool) {
    case 'npm': case 'yarn': case 'pnpm': case 'bun': case 'pipenv': case 'bundler':
      if (!standard) return undefined;
      if (pkg.tool === 'bundler' && (pkg.inlineEnv.has('BUNDLE_GEMFILE') || flagValueIn(pkg.command.args, '--gemfile'))) return undefined;
      return { files: standard, extraCopies: [], command: undefined };
    case 'pip': case 'uv': {
      if (pkg.tool === 'uv' && pkg.subcommand === 'sync') {
        if (!standard) return undefined;
        return { files: standard, extraCopies: [], command: hasFlag(pkg, '--no-install-project') ? undefined : `${text} --no-install-project` };
      }
      // Requirement and constraint files, all in the directory of the first.
      const constraints = flagValues(pkg, '-c', '--constraint').map((value) => joinPosix(install.runDir, value));
      const all = [...install.manifests, ...constraints];
      if (all.some((path) => dirname(path) !== dirname(install.manifests[0]))) return undefined;
      return { files: [...new Set(all.map(basename))], extraCopies: [], command: undefined };
    }
    case 'poetry':
      if (!standard) return undefined;
      return { files: standard, extraCopies: [], command: hasFlag(pkg, '--no-root', '--only-root') ? undefined : `${text} --no-root` };
    case 'go':
      if (!standard || flagValueIn(pkg.command.args, '-C')) return undefined;
      return { files: standard, extraCopies: [], command: install.kind === 'install' ? undefined : 'go mod download' };
    case 'composer': {
      if (!standard) return undefined;
      const missing = ['--no-scripts', '--no-autoloader'].filter((flag) => !hasFlag(pkg, flag));
      return { files: standard, extraCopies: [], command: missing.length === 0 ? undefined : `${text} ${missing.join(' ')}` };
    }
    case 'maven': {
      if (!standard || flagValueIn(pkg.command.args, '-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-pl', '--projects', '-P')) return undefined;
      const program = pkg.command.name?.value ?? 'mvn';
      const wrapper = basename(program) === 'mvnw';
      if (!/^(mvn|\.\/mvnw|mvnw)$/.test(program)) return undefined;
      const files = wrapper ? ['mvnw', ...standard] : standard;
      const extra: (readonly [string, string])[] = wrapper ? [['.mvn', '.mvn']] : [];
      if (install.kind === 'install') return { files, extraCopies: extra, command: undefined };
      const keep = pkg.command.args.map((word) => word.value).filter((value) => ['-B', '--batch-mode', '-q', '--quiet', '-ntp', '--no-transfer-progress'].includes(value));
      return { files, extraCopies: extra, command: [program, ...keep, 'dependency:go-offline'].join(' ') };
    }
    default:
      // cargo needs its targets to exist; Gradle and .NET have no fixed file set.
      return undefined;
  }
}

/** The install command as shell text. */
function commandText(install: Install): string {
  const command = install.command;
  const words = command.name ? [command.name, ...command.args] : command.args;
  if (install.script.origin === 'exec' && install.instruction.json) return words.map((word) => shellQuote(word.value)).join(' ');
  return [...command.assignments.map((assignment) => `${assignment.name}=${assignment.value?.raw ?? ''}`), ...words.map((word) => word.raw)].join(' ');
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_\-.,:/=@%+]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Cache cleanups, settings and tool setup: commands that do not read the sources. */
function harmless(command: SimpleCommand): boolean {
  const name = command.name?.value;
  if (name === undefined) return true;
  const base = name.split('/').pop()!;
  const args = command.args.map((word) => word.value);
  if (['cd', 'set', 'true', 'echo', 'printf', 'export', ':', 'mkdir', 'corepack', 'ls'].includes(base)) return true;
  if (base === 'rm') return args.filter((arg) => !arg.startsWith('-')).every((arg) => arg.startsWith('/') || arg.startsWith('~') || arg.startsWith('$HOME'));
  if (['npm', 'yarn', 'pnpm', 'pip', 'pip3', 'poetry', 'bundle', 'composer', 'uv', 'go', 'gem'].includes(base) && ['cache', 'config', 'store', 'clean', 'clear-cache'].includes(args[0] ?? '')) return true;
  const pkg = readPackageCommand(command);
  if (pkg && !pkg.installsProjectDependencies) return true;
  if (['apk', 'apt-get', 'apt', 'yum', 'dnf'].includes(base) && ['del', 'purge', 'remove', 'autoremove', 'clean'].includes(args.find((arg) => !arg.startsWith('-')) ?? '')) return true;
  return false;
}

/** The RUN holds nothing but the install and commands that do not need the sources. */
function movable(run: Instruction, install: Install): boolean {
  for (const script of run.run?.scripts ?? []) {
    for (const command of script.shell.commands) {
      if (command === install.command) continue;
      // Another project install (another directory, another tool) would move without its manifest.
      if (!harmless(command)) return false;
    }
  }
  return true;
}
