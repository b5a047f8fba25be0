/**
 * Finds the files to lint under the paths given on the command line. Walks
 * never follow symlinks, skip .git and node_modules, and honour the
 * repository's .gitignore files (gitignore semantics, via the `ignore` package:
 * right for .gitignore, wrong for .dockerignore).
 *
 * It also collects the Compose and Bake files that say how the Dockerfiles are
 * built: those in the searched directories, and those in the directories above
 * each path up to the repository root (the nearest directory holding `.git`);
 * outside a repository, up to the current directory when the path lies below it,
 * else none. Dockerfiles they name are linted when they lie in a searched
 * directory, whatever their name.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { describeErrno, IoError } from './io.js';
import type { FileKind } from './types.js';
import { isProjectFileName } from './context/projects.js';

export interface LintTarget {
  readonly path: string;
  readonly kind: FileKind;
}

export interface Discovery {
  readonly targets: LintTarget[];
  readonly errors: IoError[];
  /** Directories given on the command line in which nothing was found. */
  readonly emptyDirectories: string[];
  /** Compose and Bake files in the searched directories and above the paths (see the module comment), absolute, each once. */
  readonly projectFiles: string[];
}

export interface DiscoverOptions {
  /** Where the search for project files above a path stops outside a repository; default: process.cwd(). */
  readonly cwd?: string;
  /**
   * Called once with the project files found, when there are any; returns the
   * Dockerfiles they name (absolute paths). Those that lie in a searched
   * directory are linted even when their names are not Dockerfile names.
   */
  readonly namedDockerfiles?: (projectFiles: readonly string[]) => Iterable<string>;
}

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
/** Files named like Dockerfiles that are templates or sources about Dockerfiles. */
const NOT_A_DOCKERFILE = /\.(md|txt|go|py|js|ts|rs|sh|json|ya?ml|toml|j2|jinja2?|tpl|tmpl|template|erb|mustache|hbs|in|bak|orig|rej|swp|patch|diff)$/i;

/** Which kind of file dockfix sees in a name, if any. */
export function fileKindOf(name: string): FileKind | undefined {
  if (name === '.dockerignore' || name === '.containerignore' || name.endsWith('.dockerignore')) return 'dockerignore';
  if (NOT_A_DOCKERFILE.test(name)) return undefined;
  if (/^(docker|container)file([._-].+)?$/i.test(name)) return 'dockerfile';
  if (/.\.(docker|container)file$/i.test(name)) return 'dockerfile';
  return undefined;
}

type GitIgnore = { ignores(path: string): boolean; add(patterns: string): GitIgnore };
const requireModule = createRequire(import.meta.url);
function gitignoreFrom(text: string): GitIgnore {
  const ignore = requireModule('ignore') as () => GitIgnore;
  return ignore().add(text);
}

interface IgnoreLayer {
  readonly base: string;
  readonly matcher: GitIgnore;
}

