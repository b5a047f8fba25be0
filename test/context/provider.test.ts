import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFile, lintFiles } from '../../src/lint.js';
import { BuildContextProvider } from '../../src/context/provider.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dockfix-context-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const ids = (result: { diagnostics: readonly { ruleId: string; line: number }[] }) =>
  result.diagnostics.filter((d) => d.ruleId === 'dockerignore-excludes-copy-source').map((d) => d.line);

describe('build contexts of files on disk', () => {
  it("scans the Dockerfile's directory with its .dockerignore", () => {
    const root = project({ Dockerfile: 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n', '.dockerignore': 'dist\n', 'dist/index.html': '<p>hi</p>' });
    expect(ids(lintFile(join(root, 'Dockerfile'), {}))).toEqual([2]);
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile', () => {
    const root = project({
      'Dockerfile.prod': 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n',
      'Dockerfile.prod.dockerignore': 'node_modules\n',
      '.dockerignore': 'dist\n',
      'dist/index.html': 'x',
    });
    expect(ids(lintFile(join(root, 'Dockerfile.prod'), {}))).toEqual([]);
  });

  it('uses --context for every Dockerfile and shares one scan', () => {
    const root = project({ 'docker/app.Dockerfile': 'FROM alpine:3.20\nCOPY build/app /app\n', '.dockerignore': 'build\n', 'build/app': 'bin' });
    const provider = new BuildContextProvider({ contextDir: root });
    expect(ids(lintFile(join(root, 'docker/app.Dockerfile'), { buildContexts: provider }))).toEqual([2]);
    expect(provider.forFile(join(root, 'docker/app.Dockerfile'), 'dockerfile').scan).toBe(
      provider.forFile(join(root, 'docker/app.Dockerfile'), 'dockerfile').scan,
    );
  });

  it('does not scan when no enabled rule needs the context', () => {
    const root = project({ Dockerfile: 'FROM alpine:3.20\nCOPY dist /x\n', '.dockerignore': 'dist\n' });
    const result = lintFile(join(root, 'Dockerfile'), { ruleOverrides: new Map([['dockerignore-excludes-copy-source', 'off']]) });
    expect(ids(result)).toEqual([]);
  });

  it('gives an ignore file the Dockerfiles it governs', () => {
    const root = project({ Dockerfile: 'FROM alpine:3.20\n', 'Dockerfile.dev': 'FROM alpine:3.20\n', 'Dockerfile.dev.dockerignore': '', '.dockerignore': '.git\n' });
    const info = new BuildContextProvider().forFile(join(root, '.dockerignore'), 'dockerignore');
    // Dockerfile.dev has its own ignore file, so only Dockerfile is governed by .dockerignore.
    expect(info.dockerfiles).toHaveLength(1);
    expect(info.scan.ignoreFile?.kind).toBe('dockerignore');
  });

  it('reports an unreadable ignore file as a fatal result naming it', () => {
    const root = project({ Dockerfile: 'FROM alpine:3.20\nCOPY a /a\n', '.dockerignore': 'x\u0000y' });
    const result = lintFile(join(root, 'Dockerfile'), {});
    expect(result.fatal).toMatch(/\.dockerignore.*binary/);
  });

  it('lintFiles searches directories, shares one context and honours ignorePaths', () => {
    const root = project({
      'services/web/Dockerfile': 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n',
      'services/web/.dockerignore': 'dist\n',
      'services/web/dist/index.html': 'x',
      'vendor/Dockerfile': 'FROM alpine:3.20\nCOPY dist /x\n',
      '.dockfix.yaml': 'ignorePaths: ["vendor/**"]\n',
    });
    const results = lintFiles([root]);
    expect(results.map((result) => result.filePath.slice(root.length + 1)).sort()).toEqual(['services/web/.dockerignore', 'services/web/Dockerfile']);
    const dockerfile = results.find((result) => result.filePath.endsWith('Dockerfile'))!;
    expect(ids(dockerfile)).toEqual([2]);
  });

  it('lintFiles reports a missing path as a fatal result', () => {
    const [result] = lintFiles([join(tmpdir(), 'dockfix-no-such-dir', 'Dockerfile')]);
    expect(result.fatal).toMatch(/no-such-dir/);
  });
});
