import type { DockerfileRule, Report, Suggestion } from '../src/types.js';
import { instructionsWithTriggers, report, replace } from '../src/rule-kit.js';
import { joinPosix } from '../src/model/dockerfile.js';
import type { Stage } from '../src/model/dockerfile.js';
import { rootStage } from '../src/knowledge/images.js';

const rule: DockerfileRule = {
  meta: {
    id: 'workdir-relative-path',
    description: 'A relative WORKDIR depends on the base image\'s working directory when no absolute WORKDIR was set before it.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['WorkdirRelativePath', 'DL3000'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'WORKDIR' || !instruction.stage) continue;
      const stage = instruction.stage;
      // An ONBUILD WORKDIR runs first thing in the child build, on top of this image:
      // what counts is whether this stage set its working directory by the end.
      const workdirSet = instruction.inOnbuild ? stage.finalState.workdirSet : instruction.state.workdirSet;
      // Like BuildKit, only the first WORKDIR that sets the directory matters: later relative
      // ones resolve against it, so fixing the first fixes them all.
      if (workdirSet) continue;
      const written = instruction.argsText.trim();
      if (written === '') continue;
      const quote = /^(["'])(.*)\1$/.exec(written);
      const path = quote ? quote[2] : written;
      if (path === '') continue;
      const expanded = file.expand(path, instruction.state);
      // A leading variable with no known value may well be absolute.
      if (expanded.startsWith('$') || isAbsolute(expanded)) continue;
      const base = instruction.inOnbuild || stage.windows ? undefined : knownWorkdir(stage);
      const absolute = base !== undefined && !path.includes('$') ? joinPosix(base, path) : undefined;
      const suggestions: Suggestion[] = [];
      if (absolute !== undefined) {
        const text = quote ? `${quote[1]}${absolute}${quote[1]}` : absolute;
        suggestions.push({ description: `Use the absolute path ${absolute}`, edits: [replace({ start: instruction.argsStart, end: instruction.argsEnd }, text)] });
      }
      const where = instruction.inOnbuild ? "the child image's working directory" : "the base image's working directory";
      const advice = absolute !== undefined ? `write WORKDIR ${absolute}` : 'use an absolute path';
      reports.push(
        report(
          { start: instruction.argsStart, end: instruction.argsEnd },
          `WORKDIR ${written} is relative to ${where}, which this Dockerfile never sets and which can change upstream: ${advice}.`,
          suggestions.length > 0 ? { suggestions } : {},
        ),
      );
    }
    return reports;
  },
};

/** Absolute on Linux (`/app`) or Windows (`C:\app`, `\app`). */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:([\\/]|$)/.test(path);
}

/** Images whose working directory dockfix knows without asking a registry. */
const IMAGE_WORKDIRS: Readonly<Record<string, string>> = {
  scratch: '/',
  alpine: '/',
  busybox: '/',
  debian: '/',
  ubuntu: '/',
  fedora: '/',
  centos: '/',
  rockylinux: '/',
  almalinux: '/',
  amazonlinux: '/',
  archlinux: '/',
  node: '/',
  python: '/',
  nginx: '/',
  golang: '/go',
  httpd: '/usr/local/apache2',
  redis: '/data',
};

/** The working directory a stage starts in, when its base image is one dockfix knows. */
function knownWorkdir(stage: Stage): string | undefined {
  const image = rootStage(stage).image;
  if (image.resolved.includes('$')) return undefined;
  const name = image.name.toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  return Object.hasOwn(IMAGE_WORKDIRS, name) ? IMAGE_WORKDIRS[name] : undefined;
}

export default rule;
