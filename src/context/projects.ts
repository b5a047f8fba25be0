/**
 * How a project builds its Dockerfiles, as Compose and Bake files declare it:
 * which Dockerfile, with which build context, for which target stage.
 *
 * - Compose: `compose.yaml`, `compose.yml`, `docker-compose.yaml`, `docker-compose.yml`
 *   (the first that exists in a directory, as `docker compose` picks it) and its
 *   `compose.override.*` / `docker-compose.override.*`. Each service's `build`:
 *   a string is the context; a mapping has `context`, `dockerfile` (relative to the
 *   context) and `target`. Paths are relative to the Compose file.
 * - Bake: `docker-bake.json`, `docker-bake.hcl`, `docker-bake.override.json`,
 *   `docker-bake.override.hcl`, merged per directory by target name as `docker
 *   buildx bake` does. Targets have `context` (relative to the Bake file),
 *   `dockerfile` (relative to the context), `target` and `inherits`.
 *
 * Nothing is evaluated: an attribute that interpolates a variable or calls a
 * function is skipped (a context or Dockerfile that cannot be known drops that
 * build; an unknown target stage drops only the stage). Remote contexts (URLs,
 * Git) and inline Dockerfiles are ignored. A file that cannot be read or parsed
 * becomes a warning naming it; the run goes on without it.
 *
 * The YAML parser is loaded only when a Compose file is read; HCL is read by the
 * small parser in ./hcl.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type * as Yaml from 'yaml';
import { describeErrno, MAX_FILE_BYTES } from '../io.js';
import { HclSyntaxError, parseHcl, UNKNOWN } from './hcl.js';
import type { HclBody, HclValue } from './hcl.js';

/** Compose file names in the order `docker compose` prefers them; it reads the first that exists. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;
export const COMPOSE_OVERRIDE_NAMES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'] as const;
/** Bake file names in the order `docker buildx bake` merges them. */
export const BAKE_FILE_NAMES = ['docker-bake.json', 'docker-bake.hcl', 'docker-bake.override.json', 'docker-bake.override.hcl'] as const;

const PROJECT_FILE_NAMES: ReadonlySet<string> = new Set<string>([...COMPOSE_FILE_NAMES, ...COMPOSE_OVERRIDE_NAMES, ...BAKE_FILE_NAMES]);

/** Whether a file name is one of the Compose or Bake files dockfix reads. */
export function isProjectFileName(name: string): boolean {
  return PROJECT_FILE_NAMES.has(name);
}

/** One build a Compose service or Bake target declares. */
export interface DeclaredBuild {
  /** Absolute path of the Dockerfile. */
  readonly dockerfile: string;
  /** Absolute path of the build context. */
  readonly context: string;
  /** The stage built (`target`); undefined: the last stage. */
  readonly target: string | undefined;
  /** False when `target` is set but could not be evaluated (a variable); `target` is then undefined and says nothing. */
  readonly targetKnown: boolean;
  /** The Compose or Bake file that declares it (absolute). */
  readonly file: string;
  /** `service "api"` or `target "api"`. */
  readonly origin: string;
}

export interface ProjectWarning {
  /** The Compose or Bake file. */
  readonly file: string;
  readonly message: string;
}

/** The builds found in a set of Compose and Bake files, looked up by Dockerfile or context. */
export class BuildProjects {
  private readonly byDockerfile = new Map<string, DeclaredBuild[]>();

  constructor(readonly builds: readonly DeclaredBuild[]) {
    for (const build of builds) {
      const list = this.byDockerfile.get(build.dockerfile);
      if (list) list.push(build);
      else this.byDockerfile.set(build.dockerfile, [build]);
    }
  }

  /** The builds of a Dockerfile (any path form); empty when no project file names it. */
  buildsOf(dockerfile: string): readonly DeclaredBuild[] {
    return this.byDockerfile.get(resolve(dockerfile)) ?? [];
  }

  /** Every Dockerfile a project file names (absolute, each once). */
  dockerfiles(): string[] {
    return [...this.byDockerfile.keys()];
  }

  /** The Dockerfiles declared with this build context (absolute). */
  dockerfilesBuiltIn(contextDir: string): string[] {
    const context = resolve(contextDir);
    return this.dockerfiles().filter((dockerfile) => this.byDockerfile.get(dockerfile)!.some((build) => build.context === context));
  }
}

/**
 * Reads Compose and Bake files (absolute or relative paths, any order; names
 * that are not project files are ignored) and returns the builds they declare.
 * Never throws: problems go to `onWarning`.
 */
