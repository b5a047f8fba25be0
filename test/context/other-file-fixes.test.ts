/**
 * Fixes that write another file than the one linted: dockerignore-missing
 * creates a .dockerignore, context-secrets adds lines to the ignore file in
 * force. Through the built CLI (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockfix, tempDir } from '../helpers/cli.js';

const DOCKERFILE = 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const ONLY = ['--rule', 'dockerignore-missing=warning', '--rule', 'context-secrets=error'];

describe('fixes that write other files', () => {
  it('creates the .dockerignore that dockerignore-missing asks for, and a second --fix changes nothing', () => {
    const dir = project({ Dockerfile: DOCKERFILE, 'package.json': '{}', 'package-lock.json': '{}', 'server.js': '', '.git/HEAD': 'ref: refs/heads/main\n', 'node_modules/x/index.js': 'x' });
    const safe = dockfix(['Dockerfile', '--fix', ...ONLY], { cwd: dir });
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
    expect(safe.stdout).toContain('dockerignore-missing');
    const run = dockfix(['Dockerfile', '--fix', '--unsafe-fixes', '--format', 'json'], { cwd: dir });
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\n**/node_modules\n');
    expect(JSON.parse(run.stdout)[0].messages.filter((m: { ruleId: string }) => m.ruleId === 'dockerignore-missing')).toEqual([]);
    const again = dockfix(['Dockerfile', '--fix', '--unsafe-fixes', '--format', 'json'], { cwd: dir });
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\n**/node_modules\n');
    expect(JSON.parse(again.stdout)[0].messages.filter((m: { ruleId: string }) => /dockerignore|context/.test(m.ruleId))).toEqual([]);
  });

  it('adds secrets to the ignore file in force, keeping its line endings, unless a COPY names them', () => {
    const dockerfile = 'FROM node:22-slim\nWORKDIR /app\nCOPY certs/ca.pem /etc/ssl/ca.pem\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';
    const dir = project({ Dockerfile: dockerfile, '.dockerignore': '.git\r\nnode_modules', '.env': 'TOKEN=x\n', 'certs/ca.pem': 'cert', 'server.js': '' });
    writeFileSync(join(dir, 'certs', 'ca.pem'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    dockfix(['Dockerfile', '--fix', '--unsafe-fixes'], { cwd: dir });
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.git\r\nnode_modules\r\n.env\r\n');
  });

  it('--diff shows the new file as a patch that git apply creates', () => {
    const dir = project({ Dockerfile: DOCKERFILE, 'package.json': '{}', 'package-lock.json': '{}', '.env': 'A=1\n' });
    const diff = dockfix(['Dockerfile', '--diff', '--unsafe-fixes', ...ONLY], { cwd: dir });
    expect(diff.status).toBe(1);
    expect(diff.stdout).toContain('--- /dev/null\n+++ b/.dockerignore\n');
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
    writeFileSync(join(dir, 'fix.patch'), diff.stdout);
    const apply = spawnSync('git', ['apply', '--unsafe-paths', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
    expect(apply.stderr).toBe('');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('.env\n');
  });

  it('a file that cannot be written is an I/O error naming it (exit 2)', () => {
    const dir = project({ Dockerfile: DOCKERFILE, 'package.json': '{}', 'package-lock.json': '{}', '.env': 'A=1\n' });
    mkdirSync(join(dir, '.dockerignore'));
    const run = dockfix(['Dockerfile', '--fix', '--unsafe-fixes', ...ONLY], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.dockerignore');
  });
});
