/**
 * Build contexts for rule tests, without a file system: the entries are
 * classified by the real Docker-exact matcher, as the scanner would.
 */
import { DockerignoreMatcher } from '../../src/context/dockerignore.js';
import type { ContextEntry, ContextScan } from '../../src/context/types.js';
import type { BuildContextInfo } from '../../src/types.js';

/**
 * `paths` are context-relative; a trailing `/` marks a directory and `path=SIZE` sets a size.
 * Parent directories are added automatically.
 */
export function buildContext(ignoreText: string | undefined, paths: readonly string[], ignoreName = '.dockerignore'): BuildContextInfo {
  const matcher = DockerignoreMatcher.fromText(ignoreText ?? '');
  const seen = new Map<string, { isDir: boolean; size: number }>();
  for (const spec of paths) {
    const [rawPath, size] = spec.split('=');
    const isDir = rawPath.endsWith('/');
    const path = rawPath.replace(/\/$/, '');
    const parts = path.split('/');
    for (let index = 1; index < parts.length; index++) {
      const parent = parts.slice(0, index).join('/');
      if (!seen.has(parent)) seen.set(parent, { isDir: true, size: 0 });
    }
    seen.set(path, { isDir, size: isDir ? 0 : Number(size ?? 100) });
  }
  const entries: ContextEntry[] = [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([path, { isDir, size }]) => ({
    path,
    isDir,
    isSymlink: false,
    size,
    excluded: ignoreText === undefined ? false : matcher.match(path, isDir).excluded,
  }));
  const files = entries.filter((entry) => !entry.isDir);
  const scan: ContextScan = {
    root: '/ctx',
    ignoreFile: ignoreText === undefined ? undefined : { path: `/ctx/${ignoreName}`, kind: 'dockerignore', text: ignoreText },
    entries,
    truncated: false,
    sentFiles: files.filter((entry) => !entry.excluded).length,
    sentBytes: files.filter((entry) => !entry.excluded).reduce((sum, entry) => sum + entry.size, 0),
    excludedFiles: files.filter((entry) => entry.excluded).length,
    excludedBytes: files.filter((entry) => entry.excluded).reduce((sum, entry) => sum + entry.size, 0),
    warnings: [],
    heads: new Map(),
  };
  return { scan, dockerfiles: [] };
}
