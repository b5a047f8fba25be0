/**
 * Reading files to lint and writing fixed ones. Every failure is an IoError
 * with a message that names the file and says what to do.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
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
      return 'too many levels of symbolic links';
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
    throw new IoError(path, `file is larger than 10 MB (${(bytes.length / 1048576).toFixed(1)} MB); dockfix does not lint it`);
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new IoError(path, 'looks like a binary file (it contains NUL bytes); dockfix lints text Dockerfiles only');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new IoError(path, 'is not valid UTF-8 text; save it as UTF-8 and try again');
  }
  if (text.includes('\u0000')) {
    throw new IoError(path, 'looks like a binary file (it contains NUL bytes); dockfix lints text Dockerfiles only');
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
    throw new IoError(path, `file is larger than 10 MB (${(size / 1048576).toFixed(1)} MB); dockfix does not lint it`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new IoError(path, describeErrno(error));
  }
  return decodeSource(path, bytes);
}

/**
 * Replaces a file's content atomically (temp file in the same directory, then
 * rename), keeping its mode and BOM. The caller keeps line endings in the text.
 */
export function writeFileAtomic(path: string, text: string, bom: boolean): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch (error) {
    throw new IoError(path, `cannot write the fix: ${describeErrno(error)}`);
  }
  const temp = join(dirname(path), `.${basename(path)}.dockfix-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, (bom ? BOM : '') + text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temp file was never created or is already gone.
    }
    throw new IoError(path, `cannot write the fix: ${describeErrno(error)}; the file was left unchanged`);
  }
}

/** --fix on a read-only file must fail before anything is written. */
export function assertWritable(path: string): void {
  try {
    // Root may open any file for writing; a file without write bits is still meant to stay as it is.
    if ((statSync(path).mode & 0o222) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
    const fd = openSync(path, 'r+');
    closeSync(fd);
  } catch (error) {
    throw new IoError(path, `cannot write the fix: ${describeErrno(error)}; the file was left unchanged`);
  }
}
