import { describe, expect, it } from 'vitest';
import { DockerignoreMatcher } from '../../src/context/dockerignore.js';
import { buildContextReport, contextReportJson, formatBytes, listSentFiles, renderContextReport } from '../../src/context/report.js';
import type { ContextEntry, ContextScan } from '../../src/context/types.js';

const file = (path: string, size: number, excluded = false): ContextEntry => ({ path, isDir: false, isSymlink: false, size, excluded });
const dir = (path: string, excluded = false): ContextEntry => ({ path, isDir: true, isSymlink: false, size: 0, excluded });
const link = (path: string): ContextEntry => ({ path, isDir: false, isSymlink: true, size: 0, excluded: false });

const MB = 1_000_000;

/** A context of a Node app without a useful ignore file. */
function sampleScan(): ContextScan {
  const entries: ContextEntry[] = [
    file('.env', 40),
    file('.env.example', 30),
    dir('.git'),
    dir('.git/objects'),
    file('.git/objects/pack1', 30 * MB),
    file('.git/HEAD', 23),
    file('Dockerfile', 200),
    file('app.log', 2 * MB),
    dir('dist'),
    file('dist/bundle.js', 5 * MB),
    dir('node_modules'),
    dir('node_modules/big'),
    file('node_modules/big/index.js', 12 * MB),
    file('node_modules/big/x.wasm', 8 * MB),
    dir('node_modules/small'),
    file('node_modules/small/i.js', 1000),
    dir('packages'),
    dir('packages/a'),
    dir('packages/a/node_modules'),
    file('packages/a/node_modules/dep.js', 3 * MB),
    file('packages/a/index.ts', 500),
    dir('secret'),
    file('secret/id_rsa', 1700),
    link('current'),
    dir('tmp', true),
    file('notes.md', 10, true),
  ];
  return {
    root: '/work/app',
    ignoreFile: { path: '/work/app/.dockerignore', kind: 'dockerignore', text: 'tmp\nnotes.md\n' },
    entries,
    truncated: false,
    sentFiles: 14,
    sentBytes: entries.filter((entry) => !entry.excluded).reduce((sum, entry) => sum + entry.size, 0),
    excludedFiles: 1,
    excludedBytes: 10,
    warnings: [{ path: 'current', message: 'link to "/etc" points outside the build context' }],
    heads: new Map([
      ['.env', 'API_KEY=abc\n'],
      ['.env.example', 'API_KEY=\n'],
    ]),
  };
}