function readGitignore(directory: string): IgnoreLayer | undefined {
  const file = join(directory, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { base: directory, matcher: gitignoreFrom(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

function isIgnored(layers: readonly IgnoreLayer[], path: string, isDirectory: boolean): boolean {
  for (const layer of layers) {
    const rel = relative(layer.base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (layer.matcher.ignores(isDirectory ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The nearest directory at or above `directory` that holds `.git`. */
function repositoryRootOf(directory: string): string | undefined {
  let probe = directory;
  for (;;) {
    if (existsSync(join(probe, '.git'))) return probe;
    const parent = dirname(probe);
    if (parent === probe) return undefined;
    probe = parent;
  }
}

/** The .gitignore files between the repository root and `directory` (exclusive). */
function ancestorLayers(directory: string, repositoryRoot = repositoryRootOf(directory)): IgnoreLayer[] {
  const chain: string[] = [];
  let current = dirname(directory);
  if (!repositoryRoot || repositoryRoot === directory) return [];
  for (;;) {
    chain.unshift(current);
    if (current === repositoryRoot) break;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return chain.map(readGitignore).filter((layer): layer is IgnoreLayer => layer !== undefined);
}

type Found =
  | { readonly kind: 'file'; readonly target: LintTarget }
  | { readonly kind: 'directory'; readonly path: string; readonly absolute: string; readonly targets: LintTarget[] };

export function discover(paths: readonly string[], options: DiscoverOptions = {}): Discovery {
  const errors: IoError[] = [];
  const found: Found[] = [];
  const projectFiles = new Set<string>();
  const searchedAbove = new Set<string>();
  const repositoryRoots = new Map<string, string | undefined>();
  const cwd = resolve(options.cwd ?? process.cwd());

  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      errors.push(new IoError(path, describeErrno(error)));
      continue;
    }
    const absolute = resolve(path);
    findProjectFilesAbove(absolute, isDirectory, cwd, { searched: searchedAbove, repositoryRoots }, projectFiles);
    if (!isDirectory) {
      // A file named on the command line is linted whatever its name.
      found.push({ kind: 'file', target: { path, kind: fileKindOf(basename(path)) ?? 'dockerfile' } });
      continue;
    }
    const targets: LintTarget[] = [];
    walk(path, ancestorLayers(absolute, repositoryRoots.get(absolute)), (file, kind) => targets.push({ path: file, kind }), errors, (file) => projectFiles.add(resolve(file)));
    found.push({ kind: 'directory', path, absolute, targets });
  }

  if (projectFiles.size > 0 && options.namedDockerfiles) {
    const named = [...options.namedDockerfiles([...projectFiles])];
    for (const entry of found) if (entry.kind === 'directory') addNamed(entry, named);
  }

  const targets: LintTarget[] = [];
  const emptyDirectories: string[] = [];
  const seen = new Set<string>();
  for (const entry of found) {
    const list = entry.kind === 'file' ? [entry.target] : entry.targets;
    if (entry.kind === 'directory' && list.length === 0) emptyDirectories.push(entry.path);
    for (const target of list) {
      const key = resolve(target.path);
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push(target);
    }
  }
  return { targets, errors, emptyDirectories, projectFiles: [...projectFiles] };
}

/**
 * Project files above a path: from the file's directory (a searched directory's own
 * files come from its walk) up to the repository root, or outside a repository up to
 * `cwd` when the path lies below it; otherwise the file's directory alone.
 */
function findProjectFilesAbove(
  absolute: string,
  isDirectory: boolean,
  cwd: string,
  cache: { readonly searched: Set<string>; readonly repositoryRoots: Map<string, string | undefined> },
  projectFiles: Set<string>,
): void {
  const start = isDirectory ? absolute : dirname(absolute);
  const insideCwd = start === cwd || start.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep);
  // Many files of one directory (a pre-commit run) look the repository up once.
  if (!cache.repositoryRoots.has(start)) cache.repositoryRoots.set(start, repositoryRootOf(start));
  const stop = cache.repositoryRoots.get(start) ?? (insideCwd ? cwd : start);
  for (let directory = start; ; ) {
    if (!isDirectory || directory !== absolute) addProjectFilesOf(directory, cache.searched, projectFiles);
    if (directory === stop) return;
    const parent = dirname(directory);
    if (parent === directory) return;
    directory = parent;
  }
}

function addProjectFilesOf(directory: string, searched: Set<string>, projectFiles: Set<string>): void {
  if (searched.has(directory)) return;
  searched.add(directory);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  let layers: IgnoreLayer[] | undefined;
  for (const name of names) {
    if (!isProjectFileName(name)) continue;
    const file = join(directory, name);
    try {
      if (!lstatSync(file).isFile()) continue;
    } catch {
      continue;
    }
    if (layers === undefined) {
      const own = readGitignore(directory);
      layers = own ? [...ancestorLayers(directory), own] : ancestorLayers(directory);
    }
    if (layers.length > 0 && isIgnored(layers, file, false)) continue;
    projectFiles.add(file);
  }
}

/** Adds the named Dockerfiles that lie in a searched directory and that its walk would reach, in walk order. */
function addNamed(entry: Extract<Found, { kind: 'directory' }>, named: readonly string[]): void {
  const prefix = entry.absolute.endsWith(sep) ? entry.absolute : entry.absolute + sep;
  const present = new Set(entry.targets.map((target) => resolve(target.path)));
  const added: LintTarget[] = [];
  for (const dockerfile of named) {
    if (!dockerfile.startsWith(prefix) || present.has(dockerfile)) continue;
    const rel = dockerfile.slice(prefix.length);
    if (!reachableByWalk(entry.absolute, rel.split(sep))) continue;
    present.add(dockerfile);
    added.push({ path: join(entry.path, rel), kind: 'dockerfile' });
  }
  if (added.length === 0) return;
  const segments = (target: LintTarget) => relative(entry.absolute, resolve(target.path)).split(sep);
  const merged = [...entry.targets, ...added].map((target) => ({ target, segments: segments(target) }));
  merged.sort((a, b) => compareWalkOrder(a.segments, b.segments));
  entry.targets.splice(0, entry.targets.length, ...merged.map((item) => item.target));
}

/** The order of the walk: entries sorted by name within each directory, depth first. */
function compareWalkOrder(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index] < b[index] ? -1 : 1;
  }
  return a.length - b.length;
}

/** Whether the walk from `root` reaches the regular file `root/segments…`: no skipped or git-ignored directory on the way, no link. */
function reachableByWalk(root: string, segments: readonly string[]): boolean {
  const file = join(root, ...segments);
  try {
    if (!lstatSync(file).isFile()) return false;
  } catch {
    return false;
  }
  let layers = ancestorLayers(root);
  let directory = root;
  for (let index = 0; index < segments.length; index++) {
    const own = readGitignore(directory);
    if (own) layers = [...layers, own];
    const path = join(directory, segments[index]);
    const isLast = index === segments.length - 1;
    if (!isLast) {
      if (SKIPPED_DIRECTORIES.has(segments[index])) return false;
      try {
        if (!lstatSync(path).isDirectory()) return false;
      } catch {
        return false;
      }
    }
    if (layers.length > 0 && isIgnored(layers, path, !isLast)) return false;
    directory = path;
  }
  return true;
}

function walk(
  directory: string,
  inherited: readonly IgnoreLayer[],
  add: (path: string, kind: FileKind) => void,
  errors: IoError[],
  addProjectFile: (path: string) => void,
): void {
  const own = readGitignore(resolve(directory));
  const layers = own ? [...inherited, own] : inherited;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    errors.push(new IoError(directory, describeErrno(error)));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (layers.length > 0 && isIgnored(layers, resolve(path), true)) continue;
      walk(path, layers, add, errors, addProjectFile);
    } else if (entry.isFile()) {
      const kind = fileKindOf(entry.name);
      const project = kind === undefined && isProjectFileName(entry.name);
      if (!kind && !project) continue;
      if (layers.length > 0 && isIgnored(layers, resolve(path), false)) continue;
      if (kind) add(path, kind);
      else addProjectFile(path);
    }
  }
}
