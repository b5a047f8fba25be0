/** What dockfix knows about well-known base images without asking a registry. */
import type { ImageRef, Stage } from '../model/dockerfile.js';
import { matchesAnyGlob } from '../glob.js';

export type Distro = 'debian' | 'alpine' | 'rhel' | 'suse' | 'scratch' | 'distroless' | 'windows' | 'unknown';

/** The first stage of a `FROM <stage>` chain: the one with a real image. */
export function rootStage(stage: Stage): Stage {
  let current = stage;
  while (current.parent) current = current.parent;
  return current;
}

/** The stage and the stages it builds on (`FROM <stage>`), oldest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current; current = current.parent) chain.unshift(current);
  return chain;
}

export function baseImage(stage: Stage): ImageRef {
  return rootStage(stage).image;
}

/** The Linux distribution an image is built on, from its name and tag. */
export function distroOf(image: ImageRef): Distro {
  const name = image.name.toLowerCase();
  const tag = (image.tag ?? '').toLowerCase();
  const ref = `${name}:${tag}`;
  if (name === 'scratch') return 'scratch';
  if (/windows|nanoserver|servercore/.test(ref)) return 'windows';
  if (/distroless|chainguard|wolfi/.test(name)) return name.includes('wolfi') ? 'alpine' : 'distroless';
  if (/alpine/.test(ref) || name.endsWith('/busybox') || name === 'busybox') return 'alpine';
  if (/(^|\/)(ubi\d*|ubi-minimal|centos|fedora|rockylinux|almalinux|oraclelinux|amazonlinux|rhel\w*)(\/|$|:)/.test(ref) || /ubi\d|ubi-minimal|amazonlinux/.test(ref)) return 'rhel';
  if (/opensuse|sles|suse/.test(name)) return 'suse';
  if (/(^|\/)(debian|ubuntu)(:|$)/.test(ref) || /bookworm|bullseye|buster|trixie|jammy|noble|focal|slim/.test(tag)) return 'debian';
  // Official language images (node, python, golang, ruby, php, rust, openjdk…) are Debian unless tagged otherwise.
  if (/^(docker\.io\/)?(library\/)?(node|python|golang|ruby|php|rust|openjdk|eclipse-temurin|maven|gradle|perl|buildpack-deps|elixir|erlang|haskell|julia|r-base|swift|nginx|httpd|redis|postgres|mysql|mariadb|mongo)$/.test(name)) {
    return 'debian';
  }
  if (/^mcr\.microsoft\.com\/dotnet\//.test(name) || /^mcr\.microsoft\.com\/devcontainers\//.test(name)) return 'debian';
  return 'unknown';
}

/** Images whose default user is not root. */
export function defaultsToNonRoot(image: ImageRef): boolean {
  const name = image.name.toLowerCase();
  const tag = (image.tag ?? '').toLowerCase();
  if (tag.includes('nonroot')) return true;
  // .NET chiseled and distroless images run as the `app` user (UID 1654).
  if (name.startsWith('mcr.microsoft.com/dotnet/') && /chiseled|distroless/.test(tag)) return true;
  if (name.startsWith('cgr.dev/chainguard/') && !tag.includes('dev')) return true;
  if (/(^|\/)bitnami\//.test(name)) return true;
  if (/nginx-unprivileged|unprivileged/.test(name)) return true;
  return false;
}

/** The unprivileged user an official image ships with, if any. */
export function wellKnownUser(image: ImageRef): string | undefined {
  const name = image.name.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  if (name === 'node' || name.endsWith('/node')) return 'node';
  if (name === 'eclipse-temurin' || name === 'openjdk') return undefined;
  if (name === 'nginx') return 'nginx';
  if (name === 'httpd') return 'www-data';
  if (name === 'php') return 'www-data';
  if (name === 'redis') return 'redis';
  if (name === 'postgres') return 'postgres';
  if (name === 'mysql' || name === 'mariadb') return 'mysql';
  if (name === 'mongo') return 'mongodb';
  if (name === 'jenkins/jenkins') return 'jenkins';
  return undefined;
}

/**
 * Whether an image matches one of the user's globs (`registry.example.com/base/*`,
 * `node:*-nonroot`). A glob without a tag matches any tag.
 */
export function imageMatchesAny(image: ImageRef, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const tagged = image.tag === undefined ? image.name : `${image.name}:${image.tag}`;
  return matchesAnyGlob(image.name, globs, { dot: true }) || matchesAnyGlob(tagged, globs, { dot: true });
}

/**
 * Whether dockfix knows that the image runs as root unless told otherwise:
 * Docker Official Images, well-known distributions and scratch. Private and
 * third-party images may set their own USER, so they are not assumed to.
 */
export function knownToRunAsRoot(image: ImageRef): boolean {
  if (defaultsToNonRoot(image) || image.resolved.includes('$')) return false;
  if (image.name === 'scratch') return true;
  if (/^(docker\.io\/)?(library\/)?[a-z0-9._-]+$/.test(image.name)) return true;
  return distroOf(image) !== 'unknown';
}
