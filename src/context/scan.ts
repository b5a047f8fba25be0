/**
 * Walks a build context the way BuildKit does and records what `docker build`
 * would send: every entry with its ignore-file verdict, the totals, and the
 * first bytes of small files that may hold secrets.
 *
 * - Symbolic links are recorded, never followed (BuildKit sends them as links).
 * - An excluded directory is skipped only when `canPruneDirectory` proves no `!`
 *   exception can bring something below it back; otherwise it is walked like BuildKit does.
 * - Memory stays bounded: one directory listing per level of the current path, at most
 *   `maxEntries` entries kept, totals always complete.
 * - The walk itself is synchronous per directory (the fastest way to list and lstat
 *   in Node); `scanContext` hands the event loop back every few milliseconds.
 */
import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { describeErrno, IoError } from '../io.js';
import { isSecretCandidateName } from '../knowledge/secrets.js';
import { DockerignoreMatcher } from './dockerignore.js';
import type { AppliedIgnoreFile, ContextEntry, ContextScan, ContextWarning } from './types.js';

export interface ScanOptions {
  /** The ignore file that applies (see findIgnoreFile); none: everything is sent. */
  readonly ignoreFile?: AppliedIgnoreFile;
  /** Entries kept in `entries` (default 200,000); totals always cover the whole tree. */
  readonly maxEntries?: number;
  /** Also walk directories the ignore file prunes, to count their files and bytes (entries below them are not kept). */
  readonly measureExcluded?: boolean;
  /** Which sent files (context-relative path) get their head read; default: isSecretCandidateName. */
  readonly headNames?: (path: string) => boolean;
  /** Called now and then (and once at the end) with the number of files seen so far. */
  readonly onProgress?: (files: number) => void;
}

export const DEFAULT_MAX_ENTRIES = 200_000;
/** Files larger than this are not sniffed. */
export const MAX_HEAD_FILE_BYTES = 64 * 1024;
export const HEAD_BYTES = 4096;
/** Bounds on side data, so a pathological tree cannot blow memory up. */
const MAX_HEADS = 10_000;
const MAX_WARNINGS = 1_000;
/** How long the async scan works before handing the event loop back. */
const SLICE_MS = 25;

/** Walk mode of a directory: its entries are matched, or it lies under a pruned directory and is only measured. */
const MATCH = 0;
const MEASURE = 1;

interface Frame {
  /** Context-relative path, '' for the root. */
  readonly rel: string;
  /** Absolute path with a trailing separator. */
  readonly absPrefix: string;
  readonly dirents: Dirent[];
  index: number;
  readonly mode: typeof MATCH | typeof MEASURE;
  /** dev:ino, removed from the ancestor set when the frame is done. */
  readonly key: string | undefined;
}

const LSTAT_OPTIONS = { throwIfNoEntry: false } as const;
const READDIR_OPTIONS = { withFileTypes: true } as const;

