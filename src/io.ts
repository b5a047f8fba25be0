/**
 * Reading files to lint and writing fixed ones. Every failure is an IoError
 * with a message that names the file and says what to do.
 */
import { closeSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BOM = '\uFEFF';

export class IoError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

export interface LoadedFile {
  readonly path: string;
  /** Text without the BOM. */
  readonly text: string;
  readonly bom: boolean;
}

export function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the file or its directory is not accessible or is read-only)';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop: fix or remove the link)';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ? `cannot access (${code})` : String((error as Error)?.message ?? error);
  }
}

// ignoreBOM keeps the BOM in the text, so it can be detected and written back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes file bytes: refuses binary data and invalid UTF-8, strips a BOM. */
export function decodeSource(path: string, bytes: Uint8Array): LoadedFile {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new IoError(path, `file is larger than 10 MB (${(bytes.length / 1048576).toFixed(1)} MB); dockfix does not lint it: leave it out of the paths, or list it in ignorePaths`);
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new IoError(path, 'looks like a binary file (it contains NUL bytes); dockfix lints text Dockerfiles only: leave it out of the paths, or list it in ignorePaths');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new IoError(path, 'is not valid UTF-8 text; save it as UTF-8 and try again');
  }
  if (text.includes('\u0000')) {
    throw new IoError(path, 'looks like a binary file (it contains NUL bytes); dockfix lints text Dockerfiles only: leave it out of the paths, or list it in ignorePaths');
  }
  const bom = text.startsWith(BOM);
  return { path, text: bom ? text.slice(1) : text, bom };
}

export function readSourceFile(path: string): LoadedFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new IoError(path, 'is a directory, not a file');
    size = stat.size;
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(path, describeErrno(error));
  }
  if (size > MAX_FILE_BYTES) {
    throw new IoError(path, `file is larger than 10 MB (${(size / 1048576).toFixed(1)} MB); dockfix does not lint it: leave it out of the paths, or list it in ignorePaths`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new IoError(path, `cannot read it: ${describeErrno(error)}${readAdvice(error)}`);
  }
  return decodeSource(path, bytes);
}

/** What to do when a file that was found cannot be read. */
function readAdvice(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '; it was moved or deleted while dockfix ran: run dockfix again';
  if (code === 'EACCES' || code === 'EPERM') return '; make it readable (chmod u+r) or leave it out of the paths';
  return '; check the file and run dockfix again';
}

/**
 * Replaces a file's content atomically (temp file in the same directory, then
 * rename), keeping its mode, owner (when allowed) and BOM. The caller keeps line
 * endings in the text. A symlink is written through: its target gets the fix.
 *
 * With `original` (the text that was read, BOM included), the file is left alone
 * when it changed on disk since: when it already holds `text` (another dockfix
 * got there first) this succeeds, otherwise it fails, so no edit is lost.
 */
export function writeFileAtomic(path: string, text: string, bom: boolean, original?: string): void {
  let target: string;
  let stats: ReturnType<typeof statSync>;
  try {
    target = realpathSync(path);
    stats = statSync(target);
  } catch (error) {
    throw new IoError(path, writeFailure(error));
  }
  const mode = stats.mode & 0o7777;
  const content = (bom ? BOM : '') + text;
  const temp = join(dirname(target), `.${basename(target)}.dockfix-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | undefined;
  let written = false;
  try {
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, content);
    fsyncSync(fd);
    try {
      fchownSync(fd, stats.uid, stats.gid);
    } catch {
      // Only root may give a file away; others leave the new file theirs, as any editor would.
    }
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, mode);
    if (original !== undefined) {
      const now = readFileSync(target, 'utf8');
      if (now === content) return;
      if (now !== original) {
        throw new IoError(path, 'cannot write the fix: the file changed on disk while dockfix was fixing it, and it was left as it is now; run dockfix --fix again');
      }
    }
    renameSync(temp, target);
    written = true;
  } catch (error) {
    if (error instanceof IoError) throw error;
    throw new IoError(path, writeFailure(error));
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (!written) {
      try {
        unlinkSync(temp);
      } catch {
        // The temp file was never created or is already gone.
      }
    }
  }
}

function writeFailure(error: unknown): string {
  return `cannot write the fix: ${describeErrno(error)}; the file was left unchanged (make it writable, or run without --fix)`;
}

/** --fix on a read-only file must fail before anything is written. */
export function assertWritable(path: string): void {
  try {
    // Root may open any file for writing; a file without write bits is still meant to stay as it is.
    if ((statSync(path).mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
    const fd = openSync(path, 'r+');
    closeSync(fd);
  } catch (error) {
    throw new IoError(path, writeFailure(error));
  }
}
