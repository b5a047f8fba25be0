/**
 * What dockfix knows about Dockerfile instructions themselves (not the shell
 * commands they run): COPY/ADD operands, archives ADD unpacks, image
 * registries, label values as Docker reads them.
 */
import type { BuildState, DockerfileModel, Instruction, Property, Word } from '../model/dockerfile.js';
import { variableReferences } from './build-args.js';

export interface CopyOperands {
  /** The sources, heredoc markers (`<<EOF`) included. */
  readonly sources: readonly Word[];
  readonly destination: Word | undefined;
  /** Written as a JSON array. */
  readonly json: boolean;
}

/** The sources and destination of a COPY or ADD (exec form or not). */
export function copyOperands(instruction: Instruction): CopyOperands {
  const words = instruction.json ?? instruction.args;
  if (words.length < 2) return { sources: [], destination: words[0], json: instruction.json !== undefined };
  return { sources: words.slice(0, -1), destination: words[words.length - 1], json: instruction.json !== undefined };
}

/** COPY/ADD flags that take a value; written without `=`, their value was split off as the first argument. */
const VALUE_FLAGS = new Set(['from', 'chown', 'chmod', 'checksum', 'exclude']);

/** A value flag written as `--chown user`: which word is the first source is then unclear, so rules stay quiet. */
export function hasDetachedFlagValue(instruction: Instruction): boolean {
  return instruction.flags.some((flag) => flag.value === undefined && VALUE_FLAGS.has(flag.name));
}

/**
 * A COPY/ADD/FROM word as Docker reads it: variables expanded from the state,
 * then quotes removed (the model keeps quotes in instruction words).
 */
export function expandWord(file: DockerfileModel, value: string, state: BuildState): string {
  return stripQuotes(file.expand(value, state), file.escapeChar);
}

/** Removes `"` and `'` that are not escaped. */
export function stripQuotes(value: string, escapeChar = '\\'): string {
  let out = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === escapeChar && (value[index + 1] === '"' || value[index + 1] === "'")) {
      out += value[index + 1];
      index++;
    } else if (char !== '"' && char !== "'") {
      out += char;
    }
  }
  return out;
}

export function isHeredocSource(value: string): boolean {
  return value.startsWith('<<');
}

/** A remote source: any `scheme://` URL or a `git@host:` address. */
export function isRemoteSource(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value);
}

export function hasGlob(value: string): boolean {
  return /[*?[]/.test(value);
}

/** Extensions of the tar archives ADD unpacks (gzip, bzip2, xz, uncompressed). */
const ADD_UNPACKS = /\.(tar|tar\.gz|tgz|taz|tar\.bz2|tbz2|tbz|tb2|tar\.xz|txz)$/i;

/**
 * Names that may be archives ADD unpacks: the tar formats above, zstd (which
 * current BuildKit also unpacks), and bare compressed files, which may hold a
 * tar under an unusual name.
 */
const MAY_UNPACK = /\.(tar|tgz|taz|tbz2?|tb2|txz|tzst|tlz|tz|tZ|gz|bz2|xz|zst|zstd|lz|lzma|Z)$/i;

/** A local tar archive ADD is documented to unpack, by its name. */
export function isUnpackedArchiveName(path: string): boolean {
  return ADD_UNPACKS.test(path);
}

/** A name ADD might unpack: any tar or compressed-file extension. */
export function mayBeArchiveName(path: string): boolean {
  return MAY_UNPACK.test(path);
}

/**
 * Whether a glob could match a file ADD unpacks: only a last segment that
 * ends in a literal, non-archive extension (`*.py`, `conf/*.json`) cannot.
 */
export function globMayMatchArchive(pattern: string): boolean {
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  const tail = last.slice(Math.max(last.lastIndexOf('*'), last.lastIndexOf('?'), last.lastIndexOf(']')) + 1);
  if (!tail.includes('.')) return true;
  return mayBeArchiveName(`x${tail}`);
}

export function basename(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** `keyword` written in the case the instruction's own keyword uses (`add` → `copy`, `Add` → `Copy`). */
export function keywordInCase(written: string, keyword: string): string {
  if (written === written.toLowerCase()) return keyword.toLowerCase();
  if (written === written.toUpperCase()) return keyword.toUpperCase();
  if (written[0] === written[0].toUpperCase() && written.slice(1) === written.slice(1).toLowerCase()) {
    return keyword[0].toUpperCase() + keyword.slice(1).toLowerCase();
  }
  return keyword.toUpperCase();
}

/** An absolute path in the image: `/x`, or a Windows drive path `C:\x`, `c:/x`. */
export function isAbsoluteImagePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[a-z]:[\\/]/i.test(path);
}

/** The registry hosts that all mean Docker Hub. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);

/** `docker.io` for every spelling of Docker Hub, the host lowercased otherwise. */
export function normalizeRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_HOSTS.has(lower) ? 'docker.io' : lower;
}

