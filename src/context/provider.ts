/**
 * Gives each linted file its build context: which directory, which ignore
 * file, what would be sent. Scans are cached per context and ignore file, so
 * the Dockerfiles of one directory share a walk.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileKindOf } from '../discover.js';
import { parseDockerfile } from '../model/dockerfile.js';
import type { DockerfileModel } from '../model/dockerfile.js';
import { readSourceFile } from '../io.js';
import type { BuildContextInfo, FileKind } from '../types.js';
import { locateIgnoreFile, readIgnoreFile } from './ignore-file.js';
import { scanContextSync } from './scan.js';
import type { AppliedIgnoreFile, ContextScan } from './types.js';

export interface BuildContextOptions {
  /** `--context DIR`: one context for every Dockerfile; default: each Dockerfile's own directory. */
  readonly contextDir?: string;
}

export class BuildContextProvider {
  private readonly scans = new Map<string, ContextScan>();

  constructor(private readonly options: BuildContextOptions = {}) {}

  /** The context of a Dockerfile or ignore file on disk. Throws IoError for an unreadable ignore file. */
  forFile(path: string, kind: FileKind): BuildContextInfo {
    return kind === 'dockerfile' ? this.forDockerfile(path) : this.forIgnoreFile(path);
  }

  private forDockerfile(path: string): BuildContextInfo {
    const contextDir = resolve(this.options.contextDir ?? dirname(path));
    return { scan: this.scan(contextDir, locateIgnoreFile(contextDir, path)), dockerfiles: [] };
  }

  /**
   * An ignore file is linted against the context it governs: its own directory
   * (or `--context`), with the Dockerfiles there that it applies to.
   */
  private forIgnoreFile(path: string): BuildContextInfo {
    const absolute = resolve(path);
    const name = basename(absolute);
    const directory = dirname(absolute);
    const specificFor = name.endsWith('.dockerignore') && name !== '.dockerignore' ? name.slice(0, -'.dockerignore'.length) : undefined;
    const contextDir = resolve(this.options.contextDir ?? directory);
    const kind: AppliedIgnoreFile['kind'] = specificFor ? 'dockerfile-specific' : name === '.containerignore' ? 'containerignore' : 'dockerignore';
    const dockerfileNames = specificFor ? [specificFor] : siblingDockerfiles(directory);
    const dockerfiles: DockerfileModel[] = [];
    for (const dockerfileName of dockerfileNames) {
      const dockerfilePath = join(directory, dockerfileName);
      // A Dockerfile with its own ignore file is not governed by this one.
      if (!specificFor && locateIgnoreFile(contextDir, dockerfilePath)?.path !== absolute) continue;
      try {
        dockerfiles.push(parseDockerfile(readSourceFile(dockerfilePath).text, dockerfilePath));
      } catch {
        // An unreadable Dockerfile is reported when it is linted itself.
      }
    }
    return { scan: this.scan(contextDir, { path: absolute, kind }), dockerfiles };
  }

  /** One scan (and one read of the ignore file) per context and ignore file. */
  private scan(contextDir: string, ignoreFile: Pick<AppliedIgnoreFile, 'path' | 'kind'> | undefined): ContextScan {
    const key = `${contextDir}\u0000${ignoreFile?.path ?? ''}`;
    let scan = this.scans.get(key);
    if (!scan) {
      scan = scanContextSync(contextDir, { ignoreFile: ignoreFile && readIgnoreFile(ignoreFile.path, ignoreFile.kind) });
      this.scans.set(key, scan);
    }
    return scan;
  }
}

function siblingDockerfiles(directory: string): string[] {
  try {
    return readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isFile() && fileKindOf(entry.name) === 'dockerfile')
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}
