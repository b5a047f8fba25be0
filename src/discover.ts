/**
 * Finds the files to lint under the paths given on the command line. Walks
 * never follow symlinks, skip .git and node_modules, and honour the
 * repository's .gitignore files (gitignore semantics, via the `ignore` package:
 * right for .gitignore, wrong for .dockerignore).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { describeErrno, IoError } from './io.js';
import type { FileKind } from './types.js';

export interface LintTarget {
  readonly path: string;
  readonly kind: FileKind;
}

export interface Discovery {
  readonly targets: LintTarget[];
  readonly errors: IoError[];
  /** Directories given on the command line in which nothing was found. */
  readonly emptyDirectories: string[];
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

/** The .gitignore files between the repository root and `directory` (exclusive). */
function ancestorLayers(directory: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = dirname(directory);
  let repositoryRoot: string | undefined;
  let probe = directory;
  for (;;) {
    if (existsSync(join(probe, '.git'))) {
      repositoryRoot = probe;
      break;
    }
    const parent = dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
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

export function discover(paths: readonly string[]): Discovery {
  const targets: LintTarget[] = [];
  const errors: IoError[] = [];
  const emptyDirectories: string[] = [];
  const seen = new Set<string>();
  const add = (path: string, kind: FileKind) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ path, kind });
  };

  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      errors.push(new IoError(path, describeErrno(error)));
      continue;
    }
    if (!isDirectory) {
      // A file named on the command line is linted whatever its name.
      add(path, fileKindOf(basename(path)) ?? 'dockerfile');
      continue;
    }
    const before = targets.length;
    walk(path, ancestorLayers(resolve(path)), add, errors);
    if (targets.length === before) emptyDirectories.push(path);
  }
  return { targets, errors, emptyDirectories };
}

function walk(
  directory: string,
  inherited: readonly IgnoreLayer[],
  add: (path: string, kind: FileKind) => void,
  errors: IoError[],
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
      walk(path, layers, add, errors);
    } else if (entry.isFile()) {
      const kind = fileKindOf(entry.name);
      if (!kind) continue;
      if (layers.length > 0 && isIgnored(layers, resolve(path), false)) continue;
      add(path, kind);
    }
  }
}
