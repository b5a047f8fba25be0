import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerfileSpecificIgnorePath, findIgnoreFile } from '../../src/context/ignore-file.js';
import { IoError } from '../../src/io.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'dockfix-ignore-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('findIgnoreFile', () => {
  it('uses <context>/.dockerignore', () => {
    const root = tree({ '.dockerignore': 'node_modules\n', Dockerfile: 'FROM x\n' });
    expect(findIgnoreFile(root, join(root, 'Dockerfile'))).toEqual({ path: join(root, '.dockerignore'), kind: 'dockerignore', text: 'node_modules\n' });
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile over the context .dockerignore', () => {
    const root = tree({
      '.dockerignore': 'root\n',
      'docker/api.Dockerfile': 'FROM x\n',
      'docker/api.Dockerfile.dockerignore': 'specific\n',
    });
    const found = findIgnoreFile(root, join(root, 'docker/api.Dockerfile'));
    expect(found).toEqual({ path: join(root, 'docker/api.Dockerfile.dockerignore'), kind: 'dockerfile-specific', text: 'specific\n' });
  });

  it('looks for the Dockerfile-specific file next to the Dockerfile, not in the context root', () => {
    const root = tree({
      '.dockerignore': 'root\n',
      'docker/api.Dockerfile': 'FROM x\n',
      'api.Dockerfile.dockerignore': 'wrong place\n',
    });
    expect(findIgnoreFile(root, join(root, 'docker/api.Dockerfile'))?.kind).toBe('dockerignore');
  });

  it('finds the Dockerfile-specific file of a Dockerfile outside the context', () => {
    const root = tree({ 'ctx/.dockerignore': 'root\n', 'elsewhere/Dockerfile': 'FROM x\n', 'elsewhere/Dockerfile.dockerignore': 'outside\n' });
    expect(findIgnoreFile(join(root, 'ctx'), join(root, 'elsewhere/Dockerfile'))?.text).toBe('outside\n');
  });

  it('defaults to <context>/Dockerfile, so Dockerfile.dockerignore in the context wins', () => {
    const root = tree({ '.dockerignore': 'root\n', 'Dockerfile.dockerignore': 'specific\n' });
    expect(findIgnoreFile(root, undefined)?.kind).toBe('dockerfile-specific');
    expect(dockerfileSpecificIgnorePath(root, undefined)).toBe(join(root, 'Dockerfile.dockerignore'));
  });

  it('has no Dockerfile-specific file for a Dockerfile read from stdin', () => {
    const root = tree({ '.dockerignore': 'root\n', '-.dockerignore': 'weird\n' });
    expect(findIgnoreFile(root, '-')?.kind).toBe('dockerignore');
  });

  it('falls back to .containerignore only when there is no .dockerignore', () => {
    const both = tree({ '.dockerignore': 'docker\n', '.containerignore': 'podman\n' });
    expect(findIgnoreFile(both, undefined)?.kind).toBe('dockerignore');
    const podmanOnly = tree({ '.containerignore': 'podman\n' });
    expect(findIgnoreFile(podmanOnly, undefined)).toEqual({ path: join(podmanOnly, '.containerignore'), kind: 'containerignore', text: 'podman\n' });
  });

  it('returns undefined when there is no ignore file (and ignores a directory named .dockerignore)', () => {
    const root = tree({ 'Dockerfile': 'FROM x\n', '.dockerignore/readme': 'not a file\n' });
    expect(findIgnoreFile(root, undefined)).toBeUndefined();
  });

  it('keeps a BOM in the text (the matcher drops it like Docker)', () => {
    const root = tree({ '.dockerignore': '\uFEFFnode_modules\n' });
    expect(findIgnoreFile(root, undefined)?.text).toBe('\uFEFFnode_modules\n');
  });

  it('throws an IoError naming a binary ignore file', () => {
    const root = tree({ '.dockerignore': Buffer.from([0x6e, 0x00, 0x01, 0x02]) });
    const path = join(root, '.dockerignore');
    expect(() => findIgnoreFile(root, undefined)).toThrow(IoError);
    expect(() => findIgnoreFile(root, undefined)).toThrow(`${path}: looks like a binary file`);
  });

  it('throws an IoError naming an ignore file that is not UTF-8', () => {
    const root = tree({ 'Dockerfile.dockerignore': Buffer.from([0x61, 0xff, 0xfe, 0x0a]) });
    expect(() => findIgnoreFile(root, undefined)).toThrow(`${join(root, 'Dockerfile.dockerignore')}: is not valid UTF-8`);
  });
});
