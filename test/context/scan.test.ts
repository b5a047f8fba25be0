import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanContext, scanContextSync } from '../../src/context/scan.js';
import type { AppliedIgnoreFile, ContextScan } from '../../src/context/types.js';
import { IoError } from '../../src/io.js';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) {
    try {
      chmodSync(join(root, 'locked'), 0o755);
    } catch {
      // not every tree has one
    }
    rmSync(root, { recursive: true, force: true });
  }
});

/** Creates a temp context: keys are relative paths, values file contents (a trailing '/' makes a directory). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dockfix-scan-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  }
  return root;
}

function ignore(root: string, text: string): AppliedIgnoreFile {
  return { path: join(root, '.dockerignore'), kind: 'dockerignore', text };
}

const paths = (scan: ContextScan, excluded: boolean) => scan.entries.filter((entry) => entry.excluded === excluded).map((entry) => entry.path);

describe('scanContext', () => {
  it('records every entry in lexical walk order with sizes and totals when nothing is ignored', async () => {
    const root = tree({ 'b.txt': '12345', 'a/z.txt': '1', 'a/y/x.txt': '123', 'c/': '' });
    const scan = await scanContext(root);
    expect(scan.root).toBe(root);
    expect(scan.ignoreFile).toBeUndefined();
    expect(scan.entries.map((entry) => entry.path)).toEqual(['a', 'a/y', 'a/y/x.txt', 'a/z.txt', 'b.txt', 'c']);
    expect(scan.entries.find((entry) => entry.path === 'a/y/x.txt')).toEqual({ path: 'a/y/x.txt', isDir: false, isSymlink: false, size: 3, excluded: false });
    expect(scan.entries.find((entry) => entry.path === 'a')).toEqual({ path: 'a', isDir: true, isSymlink: false, size: 0, excluded: false });
    expect([scan.sentFiles, scan.sentBytes, scan.excludedFiles, scan.excludedBytes]).toEqual([3, 9, 0, 0]);
    expect(scan.truncated).toBe(false);
    expect(scan.warnings).toEqual([]);
  });

  it('prunes an excluded directory with no exception below it: listed once, not walked, not counted', async () => {
    const root = tree({ 'src/a.ts': 'aaaa', 'node_modules/p/index.js': '1234567890', 'node_modules/q.js': '12', 'app.log': '123' });
    const scan = await scanContext(root, { ignoreFile: ignore(root, 'node_modules\n*.log\n') });
    expect(paths(scan, true)).toEqual(['app.log', 'node_modules']);
    expect(paths(scan, false)).toEqual(['src', 'src/a.ts']);
    expect([scan.sentFiles, scan.sentBytes]).toEqual([1, 4]);
    // app.log is walked (a file), node_modules is not.
    expect([scan.excludedFiles, scan.excludedBytes]).toEqual([1, 3]);
  });

  it('measureExcluded counts files and bytes under pruned directories without keeping their entries', async () => {
    const root = tree({ 'src/a.ts': 'aaaa', 'node_modules/p/index.js': '1234567890', 'node_modules/q.js': '12' });
    const scan = await scanContext(root, { ignoreFile: ignore(root, 'node_modules\n'), measureExcluded: true });
    expect(scan.entries.map((entry) => entry.path)).toEqual(['node_modules', 'src', 'src/a.ts']);
    expect([scan.excludedFiles, scan.excludedBytes]).toEqual([2, 12]);
    expect([scan.sentFiles, scan.sentBytes]).toEqual([1, 4]);
  });

  it('walks an excluded directory when a ! exception can re-include something below it (Docker semantics)', async () => {
    const root = tree({
      'node_modules/keep/x': 'kept!',
      'node_modules/keep/y': 'gone',
      'node_modules/other/i.js': 'gone too',
      'src/a.ts': 'a',
    });
    const scan = await scanContext(root, { ignoreFile: ignore(root, 'node_modules\n!node_modules/keep/x\n') });
    expect(paths(scan, false)).toEqual(['node_modules/keep/x', 'src', 'src/a.ts']);
    // node_modules and node_modules/keep are walked (the exception lies below them); node_modules/other is pruned like BuildKit does.
    expect(paths(scan, true)).toEqual(['node_modules', 'node_modules/keep', 'node_modules/keep/y', 'node_modules/other']);
    expect([scan.sentFiles, scan.sentBytes]).toEqual([2, 6]);
    expect([scan.excludedFiles, scan.excludedBytes]).toEqual([1, 4]);
    const measured = await scanContext(root, { ignoreFile: ignore(root, 'node_modules\n!node_modules/keep/x\n'), measureExcluded: true });
    expect([measured.excludedFiles, measured.excludedBytes]).toEqual([2, 12]);
  });

  it('re-includes a whole directory after `*` (whitelist style)', async () => {
    const root = tree({ 'src/a.ts': 'a', 'src/b/c.ts': 'c', 'README.md': 'r', 'package.json': '{}', '.env': 'X=1' });
    const scan = await scanContext(root, { ignoreFile: ignore(root, '*\n!src\n!package.json\n') });
    expect(paths(scan, false)).toEqual(['package.json', 'src', 'src/a.ts', 'src/b', 'src/b/c.ts']);
    expect(scan.heads.has('.env')).toBe(false);
  });

  it('records symbolic links without following them and warns about links leaving the context', async () => {
    const outside = tree({ 'secret.txt': 'top secret' });
    const root = tree({ 'real/file.txt': '12345' });
    symlinkSync('real', join(root, 'inside-dir-link'));
    symlinkSync('real/file.txt', join(root, 'inside-file-link'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'outside-abs'));
    symlinkSync('../../../../../../../../../etc/passwd', join(root, 'real', 'outside-rel'));
    const scan = await scanContext(root);
    expect(scan.entries.map((entry) => entry.path)).toEqual([
      'inside-dir-link',
      'inside-file-link',
      'outside-abs',
      'real',
      'real/file.txt',
      'real/outside-rel',
    ]);
    const link = scan.entries.find((entry) => entry.path === 'inside-dir-link');
    expect(link).toEqual({ path: 'inside-dir-link', isDir: false, isSymlink: true, size: 0, excluded: false });
    expect(scan.sentBytes).toBe(5);
    expect(scan.sentFiles).toBe(5);
    expect(scan.warnings.map((warning) => warning.path)).toEqual(['outside-abs', 'real/outside-rel']);
    for (const warning of scan.warnings) expect(warning.message).toContain('points outside the build context');
  });

  it('does not warn about an outside link the ignore file excludes', async () => {
    const root = tree({ 'a.txt': 'a' });
    symlinkSync('/etc/passwd', join(root, 'passwd'));
    const scan = await scanContext(root, { ignoreFile: ignore(root, 'passwd\n') });
    expect(scan.warnings).toEqual([]);
    expect(scan.excludedFiles).toBe(1);
  });

  it.skipIf(process.getuid?.() === 0)('warns about an unreadable directory and goes on (skipped as root: root reads anything)', async () => {
    const root = tree({ 'locked/inner.txt': 'x', 'open/a.txt': 'abc' });
    chmodSync(join(root, 'locked'), 0o000);
    const scan = await scanContext(root);
    expect(scan.warnings).toHaveLength(1);
    expect(scan.warnings[0].path).toBe('locked');
    expect(scan.warnings[0].message).toContain('permission denied');
    expect(paths(scan, false)).toEqual(['locked', 'open', 'open/a.txt']);
    expect(scan.sentFiles).toBe(1);
  });

  it('keeps at most maxEntries entries but complete totals', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index++) files[`d${index % 3}/f${String(index).padStart(2, '0')}.txt`] = 'x'.repeat(index);
    const root = tree(files);
    const scan = await scanContext(root, { maxEntries: 10 });
    expect(scan.entries).toHaveLength(10);
    expect(scan.truncated).toBe(true);
    expect(scan.sentFiles).toBe(30);
    expect(scan.sentBytes).toBe((29 * 30) / 2);
    const full = scanContextSync(root);
    expect(full.truncated).toBe(false);
    expect(full.entries).toHaveLength(33);
    expect(scan.entries).toEqual(full.entries.slice(0, 10));
  });

  it('reads heads of small sent files with secret-like names only', async () => {
    const root = tree({
      '.env': 'TOKEN=abc\n',
      'big/.env': 'A=1\n'.repeat(20_000),
      'src/index.ts': 'export {}',
      'excluded/.npmrc': '_authToken=x',
      'certs/server.key': 'k'.repeat(5000),
    });
    const scan = await scanContext(root, { ignoreFile: ignore(root, 'excluded\n') });
    expect([...scan.heads.keys()].sort()).toEqual(['.env', 'certs/server.key']);
    expect(scan.heads.get('.env')).toBe('TOKEN=abc\n');
    expect(scan.heads.get('certs/server.key')).toHaveLength(4096);
  });

  it('honours a custom headNames and reads heads as latin1', async () => {
    const root = tree({ 'a.bin': '', 'b.txt': 'no' });
    writeFileSync(join(root, 'a.bin'), Buffer.from([0xff, 0x00, 0x41]));
    const scan = await scanContext(root, { headNames: (path) => path.endsWith('.bin') });
    expect([...scan.heads]).toEqual([['a.bin', '\u00ff\u0000A']]);
  });

  it('warns when the ignore file makes docker build fail', async () => {
    const root = tree({ 'a.txt': 'a' });
    const scan = await scanContext(root, { ignoreFile: ignore(root, 'ok\n!\n') });
    expect(scan.warnings).toHaveLength(1);
    expect(scan.warnings[0].path).toBe(join(root, '.dockerignore'));
    expect(scan.warnings[0].message).toContain('line 2');
  });

  it('reports progress and gives the same result as the sync variant', async () => {
    const root = tree({ 'a/b.txt': 'bb', 'c.txt': 'c', 'node_modules/x.js': 'xxx' });
    const seen: number[] = [];
    const options = { ignoreFile: ignore(root, 'node_modules\n'), measureExcluded: true };
    const scan = await scanContext(root, { ...options, onProgress: (files) => seen.push(files) });
    expect(seen.at(-1)).toBe(3);
    const sync = scanContextSync(root, options);
    expect({ ...sync, heads: [...sync.heads] }).toEqual({ ...scan, heads: [...scan.heads] });
  });

  it('throws an IoError naming a context that does not exist or is a file', async () => {
    const root = tree({ 'file.txt': 'x' });
    await expect(scanContext(join(root, 'missing'))).rejects.toThrow(IoError);
    await expect(scanContext(join(root, 'missing'))).rejects.toThrow(join(root, 'missing'));
    expect(() => scanContextSync(join(root, 'file.txt'))).toThrow(/is not a directory/);
  });
});