export function loadBuildProjects(files: readonly string[], onWarning: (warning: ProjectWarning) => void = () => {}): BuildProjects {
  const byDirectory = new Map<string, Set<string>>();
  for (const file of files) {
    const absolute = resolve(file);
    const name = basename(absolute);
    if (!isProjectFileName(name)) continue;
    const directory = dirname(absolute);
    let names = byDirectory.get(directory);
    if (!names) byDirectory.set(directory, (names = new Set()));
    names.add(name);
  }
  const builds: DeclaredBuild[] = [];
  const seen = new Set<string>();
  const add = (build: DeclaredBuild) => {
    const key = `${build.file}\u0000${build.origin}\u0000${build.dockerfile}\u0000${build.context}`;
    if (seen.has(key)) return;
    seen.add(key);
    builds.push(build);
  };
  for (const [directory, names] of [...byDirectory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const compose = COMPOSE_FILE_NAMES.find((name) => names.has(name));
    if (compose !== undefined) {
      const override = COMPOSE_OVERRIDE_NAMES.find((name) => names.has(name));
      guarded(resolve(directory, compose), onWarning, () => readCompose(directory, compose, override, onWarning).forEach(add));
    }
    const bake = BAKE_FILE_NAMES.filter((name) => names.has(name));
    if (bake.length > 0) guarded(resolve(directory, bake[0]), onWarning, () => readBake(directory, bake, onWarning).forEach(add));
  }
  return new BuildProjects(builds);
}

/** A last line of defence: whatever a project file does, the run goes on. */
function guarded(file: string, onWarning: (warning: ProjectWarning) => void, work: () => void): void {
  try {
    work();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    onWarning({ file, message: `cannot read the build definitions (${detail}); its builds are ignored` });
  }
}

class ProjectFileError extends Error {}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ProjectFileError(`cannot read the file: ${describeErrno(error)}`);
  }
  if (bytes.length > MAX_FILE_BYTES) throw new ProjectFileError('is larger than 10 MB');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

// ---------------------------------------------------------------------------
// Compose

type Str = string | typeof UNKNOWN;

interface BuildSpec {
  context?: Str;
  dockerfile?: Str;
  target?: Str;
  inline?: boolean;
}

const requireModule = createRequire(import.meta.url);

/** Loads `yaml` only now: runs without Compose files never pay for it. */
function parseYaml(text: string): unknown {
  const yaml = requireModule('yaml') as typeof Yaml;
  return yaml.parse(text, { merge: true, logLevel: 'error' });
}

function readCompose(directory: string, name: string, overrideName: string | undefined, onWarning: (warning: ProjectWarning) => void): DeclaredBuild[] {
  const file = resolve(directory, name);
  const services = composeServices(file, onWarning);
  if (services === undefined) return [];
  if (overrideName !== undefined) {
    const overrideFile = resolve(directory, overrideName);
    const overrides = composeServices(overrideFile, onWarning);
    for (const [service, spec] of overrides ?? []) {
      const base = services.get(service);
      // An override without `build` leaves the service's build alone.
      if (spec === undefined) continue;
      services.set(service, { ...base, ...spec });
    }
  }
  const builds: DeclaredBuild[] = [];
  for (const [service, spec] of services) {
    if (spec === undefined || spec.inline) continue;
    const build = declaredBuild(directory, spec, file, `service ${JSON.stringify(service)}`);
    if (build) builds.push(build);
  }
  return builds;
}