describe('buildContextReport', () => {
  const report = buildContextReport(sampleScan());

  it('carries totals and the ignore file', () => {
    expect(report.sent).toEqual({ files: 14, bytes: 60_003_493 });
    expect(report.excluded).toEqual({ files: 1, bytes: 10 });
    expect(report.ignoreFile).toEqual({ path: '/work/app/.dockerignore', kind: 'dockerignore' });
    expect(report.truncated).toBe(false);
  });

  it('aggregates sizes up the tree for the biggest directories', () => {
    expect(report.biggestDirectories).toEqual([
      { path: '.git', bytes: 30_000_023, files: 2 },
      { path: '.git/objects', bytes: 30 * MB, files: 1 },
      { path: 'node_modules', bytes: 20_001_000, files: 3 },
      { path: 'node_modules/big', bytes: 20 * MB, files: 2 },
      { path: 'dist', bytes: 5 * MB, files: 1 },
      { path: 'packages', bytes: 3_000_500, files: 2 },
      { path: 'packages/a', bytes: 3_000_500, files: 2 },
      { path: 'packages/a/node_modules', bytes: 3 * MB, files: 1 },
      { path: 'secret', bytes: 1700, files: 1 },
      { path: 'node_modules/small', bytes: 1000, files: 1 },
    ]);
  });

  it('lists the biggest files (not links, not excluded ones)', () => {
    expect(report.biggestFiles.map((row) => [row.path, row.bytes])).toEqual([
      ['.git/objects/pack1', 30 * MB],
      ['node_modules/big/index.js', 12 * MB],
      ['node_modules/big/x.wasm', 8 * MB],
      ['dist/bundle.js', 5 * MB],
      ['packages/a/node_modules/dep.js', 3 * MB],
      ['app.log', 2 * MB],
      ['secret/id_rsa', 1700],
      ['node_modules/small/i.js', 1000],
      ['packages/a/index.ts', 500],
      ['Dockerfile', 200],
    ]);
  });

  it('honours top', () => {
    const small = buildContextReport(sampleScan(), { top: 2 });
    expect(small.biggestDirectories.map((row) => row.path)).toEqual(['.git', '.git/objects']);
    expect(small.biggestFiles).toHaveLength(2);
    expect(small.suggestions.map((row) => row.pattern)).toEqual(['.git', '**/node_modules']);
  });

  it('finds secrets from names and heads', () => {
    expect(report.secrets).toEqual([
      { path: '.env', kind: 'env-file', reason: 'environment file with KEY=value settings' },
      { path: 'secret/id_rsa', kind: 'ssh-private-key', reason: 'SSH private key (named like one)' },
    ]);
  });

  it('suggests the patterns that would shrink the context most, with the bytes each saves', () => {
    expect(report.suggestions.map((row) => [row.pattern, row.bytes, row.files])).toEqual([
      ['.git', 30_000_023, 2],
      ['**/node_modules', 23_001_000, 4],
      ['dist', 5 * MB, 1],
      ['*.log', 2 * MB, 1],
    ]);
  });

  it('leaves out a deep pattern that saves nothing more than the plain one', () => {
    const scan = sampleScan();
    const report = buildContextReport({ ...scan, entries: scan.entries.filter((entry) => !entry.path.startsWith('packages')) });
    const patterns = report.suggestions.map((row) => row.pattern);
    expect(patterns).toContain('node_modules');
    expect(patterns).not.toContain('**/node_modules');
  });

  it('computes savings the way Docker would apply each suggested pattern', () => {
    const scan = sampleScan();
    for (const suggestion of report.suggestions) {
      const matcher = DockerignoreMatcher.fromText(`${suggestion.pattern}\n`);
      const hit = scan.entries.filter((entry) => !entry.excluded && !entry.isDir && matcher.match(entry.path, false).excluded);
      expect([suggestion.pattern, hit.reduce((sum, entry) => sum + entry.size, 0), hit.length]).toEqual([
        suggestion.pattern,
        suggestion.bytes,
        suggestion.files,
      ]);
    }
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [1234, '1.23 kB'],
    [12_345_678, '12.3 MB'],
    [999_999, '1.00 MB'],
    [456_000_000_000, '456 GB'],
  ])('%d -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('renderContextReport', () => {
  it('renders plain text', () => {
    const text = renderContextReport(buildContextReport(sampleScan(), { top: 2 }), { color: false, cwd: '/work' });
    expect(text).toBe(
      [
        'Build context app',
        '  ignore file: app/.dockerignore (.dockerignore)',
        '  sent:        60.0 MB in 14 files',
        '  excluded:    10 B in 1 file',
        '',
        'Biggest directories sent',
        '  30.0 MB  .git/  (2 files)',
        '  30.0 MB  .git/objects/  (1 file)',
        '',
        'Biggest files sent',
        '  30.0 MB  .git/objects/pack1',
        '  12.0 MB  node_modules/big/index.js',
        '',
        'Possible secrets sent (2)',
        '  ! .env  env-file: environment file with KEY=value settings',
        '  ! secret/id_rsa  ssh-private-key: SSH private key (named like one)',
        '',
        'Patterns that would shrink it most',
        '  .git             saves 30.0 MB in 2 files  Git history',
        '  **/node_modules  saves 23.0 MB in 4 files  installed npm packages, nested ones too',
        '',
        'Warnings',
        '  ⚠ current: link to "/etc" points outside the build context',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    const report = buildContextReport(sampleScan());
    expect(renderContextReport(report, { color: true, cwd: '/' })).toContain('\u001b[');
    expect(renderContextReport(report, { color: false, cwd: '/' })).not.toContain('\u001b[');
  });

  it('says when no ignore file applies', () => {
    const text = renderContextReport(buildContextReport({ ...sampleScan(), ignoreFile: undefined }), { color: false, cwd: '/' });
    expect(text).toContain('ignore file: none (everything is sent)');
  });
});

describe('contextReportJson', () => {
  it('is a stable, JSON-safe object', () => {
    const json = contextReportJson(buildContextReport(sampleScan(), { top: 1 }));
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'root',
      'ignoreFile',
      'sent',
      'excluded',
      'truncated',
      'biggestDirectories',
      'biggestFiles',
      'secrets',
      'suggestions',
      'warnings',
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      schemaVersion: 1,
      root: '/work/app',
      ignoreFile: { path: '/work/app/.dockerignore', kind: 'dockerignore' },
      sent: { files: 14, bytes: 60_003_493 },
      excluded: { files: 1, bytes: 10 },
      truncated: false,
      biggestDirectories: [{ path: '.git', bytes: 30_000_023, files: 2 }],
      biggestFiles: [{ path: '.git/objects/pack1', bytes: 30 * MB }],
      secrets: [
        { path: '.env', kind: 'env-file', reason: 'environment file with KEY=value settings' },
        { path: 'secret/id_rsa', kind: 'ssh-private-key', reason: 'SSH private key (named like one)' },
      ],
      suggestions: [{ pattern: '.git', what: 'Git history', bytes: 30_000_023, files: 2 }],
      warnings: [{ path: 'current', message: 'link to "/etc" points outside the build context' }],
    });
    expect(contextReportJson(buildContextReport({ ...sampleScan(), ignoreFile: undefined })).ignoreFile).toBeNull();
  });
});

describe('listSentFiles', () => {
  it('lists every sent file and link in walk order, no directories, nothing excluded', () => {
    expect(listSentFiles(sampleScan())).toEqual([
      '.env',
      '.env.example',
      '.git/objects/pack1',
      '.git/HEAD',
      'Dockerfile',
      'app.log',
      'dist/bundle.js',
      'node_modules/big/index.js',
      'node_modules/big/x.wasm',
      'node_modules/small/i.js',
      'packages/a/node_modules/dep.js',
      'packages/a/index.ts',
      'secret/id_rsa',
      'current',
    ]);
  });
});
