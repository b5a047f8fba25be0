/**
 * Fault tests of the built CLI (`npm test` builds first): files that vanish or
 * cannot be read between discovery and reading, symlink loops, links out of
 * the build context, huge, binary and non-UTF-8 files, directories where a
 * file is expected, --fix on read-only files, two --fix runs at once, and
 * files that keep their line endings, BOM, mode and owner.
 *
 * Every failure must name the file, say what to do, exit 2 for I/O and usage
 * errors, print no stack trace, and leave the other files linted.
 *
 * Faults are injected deterministically, never by racing: a preload module
 * (`node --import`) makes `readFileSync` of chosen paths delete the file first,
 * fail with EACCES, or change the file just after it was read. Tests that need
 * a non-root user (chmod 000) are skipped, saying why, when run as root.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixText, lintFile } from '../../src/lint.js';
import type { BuildContextProvider } from '../../src/context/provider.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dockfix.js');
const IS_ROOT = process.getuid?.() === 0;

interface Faults {
  /** Deleted just before dockfix reads them (after discovery found them). */
  readonly remove?: readonly string[];
  /** Reading them fails with EACCES, as a file made unreadable after discovery would (also as root). */
  readonly unreadable?: readonly string[];
  /** Right after dockfix first read them, this text is appended: an editor saving while dockfix fixes. */
  readonly appendAfterRead?: Readonly<Record<string, string>>;
}

/** The preload module that injects the faults (see the module comment). */
const HOOK_SOURCE = `
import fs from 'node:fs';
import { resolve } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
const faults = JSON.parse(process.env.DOCKFIX_TEST_FAULTS || '{}');
const remove = new Set((faults.remove || []).map((p) => resolve(p)));
const unreadable = new Set((faults.unreadable || []).map((p) => resolve(p)));
const append = new Map(Object.entries(faults.appendAfterRead || {}).map(([p, t]) => [resolve(p), t]));
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  const key = typeof path === 'string' || path instanceof URL ? resolve(String(path instanceof URL ? path.pathname : path)) : undefined;
  if (key !== undefined && remove.has(key)) fs.unlinkSync(key);
  if (key !== undefined && unreadable.has(key)) {
    throw Object.assign(new Error("EACCES: permission denied, open '" + key + "'"), { code: 'EACCES', errno: -13, syscall: 'open', path: key });
  }
  const result = readFileSync.call(this, path, ...rest);
  if (key !== undefined && append.has(key)) {
    const text = append.get(key);
    append.delete(key);
    fs.appendFileSync(key, text);
  }
  return result;
};
syncBuiltinESMExports();
`;

let hookUrl = '';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly cwd?: string;
  readonly input?: string | Buffer;
  readonly faults?: Faults;
}

function spawnArgs(args: readonly string[], options: RunOptions) {
  const execArgv = options.faults ? ['--import', hookUrl] : [];
  return {
    argv: [...execArgv, BIN, ...args],
    options: {
      cwd: options.cwd ?? ROOT,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: undefined,
        DOCKFIX_TEST_FAULTS: options.faults ? JSON.stringify(options.faults) : undefined,
      } as NodeJS.ProcessEnv,
    },
  };
}

function dockfix(args: readonly string[], options: RunOptions = {}): Run {
  const { argv, options: spawnOptions } = spawnArgs(args, options);
  const result = spawnSync(process.execPath, argv, { ...spawnOptions, input: options.input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function dockfixAsync(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  const { argv, options: spawnOptions } = spawnArgs(args, options);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, argv, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status: status ?? -1, stdout, stderr }));
  });
}

/** No stack frames, no "internal error", every line names dockfix. */
function expectCleanStderr(run: Run): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('internal error');
  for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^dockfix: /);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dockfix-faults-'));
}