/** The services of one Compose file and their `build` (undefined: none); undefined when the file is broken (warned). */
function composeServices(file: string, onWarning: (warning: ProjectWarning) => void): Map<string, BuildSpec | undefined> | undefined {
  const warn = (message: string) => onWarning({ file, message });
  let data: unknown;
  try {
    data = parseYaml(readText(file));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    warn(error instanceof ProjectFileError ? `${detail}; its builds are ignored` : `not valid YAML (${detail}); its builds are ignored`);
    return undefined;
  }
  const services = new Map<string, BuildSpec | undefined>();
  if (data === null || data === undefined) return services;
  if (!isPlainObject(data)) {
    warn('a Compose file must be a mapping; its builds are ignored');
    return undefined;
  }
  if (data.services === undefined || data.services === null) return services;
  if (!isPlainObject(data.services)) {
    warn('"services" must be a mapping; its builds are ignored');
    return undefined;
  }
  for (const [service, definition] of Object.entries(data.services)) {
    if (definition === null || definition === undefined) continue;
    if (!isPlainObject(definition)) {
      warn(`service ${JSON.stringify(service)} must be a mapping; it is ignored`);
      continue;
    }
    const build = definition.build;
    if (build === undefined || build === null) {
      services.set(service, undefined);
    } else if (typeof build === 'string') {
      services.set(service, { context: composeString(build) });
    } else if (isPlainObject(build)) {
      const spec: BuildSpec = {};
      let broken = false;
      for (const key of ['context', 'dockerfile', 'target'] as const) {
        const value = build[key];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'string') {
          warn(`service ${JSON.stringify(service)}: build.${key} must be a string; the service is ignored`);
          broken = true;
          break;
        }
        spec[key] = composeString(value);
      }
      if (broken) continue;
      if (build.dockerfile_inline !== undefined && build.dockerfile_inline !== null) spec.inline = true;
      services.set(service, spec);
    } else {
      warn(`service ${JSON.stringify(service)}: "build" must be a path or a mapping; the service is ignored`);
    }
  }
  return services;
}

/** Compose interpolates `$VAR` and `${VAR…}`; `$$` is a literal `$`. */
function composeString(value: string): Str {
  if (/\$(?:\{|[A-Za-z_])/.test(value.replace(/\$\$/g, ''))) return UNKNOWN;
  return value.replace(/\$\$/g, '$');
}

// ---------------------------------------------------------------------------
// Bake

interface BakeTarget {
  /** Attribute values as read; UNKNOWN where evaluation would be needed. */
  readonly attributes: Map<string, HclValue>;
}

interface BakeFile {
  readonly targets: Map<string, BakeTarget>;
  readonly grouped: Set<string>;
}

const BAKE_ATTRIBUTES = ['context', 'dockerfile', 'target', 'inherits', 'dockerfile-inline'] as const;

function readBake(directory: string, names: readonly string[], onWarning: (warning: ProjectWarning) => void): DeclaredBuild[] {
  // Files merge by target name: a later file's attributes win.
  const targets = new Map<string, { attributes: Map<string, HclValue>; file: string }>();
  const grouped = new Set<string>();
  for (const name of names) {
    const file = resolve(directory, name);
    const parsed = readBakeFile(file, onWarning);
    if (!parsed) continue;
    for (const [targetName, target] of parsed.targets) {
      const existing = targets.get(targetName);
      if (existing) for (const [key, value] of target.attributes) existing.attributes.set(key, value);
      else targets.set(targetName, { attributes: new Map(target.attributes), file });
    }
    for (const targetName of parsed.grouped) grouped.add(targetName);
  }

  // Targets others inherit from are templates, unless a group builds them.
  const inherited = new Set<string>();
  for (const target of targets.values()) for (const parent of stringList(target.attributes.get('inherits'))) inherited.add(parent);

  const builds: DeclaredBuild[] = [];
  for (const [targetName, target] of targets) {
    if (inherited.has(targetName) && !grouped.has(targetName)) continue;
    const attributes = resolveInherits(targetName, targets, [], (message) => onWarning({ file: target.file, message }));
    if (attributes.get('dockerfile-inline') !== undefined) continue;
    const spec: BuildSpec = {};
    for (const key of ['context', 'dockerfile', 'target'] as const) {
      const value = attributes.get(key);
      if (value === undefined || value === null) continue;
      spec[key] = typeof value === 'string' ? value : UNKNOWN;
    }
    if (typeof spec.context === 'string' && spec.context.startsWith('cwd://')) spec.context = spec.context.slice('cwd://'.length) || '.';
    const build = declaredBuild(directory, spec, target.file, `target ${JSON.stringify(targetName)}`);
    if (build) builds.push(build);
  }
  return builds;
}

/** A target's attributes with those of its `inherits` chain (parents in order, then its own). */
function resolveInherits(
  name: string,
  targets: ReadonlyMap<string, { attributes: Map<string, HclValue> }>,
  chain: readonly string[],
  warn: (message: string) => void,
): Map<string, HclValue> {
  const own = targets.get(name);
  if (!own) return new Map();
  if (chain.includes(name)) {
    warn(`target ${JSON.stringify(chain[0])} inherits from itself through ${[...chain, name].map((item) => JSON.stringify(item)).join(' → ')}; the loop is ignored`);
    return new Map();
  }
  const merged = new Map<string, HclValue>();
  for (const parent of stringList(own.attributes.get('inherits'))) {
    for (const [key, value] of resolveInherits(parent, targets, [...chain, name], warn)) merged.set(key, value);
  }
  for (const [key, value] of own.attributes) if (key !== 'inherits') merged.set(key, value);
  return merged;
}

function stringList(value: HclValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return (value as readonly HclValue[]).filter((item): item is string => typeof item === 'string');
}

function readBakeFile(file: string, onWarning: (warning: ProjectWarning) => void): BakeFile | undefined {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    onWarning({ file, message: `${(error as Error).message}; its builds are ignored` });
    return undefined;
  }
  try {
    return file.endsWith('.json') ? bakeFromJson(JSON.parse(text)) : bakeFromHcl(parseHcl(text));
  } catch (error) {
    // Whatever goes wrong in one file (even a stack overflow on absurd nesting), the other files still count.
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const what = error instanceof ProjectFileError ? detail : error instanceof SyntaxError || error instanceof HclSyntaxError
      ? `not valid ${file.endsWith('.json') ? 'JSON' : 'HCL'} (${detail})`
      : `cannot read the build definitions (${detail})`;
    onWarning({ file, message: `${what}; its builds are ignored` });
    return undefined;
  }
}