/**
 * The registry an image reference pulls from (`docker.io` for `node:22` and
 * `bitnami/redis`), or undefined when a variable hides it.
 */
export function imageRegistry(reference: string): string | undefined {
  const slash = reference.indexOf('/');
  if (slash < 0) return reference.includes('$') ? undefined : 'docker.io';
  const first = reference.slice(0, slash);
  if (first.includes('$')) return undefined;
  if (first.includes('.') || first.includes(':') || first === 'localhost') return normalizeRegistry(first);
  return 'docker.io';
}

export interface PropertyText {
  readonly property: Property;
  /** The value as Docker stores it: quotes removed, escapes applied (variables not expanded). */
  readonly value: string | undefined;
  /** The value exactly as written, continuations included. */
  readonly raw: string;
  /** File offset of `raw`. */
  readonly rawStart: number;
  /** The value has a `$` reference that Docker expands (not single-quoted, not escaped). */
  readonly hasVariable: boolean;
}

/** ENV, LABEL and ARG pairs with their values as Docker reads them and as written. */
export function propertyTexts(file: DockerfileModel, instruction: Instruction): PropertyText[] {
  return instruction.properties.map((property) => {
    let rawStart = property.nameEnd;
    const afterName = file.text.slice(property.nameEnd, property.end);
    if (property.hasEquals) rawStart += afterName.indexOf('=') + 1;
    else rawStart += afterName.length - afterName.trimStart().length;
    const raw = file.text.slice(rawStart, property.end);
    return { property, value: property.value, raw, rawStart, hasVariable: variableReferences(raw, file.escapeChar, 0, true).length > 0 };
  });
}

/**
 * Docker Official Images and distributions known to leave the working
 * directory at `/` (their Dockerfiles set no WORKDIR). Images that set one
 * (golang: /go, php: /var/www/html, httpd, tomcat, composer, redis: /data…)
 * and images dockfix does not know are left out.
 */
const NO_WORKDIR_IMAGES = new Set([
  'alpine', 'debian', 'ubuntu', 'busybox', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux',
  'archlinux', 'opensuse/leap', 'opensuse/tumbleweed', 'photon', 'clearlinux', 'mageia', 'alt', 'kalilinux/kali-rolling',
  'node', 'python', 'pypy', 'ruby', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibm-semeru-runtimes', 'sapmachine',
  'buildpack-deps', 'erlang', 'elixir', 'haskell', 'julia', 'swift', 'gcc', 'r-base',
  'nginx', 'postgres', 'mysql', 'mariadb', 'mongo', 'bash',
]);

/** Whether the image is known to leave WORKDIR at `/`; scratch does by definition. */
export function leavesWorkdirAtRoot(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'scratch') return true;
  const short = lower.replace(/^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)/, '').replace(/^library\//, '');
  if (NO_WORKDIR_IMAGES.has(short)) return true;
  // Red Hat's base UBI images (not the language ones, which work in /opt/app-root/src).
  return /^registry\.access\.redhat\.com\/ubi\d+(\/ubi(-minimal|-micro|-init)?)?$/.test(lower) || /^redhat\/ubi\d+(-minimal|-micro|-init)?$/.test(short);
}
