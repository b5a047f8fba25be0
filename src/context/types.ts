/**
 * What dockfix knows about a build context: the files `docker build` would
 * send, those the ignore file leaves out, and the ignore file that applied.
 * The scanner (src/context/scan.ts) fills it in; rules only read it.
 */

/** Which ignore file decided what is sent. */
export interface AppliedIgnoreFile {
  /** Absolute path. */
  readonly path: string;
  /** `<Dockerfile>.dockerignore` next to the Dockerfile, the context's `.dockerignore`, or Podman's `.containerignore`. */
  readonly kind: 'dockerfile-specific' | 'dockerignore' | 'containerignore';
  readonly text: string;
}

export interface ContextEntry {
  /** Relative to the context root, `/`-separated, no leading `./`. */
  readonly path: string;
  readonly isDir: boolean;
  /** Symbolic links are recorded, never followed. */
  readonly isSymlink: boolean;
  /** Bytes for a regular file; 0 for directories and links. */
  readonly size: number;
  /** Left out of the build context by the ignore file. */
  readonly excluded: boolean;
}

export interface ContextWarning {
  readonly path: string;
  readonly message: string;
}

export interface ContextScan {
  /** Absolute path of the context directory. */
  readonly root: string;
  readonly ignoreFile: AppliedIgnoreFile | undefined;
  /**
   * Entries in walk order. A directory the ignore file excludes with no way
   * back in (no `!` exception below it) is listed once and not walked; its
   * content counts in `excludedFiles`/`excludedBytes` only when `measureExcluded` was set.
   * At most `maxEntries` are kept (see `truncated`); the totals always cover everything.
   */
  readonly entries: readonly ContextEntry[];
  readonly truncated: boolean;
  readonly sentFiles: number;
  readonly sentBytes: number;
  readonly excludedFiles: number;
  readonly excludedBytes: number;
  /** Unreadable directories, links that point outside the context, loops. */
  readonly warnings: readonly ContextWarning[];
  /** The first bytes (up to 4 KiB, as latin1) of small sent files whose names may hold secrets, for sniffing. */
  readonly heads: ReadonlyMap<string, string>;
}
