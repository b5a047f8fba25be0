/**
 * Which ignore file decides the build context, as `docker build` (BuildKit/buildx) picks it:
 *
 * 1. `<Dockerfile>.dockerignore` next to the Dockerfile (for `-f app/Prod.Dockerfile`:
 *    `app/Prod.Dockerfile.dockerignore`), which takes precedence over
 * 2. `<context>/.dockerignore`.
 * 3. `<context>/.containerignore` only when neither exists. Docker never reads it; Podman and
 *    Buildah read it *before* .dockerignore. dockfix keeps Docker's order and falls back to it
 *    so Podman-only projects still get a scan (see docs/context.md).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeErrno, IoError, MAX_FILE_BYTES } from '../io.js';
import type { AppliedIgnoreFile } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True when a regular file (or a link to one) exists at `path`; a directory or nothing: false. Other errors propagate. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new IoError(path, `cannot read the ignore file: ${describeErrno(error)}`);
  }
}

/** Reads an ignore file as Docker would see it; the text keeps a BOM (the matcher drops it like Docker). */
export function readIgnoreFile(path: string, kind: AppliedIgnoreFile['kind']): AppliedIgnoreFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new IoError(path, `cannot read the ignore file: ${describeErrno(error)}`);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new IoError(path, `ignore file is larger than 10 MB (${(bytes.length / 1048576).toFixed(1)} MB); is it really an ignore file?`);
  }
  if (bytes.includes(0)) throw new IoError(path, 'looks like a binary file (it contains NUL bytes), not an ignore file');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new IoError(path, 'is not valid UTF-8 text; save the ignore file as UTF-8');
  }
  return { path, kind, text };
}

/** Where the Dockerfile-specific ignore file of `dockerfilePath` would be, or undefined for a Dockerfile read from stdin. */
export function dockerfileSpecificIgnorePath(contextDir: string, dockerfilePath: string | undefined): string | undefined {
  if (dockerfilePath === '-') return undefined;
  const dockerfile = resolve(dockerfilePath ?? join(contextDir, 'Dockerfile'));
  return join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`);
}

/**
 * The ignore file `docker build -f <dockerfilePath> <contextDir>` applies, or undefined when there is none
 * (everything is sent). `dockerfilePath` undefined means Docker's default, `<contextDir>/Dockerfile`;
 * relative paths are taken from the current directory, as the docker CLI does. Throws IoError for an
 * ignore file that exists but cannot be read or is not text.
 */
export function findIgnoreFile(contextDir: string, dockerfilePath: string | undefined): AppliedIgnoreFile | undefined {
  const found = locateIgnoreFile(contextDir, dockerfilePath);
  return found && readIgnoreFile(found.path, found.kind);
}

/** Which ignore file `findIgnoreFile` would read, without reading it. */
export function locateIgnoreFile(contextDir: string, dockerfilePath: string | undefined): Pick<AppliedIgnoreFile, 'path' | 'kind'> | undefined {
  const context = resolve(contextDir);
  const specific = dockerfileSpecificIgnorePath(context, dockerfilePath);
  if (specific !== undefined && isFile(specific)) return { path: specific, kind: 'dockerfile-specific' };
  const dockerignore = join(context, '.dockerignore');
  if (isFile(dockerignore)) return { path: dockerignore, kind: 'dockerignore' };
  const containerignore = join(context, '.containerignore');
  if (isFile(containerignore)) return { path: containerignore, kind: 'containerignore' };
  return undefined;
}
