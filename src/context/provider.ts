/**
 * Gives each linted file its build context: which directory, which ignore
 * file, what would be sent. Scans are cached per context and ignore file, so
 * the Dockerfiles of one directory share a walk.
 *
 * A Dockerfile's context is `--context DIR`, else the contexts that Compose and
 * Bake files build it with (see ./projects.ts), else its own directory. The same
 * files give the stages that ship: the union of the targets they build.
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
import type { BuildProjects } from './projects.js';

export interface BuildContextOptions {
  /** `--context DIR`: one context for every Dockerfile; default: each Dockerfile's own directory. */
  readonly contextDir?: string;
  /** The builds Compose and Bake files declare (`loadBuildProjects`). */
  readonly builds?: BuildProjects;
}

export class BuildContextProvider {
  private readonly scans = new Map<string, ContextScan>();
  private builds: BuildProjects | undefined;

  constructor(private readonly options: BuildContextOptions = {}) {
    this.builds = options.builds;
  }

  /** Sets the builds Compose and Bake files declare, once they are known. */
  useBuilds(builds: BuildProjects | undefined): void {
    this.builds = builds;
  }

  /** The (first) context of a Dockerfile or ignore file on disk. Throws IoError for an unreadable ignore file. */
  forFile(path: string, kind: FileKind): BuildContextInfo {
    return this.contextsFor(path, kind)[0];
  }

  /**
   * Every context a Dockerfile or ignore file on disk is built with, each once:
   * one unless Compose or Bake files build the Dockerfile with several. Throws
   * IoError for an unreadable ignore file.
   */
  contextsFor(path: string, kind: FileKind): BuildContextInfo[] {
    return kind === 'dockerfile' ? this.forDockerfile(path) : this.forIgnoreFile(path);
  }

  /**
   * The stages that ship for a Dockerfile that Compose or Bake files build: the
   * union of their targets, plus the last stage (by name) for a build without
   * one. Undefined when no project file builds it with a target, or when a build
   * of the unnamed last stage cannot be listed beside named ones.
   */
  targetsFor(path: string, text: string): string[] | undefined {
    const builds = this.builds?.buildsOf(path) ?? [];
    const names = new Map<string, string>();
    let lastStage = false;
    for (const build of builds) {
      if (!build.targetKnown) continue;
      if (build.target === undefined) lastStage = true;
      else if (!names.has(build.target.toLowerCase())) names.set(build.target.toLowerCase(), build.target);
    }
    if (names.size === 0) return undefined;
    if (lastStage) {
      const stages = parseDockerfile(text, path).stages;
      const last = stages.find((stage) => stage.isLast)?.name;
      if (last === undefined) return undefined;
      if (!names.has(last.toLowerCase())) names.set(last.toLowerCase(), last);
    }
    return [...names.values()];
  }

  /** `--context`, else the contexts project files build it with, else its directory. */
  private contextDirsOf(dockerfile: string): string[] {
    if (this.options.contextDir !== undefined) return [resolve(this.options.contextDir)];
    const contexts = [...new Set(this.builds?.buildsOf(dockerfile).map((build) => build.context) ?? [])];
    return contexts.length > 0 ? contexts : [dirname(resolve(dockerfile))];
  }

  private forDockerfile(path: string): BuildContextInfo[] {
    return this.contextDirsOf(path).map((contextDir) => ({ scan: this.scan(contextDir, locateIgnoreFile(contextDir, path)), dockerfiles: [] }));
  }

  /**
   * An ignore file is linted against the context it governs, with the Dockerfiles
   * built there that it applies to. `.dockerignore`/`.containerignore`: its own
   * directory (or `--context`), with the Dockerfiles beside it that are built there
   * and those project files build there. `<Dockerfile>.dockerignore`: each context
   * of that Dockerfile.
   */
  private forIgnoreFile(path: string): BuildContextInfo[] {
    const absolute = resolve(path);
    const name = basename(absolute);
    const directory = dirname(absolute);
    const specificFor = name.endsWith('.dockerignore') && name !== '.dockerignore' ? name.slice(0, -'.dockerignore'.length) : undefined;
    if (specificFor) {
      const dockerfilePath = join(directory, specificFor);
      const dockerfiles = parsedDockerfiles([dockerfilePath]);
      return this.contextDirsOf(dockerfilePath).map((contextDir) => ({ scan: this.scan(contextDir, { path: absolute, kind: 'dockerfile-specific' }), dockerfiles }));
    }
    const contextDir = resolve(this.options.contextDir ?? directory);
    const kind: AppliedIgnoreFile['kind'] = name === '.containerignore' ? 'containerignore' : 'dockerignore';
    const candidates = new Set<string>();
    for (const sibling of siblingDockerfiles(directory)) {
      const dockerfilePath = join(directory, sibling);
      // Beside it but built elsewhere by a project file: another context's business.
      if (this.contextDirsOf(dockerfilePath).includes(contextDir)) candidates.add(dockerfilePath);
    }
    if (this.options.contextDir === undefined) for (const dockerfilePath of this.builds?.dockerfilesBuiltIn(contextDir) ?? []) candidates.add(dockerfilePath);
    // A Dockerfile with its own ignore file is not governed by this one.
    const governed = [...candidates].filter((dockerfilePath) => locateIgnoreFile(contextDir, dockerfilePath)?.path === absolute);
    return [{ scan: this.scan(contextDir, { path: absolute, kind }), dockerfiles: parsedDockerfiles(governed) }];
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

function parsedDockerfiles(paths: readonly string[]): DockerfileModel[] {
  const dockerfiles: DockerfileModel[] = [];
  for (const dockerfilePath of paths) {
    try {
      dockerfiles.push(parseDockerfile(readSourceFile(dockerfilePath).text, dockerfilePath));
    } catch {
      // An unreadable Dockerfile is reported when it is linted itself.
    }
  }
  return dockerfiles;
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