function sizeOf(abs: string): number | undefined {
  try {
    return lstatSync(abs, LSTAT_OPTIONS)?.size;
  } catch {
    return undefined;
  }
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

class Walker {
  readonly root: string;
  private readonly realRoot: string;
  private readonly matcher: DockerignoreMatcher | undefined;
  private readonly maxEntries: number;
  private readonly measureExcluded: boolean;
  private readonly headNames: (path: string) => boolean;
  private readonly onProgress: ((files: number) => void) | undefined;

  readonly entries: ContextEntry[] = [];
  truncated = false;
  sentFiles = 0;
  sentBytes = 0;
  excludedFiles = 0;
  excludedBytes = 0;
  readonly warnings: ContextWarning[] = [];
  private droppedWarnings = 0;
  readonly heads = new Map<string, string>();
  private readonly stack: Frame[] = [];
  private readonly ancestors = new Set<string>();
  private readonly headBuffer = Buffer.allocUnsafe(HEAD_BYTES);

  constructor(root: string, private readonly options: ScanOptions) {
    this.root = resolve(root);
    let stats;
    try {
      stats = statSync(this.root);
    } catch (error) {
      throw new IoError(root, `cannot scan the build context: ${describeErrno(error)}`);
    }
    if (!stats.isDirectory()) throw new IoError(root, 'is not a directory; the build context must be a directory');
    try {
      this.realRoot = realpathSync(this.root);
    } catch {
      this.realRoot = this.root;
    }
    const ignoreFile = options.ignoreFile;
    this.matcher = ignoreFile === undefined ? undefined : DockerignoreMatcher.fromText(ignoreFile.text);
    if (this.matcher?.buildError !== undefined && ignoreFile !== undefined) {
      const bad = this.matcher.buildError;
      this.warn(ignoreFile.path, `line ${bad.line + 1}: ${JSON.stringify(bad.raw)}: ${bad.error ?? 'invalid pattern'}; docker build fails on this ignore file`);
    }
    this.maxEntries = Math.max(0, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
    this.measureExcluded = options.measureExcluded ?? false;
    this.headNames = options.headNames ?? isSecretCandidateName;
    this.onProgress = options.onProgress;
    this.enter('', this.root, MATCH, `${stats.dev}:${stats.ino}`, true);
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  get filesSeen(): number {
    return this.sentFiles + this.excludedFiles;
  }

  result(): ContextScan {
    if (this.droppedWarnings > 0) {
      this.warnings.push({ path: '.', message: `${this.droppedWarnings} more warnings not shown` });
      this.droppedWarnings = 0;
    }
    this.onProgress?.(this.filesSeen);
    return {
      root: this.root,
      ignoreFile: this.options.ignoreFile,
      entries: this.entries,
      truncated: this.truncated,
      sentFiles: this.sentFiles,
      sentBytes: this.sentBytes,
      excludedFiles: this.excludedFiles,
      excludedBytes: this.excludedBytes,
      warnings: this.warnings,
      heads: this.heads,
    };
  }

  private warn(path: string, message: string): void {
    if (this.warnings.length >= MAX_WARNINGS) this.droppedWarnings++;
    else this.warnings.push({ path, message });
  }

  private record(entry: ContextEntry): void {
    if (this.entries.length < this.maxEntries) this.entries.push(entry);
    else this.truncated = true;
  }

  /** Lists a directory and pushes its frame; warns when it cannot be read (throws for the root). */
  private enter(rel: string, abs: string, mode: typeof MATCH | typeof MEASURE, key: string | undefined, isRoot = false): void {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(abs, READDIR_OPTIONS);
    } catch (error) {
      if (isRoot) throw new IoError(abs, `cannot scan the build context: ${describeErrno(error)}`);
      const code = (error as NodeJS.ErrnoException).code;
      const what = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describeErrno(error);
      this.warn(
        rel,
        mode === MEASURE
          ? `cannot read directory (${what}); it is excluded, but its size is not counted`
          : `cannot read directory (${what}); docker build fails when it cannot read the context`,
      );
      return;
    }
    dirents.sort(byName);
    if (key !== undefined) this.ancestors.add(key);
    this.stack.push({ rel, absPrefix: abs.endsWith(sep) ? abs : abs + sep, dirents, index: 0, mode, key });
  }

  /** Works until the tree is done or `deadline` (performance.now()) passes. */
  step(deadline: number): void {
    const stack = this.stack;
    let budget = 0;
    while (stack.length > 0) {
      if (++budget >= 512) {
        budget = 0;
        if (performance.now() >= deadline) return;
      }
      const frame = stack[stack.length - 1];
      if (frame.index >= frame.dirents.length) {
        stack.pop();
        if (frame.key !== undefined) this.ancestors.delete(frame.key);
        continue;
      }
      const dirent = frame.dirents[frame.index];
      // Let the listing go as we go: a huge directory's Dirents are released one by one.
      (frame.dirents as (Dirent | undefined)[])[frame.index] = undefined;
      frame.index++;
      if (frame.mode === MEASURE) this.measure(frame, dirent);
      else this.visit(frame, dirent);
    }
  }

  private visit(frame: Frame, dirent: Dirent): void {
    const matcher = this.matcher;
    const name = dirent.name;
    const parent = frame.rel === '' ? undefined : frame.rel;
    const rel = parent === undefined ? name : parent + '/' + name;
    const abs = frame.absPrefix + name;
    if (dirent.isDirectory()) {
      const excluded = matcher !== undefined && matcher.isExcluded(rel, true, parent);
      this.record({ path: rel, isDir: true, isSymlink: false, size: 0, excluded });
      if (excluded && matcher.canPruneDirectory(rel)) {
        if (this.measureExcluded) this.descend(rel, abs, MEASURE);
        return;
      }
      this.descend(rel, abs, MATCH);
      return;
    }
    const excluded = matcher !== undefined && matcher.isExcluded(rel, false, parent);
    if (dirent.isSymbolicLink()) {
      this.record({ path: rel, isDir: false, isSymlink: true, size: 0, excluded });
      if (excluded) this.excludedFiles++;
      else {
        this.sentFiles++;
        this.checkLink(rel, abs);
      }
      return;
    }
    let size = 0;
    if (dirent.isFile()) {
      const fileSize = sizeOf(abs);
      if (fileSize === undefined) return; // removed while we walked, or not accessible
      size = fileSize;
    }
    this.record({ path: rel, isDir: false, isSymlink: false, size, excluded });
    if (excluded) {
      this.excludedFiles++;
      this.excludedBytes += size;
      return;
    }
    this.sentFiles++;
    this.sentBytes += size;
    if (size <= MAX_HEAD_FILE_BYTES && dirent.isFile() && this.heads.size < MAX_HEADS && this.headNames(rel)) this.readHead(rel, abs);
  }

  /** Under a pruned directory: count, keep nothing (no path is built for a file). */
  private measure(frame: Frame, dirent: Dirent): void {
    if (dirent.isDirectory()) {
      this.descend(frame.rel + '/' + dirent.name, frame.absPrefix + dirent.name, MEASURE);
      return;
    }
    this.excludedFiles++;
    if (dirent.isFile()) this.excludedBytes += sizeOf(frame.absPrefix + dirent.name) ?? 0;
  }

  private descend(rel: string, abs: string, mode: typeof MATCH | typeof MEASURE): void {
    let key: string | undefined;
    try {
      const stats = lstatSync(abs);
      key = `${stats.dev}:${stats.ino}`;
    } catch {
      key = undefined; // readdir reports the problem
    }
    if (key !== undefined && this.ancestors.has(key)) {
      this.warn(rel, 'directory loop (the same directory is mounted inside itself); not walked again');
      return;
    }
    this.enter(rel, abs, mode, key);
  }

  private checkLink(rel: string, abs: string): void {
    let target: string;
    try {
      target = readlinkSync(abs);
    } catch {
      return;
    }
    const slash = abs.lastIndexOf(sep);
    const resolved = resolve(abs.slice(0, slash), target);
    const inside = (base: string) => resolved === base || resolved.startsWith(base.endsWith(sep) ? base : base + sep);
    if (!inside(this.root) && !inside(this.realRoot)) {
      const how = isAbsolute(target) ? 'absolute link' : 'link';
      this.warn(rel, `${how} to ${JSON.stringify(target)} points outside the build context; docker build sends the link, not the file, and COPY cannot follow it`);
    }
  }

  private readHead(rel: string, abs: string): void {
    let fd: number | undefined;
    try {
      fd = openSync(abs, 'r');
      const length = readSync(fd, this.headBuffer, 0, HEAD_BYTES, 0);
      this.heads.set(rel, this.headBuffer.toString('latin1', 0, length));
    } catch (error) {
      this.warn(rel, `cannot read the file (${describeErrno(error)}); docker build fails when it cannot read the context`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** Scans the build context at `root` in one go (blocks the event loop for the whole walk). */
export function scanContextSync(root: string, options: ScanOptions = {}): ContextScan {
  const walker = new Walker(root, options);
  walker.step(Number.POSITIVE_INFINITY);
  return walker.result();
}

/** Scans the build context at `root`; hands the event loop back every few milliseconds and reports progress. */
export async function scanContext(root: string, options: ScanOptions = {}): Promise<ContextScan> {
  const walker = new Walker(root, options);
  while (!walker.done) {
    walker.step(performance.now() + SLICE_MS);
    if (!walker.done) {
      options.onProgress?.(walker.filesSeen);
      await new Promise<void>((resolveSlice) => setImmediate(resolveSlice));
    }
  }
  return walker.result();
}