function bakeFromHcl(body: HclBody): BakeFile {
  const targets = new Map<string, BakeTarget>();
  const grouped = new Set<string>();
  for (const block of body.blocks) {
    const name = block.labels[0];
    if (block.labels.length !== 1 || !name) continue;
    if (block.type === 'target') {
      const attributes = targets.get(name)?.attributes ?? new Map<string, HclValue>();
      for (const key of BAKE_ATTRIBUTES) {
        const value = block.body.attributes.get(key);
        if (value !== undefined) attributes.set(key, value);
      }
      targets.set(name, { attributes });
    } else if (block.type === 'group') {
      for (const target of stringList(block.body.attributes.get('targets'))) grouped.add(target);
    }
  }
  return { targets, grouped };
}

function bakeFromJson(data: unknown): BakeFile {
  if (!isPlainObject(data)) throw new ProjectFileError('a Bake JSON file must be an object');
  const targets = new Map<string, BakeTarget>();
  const grouped = new Set<string>();
  if (isPlainObject(data.target)) {
    for (const [name, definition] of Object.entries(data.target)) {
      if (!isPlainObject(definition)) continue;
      const attributes = new Map<string, HclValue>();
      for (const key of BAKE_ATTRIBUTES) {
        const value = definition[key];
        if (value !== undefined) attributes.set(key, jsonValue(value));
      }
      targets.set(name, { attributes });
    }
  }
  if (isPlainObject(data.group)) {
    for (const definition of Object.values(data.group)) {
      if (isPlainObject(definition)) for (const target of stringList(jsonValue(definition.targets))) grouped.add(target);
    }
  }
  return { targets, grouped };
}

/** Bake evaluates `${…}` templates in JSON strings too; `$${` is a literal `${`. Only shallow values matter (strings, lists of strings). */
function jsonValue(value: unknown, depth = 0): HclValue {
  if (typeof value === 'string') return /(^|[^$])\$\{|(^|[^%])%\{/.test(value) ? UNKNOWN : value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  if (Array.isArray(value)) return depth >= 4 ? UNKNOWN : value.map((item) => jsonValue(item, depth + 1));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return UNKNOWN;
}

// ---------------------------------------------------------------------------

/** A context that is not a local directory: a Git or HTTP URL, `docker-image://`, `oci-layout://`, `git@host:repo`. */
function isRemoteContext(context: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(context) || /^git@/.test(context) || /^github\.com\//.test(context);
}

/** The build a spec declares, or undefined when its context or Dockerfile cannot be known or is not local. */
function declaredBuild(baseDirectory: string, spec: BuildSpec, file: string, origin: string): DeclaredBuild | undefined {
  const context = spec.context ?? '.';
  const dockerfile = spec.dockerfile ?? 'Dockerfile';
  if (context === UNKNOWN || dockerfile === UNKNOWN || context === '' || dockerfile === '') return undefined;
  if (isRemoteContext(context)) return undefined;
  const contextDir = resolve(baseDirectory, context);
  return {
    dockerfile: isAbsolute(dockerfile) ? resolve(dockerfile) : resolve(contextDir, dockerfile),
    context: contextDir,
    target: typeof spec.target === 'string' && spec.target !== '' ? spec.target : undefined,
    targetKnown: spec.target !== UNKNOWN,
    file,
    origin,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