/** Lints clean except for one fixable finding (instruction-casing): exit 0, and --fix changes it. */
const FIXABLE = 'FROM gcr.io/distroless/static-debian12:nonroot\nrun ["/app"]\n';
const FIXED = 'FROM gcr.io/distroless/static-debian12:nonroot\nRUN ["/app"]\n';
/** Clean: nothing to report. */
const CLEAN = 'FROM gcr.io/distroless/static-debian12:nonroot\nCMD ["/app"]\n';

interface JsonResult {
  readonly filePath: string;
  readonly messages: readonly { ruleId: string | null; message: string }[];
}

function jsonResults(run: Run): JsonResult[] {
  return JSON.parse(run.stdout) as JsonResult[];
}

function resultFor(run: Run, name: string): JsonResult | undefined {
  return jsonResults(run).find((result) => result.filePath.endsWith(`/${name}`));
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it for you)');
  }
  const dir = tempDir();
  writeFileSync(join(dir, 'faults.mjs'), HOOK_SOURCE);
  hookUrl = pathToFileURL(join(dir, 'faults.mjs')).href;
});

describe('files that go away or cannot be read after discovery', () => {
  it('a file deleted between discovery and reading is reported by name, and the other files are linted', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.Dockerfile'), FIXABLE);
    writeFileSync(join(dir, 'b.Dockerfile'), CLEAN);
    writeFileSync(join(dir, 'c.Dockerfile'), FIXABLE);
    const run = dockfix(['.', '--format', 'json'], { cwd: dir, faults: { remove: [join(dir, 'b.Dockerfile')] } });
    expect(existsSync(join(dir, 'b.Dockerfile'))).toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('dockfix: b.Dockerfile: cannot read it: no such file or directory; it was moved or deleted while dockfix ran: run dockfix again\n');
    expectCleanStderr(run);
    expect(resultFor(run, 'a.Dockerfile')?.messages.map((m) => m.ruleId)).toEqual(['instruction-casing']);
    expect(resultFor(run, 'c.Dockerfile')?.messages.map((m) => m.ruleId)).toEqual(['instruction-casing']);
  });

  it('a file that cannot be read (EACCES after discovery, also as root) is reported by name and left alone by --fix', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.Dockerfile'), FIXABLE);
    writeFileSync(join(dir, 'b.Dockerfile'), FIXABLE);
    const run = dockfix(['--fix', '.'], { cwd: dir, faults: { unreadable: [join(dir, 'a.Dockerfile')] } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('dockfix: a.Dockerfile: cannot read it: permission denied');
    expect(run.stderr).toContain('make it readable (chmod u+r) or leave it out of the paths');
    expectCleanStderr(run);
    expect(readFileSync(join(dir, 'a.Dockerfile'), 'utf8')).toBe(FIXABLE);
    expect(readFileSync(join(dir, 'b.Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it.skipIf(IS_ROOT)('a file made unreadable with chmod 000 is reported by name (skipped as root: root reads any file)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.Dockerfile'), FIXABLE);
    writeFileSync(join(dir, 'b.Dockerfile'), FIXABLE);
    chmodSync(join(dir, 'a.Dockerfile'), 0o000);
    const run = dockfix(['.', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('dockfix: a.Dockerfile: cannot read it: permission denied');
    expectCleanStderr(run);
    expect(resultFor(run, 'b.Dockerfile')?.messages).toHaveLength(1);
  });

  it.skipIf(IS_ROOT)('an unreadable directory is reported by name and the rest is linted (skipped as root: root reads any directory)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'Dockerfile'), CLEAN);
    writeFileSync(join(dir, 'Dockerfile'), FIXABLE);
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const run = dockfix(['.', '--format', 'json'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('dockfix: locked: permission denied');
      expectCleanStderr(run);
      expect(resultFor(run, 'Dockerfile')?.messages).toHaveLength(1);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('a dangling symlink named on the command line is reported; one inside a directory is not followed', () => {
    const dir = tempDir();
    symlinkSync('nowhere', join(dir, 'Dockerfile'));
    writeFileSync(join(dir, 'app.Dockerfile'), CLEAN);
    const named = dockfix(['Dockerfile', 'app.Dockerfile'], { cwd: dir });
    expect(named.status).toBe(2);
    expect(named.stderr).toBe('dockfix: Dockerfile: no such file or directory\n');
    const walked = dockfix(['.', '--format', 'json'], { cwd: dir });
    expect(walked.stderr).toBe('');
    expect(walked.status).toBe(0);
    expect(jsonResults(walked).map((result) => result.filePath)).toEqual([join(dir, 'app.Dockerfile')]);
  });
});

describe('content dockfix does not lint', () => {
  it('refuses a 50 MB Dockerfile quickly, by name, and lints the other files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'huge.Dockerfile'), `FROM alpine\n${'RUN echo padding padding padding padding\n'.repeat(1_250_000)}`);
    expect(statSync(join(dir, 'huge.Dockerfile')).size).toBeGreaterThan(50_000_000);
    writeFileSync(join(dir, 'ok.Dockerfile'), FIXABLE);
    const started = Date.now();
    const run = dockfix(['--fix', '.'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^dockfix: huge\.Dockerfile: file is larger than 10 MB \(4\d\.\d MB\); dockfix does not lint it: leave it out of the paths, or list it in ignorePaths$/m);
    expectCleanStderr(run);
    expect(readFileSync(join(dir, 'ok.Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it('refuses 50 MB on stdin, naming --stdin-filename', () => {
    const run = dockfix(['-', '--stdin-filename', 'big.Dockerfile'], { input: Buffer.alloc(50 * 1024 * 1024, 'a') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^dockfix: big\.Dockerfile: file is larger than 10 MB \(50\.0 MB\)/);
    expectCleanStderr(run);
  });

  it('refuses NUL bytes at the start and far into the file, and --fix leaves both files as they were', () => {
    const dir = tempDir();
    const early = Buffer.from('FROM alpine\0\nrun echo\n');
    const late = Buffer.concat([Buffer.from(`FROM alpine\n${'# pad\n'.repeat(3000)}`), Buffer.from('run echo \0\n')]);
    writeFileSync(join(dir, 'early.Dockerfile'), early);
    writeFileSync(join(dir, 'late.Dockerfile'), late);
    writeFileSync(join(dir, 'ok.Dockerfile'), FIXABLE);
    const run = dockfix(['--fix', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('dockfix: early.Dockerfile: looks like a binary file (it contains NUL bytes)');
    expect(run.stderr).toContain('dockfix: late.Dockerfile: looks like a binary file (it contains NUL bytes)');
    expect(run.stderr).toContain('leave it out of the paths, or list it in ignorePaths');
    expectCleanStderr(run);
    expect(readFileSync(join(dir, 'early.Dockerfile')).equals(early)).toBe(true);
    expect(readFileSync(join(dir, 'late.Dockerfile')).equals(late)).toBe(true);
    expect(readFileSync(join(dir, 'ok.Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it('refuses invalid UTF-8 (stray byte, overlong form, encoded surrogate, cut sequence) and --fix leaves the bytes alone', () => {
    const dir = tempDir();
    const cases: Record<string, Buffer> = {
      'stray.Dockerfile': Buffer.from([...Buffer.from('FROM alpine\nrun echo '), 0xff, 0x0a]),
      'overlong.Dockerfile': Buffer.from([...Buffer.from('FROM alpine\nrun echo '), 0xc0, 0xaf, 0x0a]),
      'surrogate.Dockerfile': Buffer.from([...Buffer.from('FROM alpine\nrun echo '), 0xed, 0xa0, 0x80, 0x0a]),
      'cut.Dockerfile': Buffer.from([...Buffer.from('FROM alpine\nrun echo '), 0xe2, 0x82]),
    };
    for (const [name, bytes] of Object.entries(cases)) writeFileSync(join(dir, name), bytes);
    writeFileSync(join(dir, 'ok.Dockerfile'), FIXABLE);
    const run = dockfix(['--fix', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    for (const [name, bytes] of Object.entries(cases)) {
      expect(run.stderr).toContain(`dockfix: ${name}: is not valid UTF-8 text; save it as UTF-8 and try again`);
      expect(readFileSync(join(dir, name)).equals(bytes)).toBe(true);
    }
    expectCleanStderr(run);
    expect(readFileSync(join(dir, 'ok.Dockerfile'), 'utf8')).toBe(FIXED);
  });
});

describe('directories where a file is expected', () => {
  it('a path named like a Dockerfile that is a directory is searched like any directory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'Dockerfile'));
    writeFileSync(join(dir, 'Dockerfile', 'Dockerfile'), FIXABLE);
    const run = dockfix(['Dockerfile', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(jsonResults(run).map((result) => result.filePath)).toEqual([join(dir, 'Dockerfile', 'Dockerfile')]);
  });

  it('dockfix context --dockerfile naming a directory is a usage error that names it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'Dockerfile'), CLEAN);
    const run = dockfix(['context', '.', '--dockerfile', 'sub'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('dockfix: --dockerfile sub: is a directory, not a Dockerfile; name the Dockerfile the build uses\n');
  });

  it('lintFile on a directory returns a fatal result that names it', () => {
    const dir = tempDir();
    expect(lintFile(dir, { kind: 'dockerfile' }).fatal).toBe(`${dir}: is a directory, not a file`);
  });

  it('a directory named .dockerignore does not stop linting or the context command', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.dockerignore'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine\nCOPY . /app\n');
    const lint = dockfix(['Dockerfile', '--format', 'json'], { cwd: dir });
    expectCleanStderr(lint);
    expect(lint.status).not.toBe(2);
    const context = dockfix(['context', '.'], { cwd: dir });
    expectCleanStderr(context);
    expect(context.status).toBe(0);
  });
});

describe('symlinks', () => {
  it('a directory loop through symlinks ends: each file is linted once, and the context walk does not follow links', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), FIXABLE);
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'Dockerfile'), CLEAN);
    symlinkSync('..', join(dir, 'a', 'up'));
    symlinkSync(join(dir, 'a'), join(dir, 'again'));
    symlinkSync('self', join(dir, 'self'));
    const run = dockfix(['.', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(jsonResults(run).map((result) => result.filePath).sort()).toEqual([join(dir, 'Dockerfile'), join(dir, 'a', 'Dockerfile')]);
    const context = dockfix(['context', '.', '--list'], { cwd: dir });
    expect(context.status).toBe(0);
    expect(context.stdout.split('\n').filter(Boolean).sort()).toEqual(['Dockerfile', 'a/Dockerfile', 'a/up', 'again', 'self']);
    // Named through the loop, a file is still found; the loop itself is a clear error.
    expect(dockfix(['a/up/a/up/Dockerfile'], { cwd: dir }).status).toBe(0);
    const loop = dockfix(['self'], { cwd: dir });
    expect(loop.status).toBe(2);
    expect(loop.stderr).toBe('dockfix: self: too many levels of symbolic links (a symlink loop: fix or remove the link)\n');
  });

  it('a symlink out of the build context is reported, not followed: no bytes, no content from outside', () => {
    const base = tempDir();
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'big.bin'), Buffer.alloc(2_000_000, 1));
    writeFileSync(join(base, 'outside', 'credentials'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    const ctx = join(base, 'ctx');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM alpine\nCOPY data settings.env /app/\n');
    writeFileSync(join(ctx, '.dockerignore'), '.git\n');
    symlinkSync('../outside/big.bin', join(ctx, 'data'));
    symlinkSync(join(base, 'outside', 'credentials'), join(ctx, 'settings.env'));
    const context = dockfix(['context', '.', '--format', 'json'], { cwd: ctx });
    expectCleanStderr(context);
    expect(context.status).toBe(0);
    const report = JSON.parse(context.stdout) as { sent: { bytes: number }; warnings: { path: string; message: string }[] };
    expect(report.sent.bytes).toBeLessThan(1000);
    expect(report.warnings.map((warning) => warning.path).sort()).toEqual(['data', 'settings.env']);
    for (const warning of report.warnings) expect(warning.message).toContain('points outside the build context');
    const lint = dockfix(['Dockerfile', '--format', 'json'], { cwd: ctx });
    expectCleanStderr(lint);
    expect(lint.status).not.toBe(2);
    expect(lint.stdout).not.toContain('PRIVATE KEY');
    expect(lint.stdout).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
  });
});

describe('--fix writes safely', () => {
  it('refuses a read-only file with a clear error (exit 2), leaves it untouched, and fixes the others', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.Dockerfile'), FIXABLE);
    writeFileSync(join(dir, 'b.Dockerfile'), FIXABLE);
    chmodSync(join(dir, 'a.Dockerfile'), 0o444);
    const run = dockfix(['--fix', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'dockfix: a.Dockerfile: cannot write the fix: permission denied (the file or its directory is not accessible or is read-only); the file was left unchanged (make it writable, or run without --fix)\n',
    );
    expect(readFileSync(join(dir, 'a.Dockerfile'), 'utf8')).toBe(FIXABLE);
    expect(statSync(join(dir, 'a.Dockerfile')).mode & 0o777).toBe(0o444);
    expect(readFileSync(join(dir, 'b.Dockerfile'), 'utf8')).toBe(FIXED);
    expect(readdirSync(dir).sort()).toEqual(['a.Dockerfile', 'b.Dockerfile']);
  });

  it.skipIf(IS_ROOT)('refuses a file in a read-only directory (skipped as root: root writes any directory)', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ro'));
    writeFileSync(join(dir, 'ro', 'Dockerfile'), FIXABLE);
    chmodSync(join(dir, 'ro'), 0o555);
    try {
      const run = dockfix(['--fix', 'ro/Dockerfile'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('dockfix: ro/Dockerfile: cannot write the fix: permission denied');
      expect(readFileSync(join(dir, 'ro', 'Dockerfile'), 'utf8')).toBe(FIXABLE);
    } finally {
      chmodSync(join(dir, 'ro'), 0o755);
    }
  });

  it('keeps CRLF, mixed line endings, a BOM and the file mode, and a second --fix changes nothing', () => {
    const dir = tempDir();
    const files: Record<string, { text: string; mode: number; expected: string }> = {
      'crlf.Dockerfile': { text: FIXABLE.replace(/\n/g, '\r\n'), mode: 0o755, expected: FIXED.replace(/\n/g, '\r\n') },
      'bom.Dockerfile': { text: `\uFEFF${FIXABLE}`, mode: 0o600, expected: `\uFEFF${FIXED}` },
      'bomcrlf.Dockerfile': { text: `\uFEFF${FIXABLE.replace(/\n/g, '\r\n')}`, mode: 0o640, expected: `\uFEFF${FIXED.replace(/\n/g, '\r\n')}` },
      'mixed.Dockerfile': { text: 'FROM gcr.io/distroless/static-debian12:nonroot\r\nrun ["/app"]\nCMD ["/b"]\r\n', mode: 0o644, expected: 'FROM gcr.io/distroless/static-debian12:nonroot\r\nRUN ["/app"]\nCMD ["/b"]\r\n' },
      'nonewline.Dockerfile': { text: FIXABLE.trimEnd(), mode: 0o664, expected: FIXED.trimEnd() },
    };
    for (const [name, file] of Object.entries(files)) {
      writeFileSync(join(dir, name), file.text);
      chmodSync(join(dir, name), file.mode);
    }
    const run = dockfix(['--fix', '.'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const [name, file] of Object.entries(files)) {
      expect(readFileSync(join(dir, name), 'utf8')).toBe(file.expected);
      expect(statSync(join(dir, name)).mode & 0o7777).toBe(file.mode);
    }
    const again = dockfix(['--fix', '.'], { cwd: dir });
    expect(again.status).toBe(0);
    for (const [name, file] of Object.entries(files)) expect(readFileSync(join(dir, name), 'utf8')).toBe(file.expected);
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
  });

  it.runIf(IS_ROOT)('keeps the owner and group of a file fixed by root (runs as root only)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), FIXABLE);
    chownSync(join(dir, 'Dockerfile'), 4321, 4322);
    const run = dockfix(['--fix', 'Dockerfile'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'Dockerfile'))).toMatchObject({ uid: 4321, gid: 4322 });
  });

  it('writes through a symlink: the link stays a link and its target gets the fix', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'base.Dockerfile'), FIXABLE);
    symlinkSync('shared/base.Dockerfile', join(dir, 'Dockerfile'));
    const run = dockfix(['--fix', 'Dockerfile'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'Dockerfile'))).toBe('shared/base.Dockerfile');
    expect(readFileSync(join(dir, 'shared', 'base.Dockerfile'), 'utf8')).toBe(FIXED);
    expect(readdirSync(join(dir, 'shared'))).toEqual(['base.Dockerfile']);
  });

  it('does not overwrite a change saved while it was fixing the file', () => {
    const dir = tempDir();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, FIXABLE);
    const run = dockfix(['--fix', 'Dockerfile'], { cwd: dir, faults: { appendAfterRead: { [file]: 'USER app\n' } } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'dockfix: Dockerfile: cannot write the fix: the file changed on disk while dockfix was fixing it, and it was left as it is now; run dockfix --fix again\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(`${FIXABLE}USER app\n`);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('two --fix runs on one file at once leave one of their results, never a mix', async () => {
    // About 1 MB, so writing it takes a while, and fixable by both safe and unsafe fixes.
    const body = Array.from({ length: 20 }, (_, index) => `run echo line ${index} && apt-get install -y curl\nMAINTAINER team${index}\n`).join('');
    const original = `FROM debian:bookworm-slim\n${body}${`# ${'x'.repeat(70)}\n`.repeat(15_000)}CMD node server.js\n`;
    const safe = fixText(original, { filePath: 'Dockerfile' }).output;
    const unsafe = fixText(original, { filePath: 'Dockerfile', unsafe: true }).output;
    const valid = new Set([
      safe,
      unsafe,
      fixText(safe, { filePath: 'Dockerfile', unsafe: true }).output,
      fixText(unsafe, { filePath: 'Dockerfile' }).output,
    ]);
    expect(safe).not.toBe(original);
    expect(unsafe).not.toBe(safe);
    for (let round = 0; round < 3; round++) {
      const dir = tempDir();
      const file = join(dir, 'Dockerfile');
      writeFileSync(file, original);
      chmodSync(file, 0o640);
      const runs = await Promise.all([
        dockfixAsync(['--fix', 'Dockerfile', '--format', 'compact'], { cwd: dir }),
        dockfixAsync(['--fix', '--unsafe-fixes', 'Dockerfile', '--format', 'compact'], { cwd: dir }),
      ]);
      const final = readFileSync(file, 'utf8');
      expect(valid.has(final)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(readdirSync(dir)).toEqual(['Dockerfile']);
      for (const run of runs) {
        expect(run.stderr).not.toMatch(/^\s+at /m);
        // Either it wrote (or found its result already there), or it saw the other's write and stood back.
        if (run.status === 2) expect(run.stderr).toContain('the file changed on disk while dockfix was fixing it');
        else expect([0, 1]).toContain(run.status);
      }
    }
  });
});

describe('one bad file never stops the run', () => {
  it('reports every bad file by name, exits 2, and still lints and fixes the good ones', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-good.Dockerfile'), FIXABLE);
    writeFileSync(join(dir, 'b-binary.Dockerfile'), Buffer.from([0x46, 0x00, 0x01]));
    writeFileSync(join(dir, 'c-latin1.Dockerfile'), Buffer.from('FROM alpine\nLABEL a=\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'd-big.Dockerfile'), `FROM alpine\n${'#'.repeat(11 * 1024 * 1024)}\n`);
    writeFileSync(join(dir, 'e-gone.Dockerfile'), CLEAN);
    writeFileSync(join(dir, 'f-locked.Dockerfile'), CLEAN);
    writeFileSync(join(dir, 'g-good.Dockerfile'), FIXABLE);
    const faults = { remove: [join(dir, 'e-gone.Dockerfile')], unreadable: [join(dir, 'f-locked.Dockerfile')] };
    const run = dockfix(['--fix', '.', '--format', 'json'], { cwd: dir, faults });
    expect(run.status).toBe(2);
    expectCleanStderr(run);
    const bad = ['b-binary', 'c-latin1', 'd-big', 'e-gone', 'f-locked'];
    expect(run.stderr.split('\n').filter(Boolean).map((line) => /^dockfix: ([\w-]+)\.Dockerfile: /.exec(line)?.[1])).toEqual(bad);
    const results = jsonResults(run);
    expect(results.map((result) => result.filePath.slice(dir.length + 1))).toEqual([
      'a-good.Dockerfile',
      ...bad.map((name) => `${name}.Dockerfile`),
      'g-good.Dockerfile',
    ]);
    for (const name of bad) expect(resultFor(run, `${name}.Dockerfile`)?.messages.map((m) => m.ruleId)).toEqual(['io-error']);
    expect(readFileSync(join(dir, 'a-good.Dockerfile'), 'utf8')).toBe(FIXED);
    expect(readFileSync(join(dir, 'g-good.Dockerfile'), 'utf8')).toBe(FIXED);
  });

  it('a crash while linting one file becomes an internal-error finding on that file; the others are still linted', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), FIXABLE);
    const provider = {
      contextsFor: () => {
        throw new TypeError('simulated bug');
      },
      forFile: () => {
        throw new TypeError('simulated bug');
      },
      targetsFor: () => undefined,
    } as unknown as BuildContextProvider;
    const result = lintFile(join(dir, 'Dockerfile'), { kind: 'dockerfile', buildContexts: provider, fix: 'write' });
    expect(result.fatal).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'internal-error', severity: 'error', line: 1, column: 1 });
    expect(result.diagnostics[0].message).toContain('dockfix crashed on this file (TypeError: simulated bug)');
    expect(result.diagnostics[0].message).toContain('Please report this bug');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FIXABLE);
  });
});

describe('usage and I/O errors exit 2 with a message that names the culprit, never a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockfix-faults-usage-'));
  writeFileSync(join(dir, 'Dockerfile'), CLEAN);
  writeFileSync(join(dir, 'notes.txt'), 'x');
  const cases: [string, string[], RegExp][] = [
    ['unknown option', ['--frobnicate'], /frobnicate/],
    ['missing --context', ['--context', 'nope', 'Dockerfile'], /--context nope: not a directory/],
    ['context of a file', ['context', 'notes.txt'], /notes\.txt: not a directory/],
    ['missing config', ['--config', 'missing.yaml', 'Dockerfile'], /missing\.yaml/],
    ['missing baseline', ['--baseline', 'missing.json', 'Dockerfile'], /missing\.json/],
    ['unwritable report', ['--output', 'no/such/dir/report.txt', 'Dockerfile'], /no\/such\/dir\/report\.txt/],
    ['bad --max-warnings', ['--max-warnings', '-1', 'Dockerfile'], /--max-warnings/],
    ['unknown format', ['--format', 'nope', 'Dockerfile'], /unknown format "nope"/],
    ['missing path', ['missing/Dockerfile'], /missing\/Dockerfile: no such file or directory/],
  ];
  it.each(cases)('%s', (_name, args, pattern) => {
    const run = dockfix(args, { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(pattern);
    expectCleanStderr(run);
  });
});
