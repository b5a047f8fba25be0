import type { DockerfileRule } from '../src/types.js';
import type { DockerfileModel } from '../src/model/dockerfile.js';
import type { ContextScan } from '../src/context/types.js';
import { buildContextReport, formatBytes } from '../src/context/report.js';
import { DockerignoreMatcher } from '../src/context/dockerignore.js';
import { packageCommands } from '../src/knowledge/package-managers.js';
import { join } from 'node:path';
import { instructionsWithTriggers, otherFilesFix, report } from '../src/rule-kit.js';
import { broadCopy, copySources, excludesSource, ignoreLine } from '../src/knowledge/copy-sources.js';
import { firstFromRange, instructionRange } from '../src/rule-kit.js';

/** What the message lists before "+N more". */
const LISTED = 8;

/**
 * Heavy directories a .dockerignore usually leaves out. `generated` ones are what a
 * build step recreates: they are reported only when the Dockerfile installs the
 * project's dependencies, or when no COPY/ADD sends them (so the image cannot rely on them).
 */
interface Candidate {
  readonly pattern: string;
  readonly what: string;
  /** Tests the `/`-split path of a sent entry. */
  readonly test: (segments: readonly string[]) => boolean;
  readonly generated: boolean;
}

const topLevel = (name: string) => (segments: readonly string[]) => segments[0] === name;
const anyLevel = (name: string) => (segments: readonly string[]) => segments[0] !== '.git' && segments.includes(name);

const CANDIDATES: readonly Candidate[] = [
  { pattern: '.git', what: 'Git history', test: topLevel('.git'), generated: false },
  { pattern: '**/node_modules', what: 'installed npm packages', test: anyLevel('node_modules'), generated: true },
  { pattern: 'dist', what: 'build output', test: topLevel('dist'), generated: true },
  { pattern: 'build', what: 'build output', test: topLevel('build'), generated: true },
  { pattern: 'target', what: 'build output', test: topLevel('target'), generated: true },
  { pattern: '.next', what: 'Next.js build output', test: topLevel('.next'), generated: true },
  { pattern: '.venv', what: 'Python virtual environment', test: topLevel('.venv'), generated: true },
  { pattern: 'coverage', what: 'test coverage reports', test: topLevel('coverage'), generated: false },
  { pattern: '**/__pycache__', what: 'Python bytecode caches', test: anyLevel('__pycache__'), generated: false },
];

const rule: DockerfileRule = {
  meta: {
    id: 'dockerignore-missing',
    description: 'No .dockerignore while the build context sends Git history, dependencies, build output or secrets.',
    category: 'build-context',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: [],
    needsBuildContext: true,
  },
  check({ file, buildContext }) {
    if (!buildContext || buildContext.scan.ignoreFile !== undefined) return [];
    const scan = buildContext.scan;
    const sources = copySources(file);
    const installs = installsDependencies(file);
    const broad = broadCopy(file);
    const found: { pattern: string; label: string }[] = [];

    for (const candidate of CANDIDATES) {
      const sent = sentUnder(scan, candidate.test);
      if (sent === undefined) continue;
      // A COPY that names it wants it; a broad COPY without an install step may rely on it.
      if (excludesSource(candidate.pattern, sources)) continue;
      if (candidate.generated && !installs && broad !== undefined) continue;
      const name = candidate.pattern.replace(/^\*\*\//, '');
      found.push({ pattern: candidate.pattern, label: `${name} (${candidate.what}, ${formatBytes(sent)})` });
    }
    for (const secret of buildContextReport(scan).secrets) {
      if (found.some((item) => DockerignoreMatcher.fromText(item.pattern).match(secret.path, false).excluded)) continue;
      const pattern = ignoreLine(secret.path);
      if (excludesSource(pattern, sources)) continue;
      found.push({ pattern, label: `${secret.path} (possible secret: ${secret.kind})` });
    }
    if (found.length === 0) return [];

    const range = broad !== undefined ? instructionRange(broad) : firstFromRange(file);
    if (!range) return [];
    const shown = found.slice(0, LISTED).map((item) => item.label).join(', ');
    const more = found.length > LISTED ? ` (+${found.length - LISTED} more)` : '';
    const lines = found.map((item) => item.pattern).join(', ');
    // Unsafe: a broad COPY stops sending what the new file leaves out, which changes the image.
    const fix = otherFilesFix('unsafe', { path: join(scan.root, '.dockerignore'), lines: found.map((item) => item.pattern) });
    return [report(range, `No .dockerignore: the whole build context is sent to the builder, including ${shown}${more}. Create a .dockerignore at the root of the build context with these lines: ${lines}.`, { fix })];
  },
};
export default rule;

/** Sent bytes of the entries the test picks, or undefined when it picks none. */
function sentUnder(scan: ContextScan, test: (segments: readonly string[]) => boolean): number | undefined {
  let bytes: number | undefined;
  for (const entry of scan.entries) {
    if (entry.excluded || !test(entry.path.split('/'))) continue;
    bytes = (bytes ?? 0) + (entry.isDir ? 0 : entry.size);
  }
  return bytes;
}

/** A RUN (or ONBUILD RUN) installs the project's declared dependencies: the image rebuilds what the context would carry. */
function installsDependencies(file: DockerfileModel): boolean {
  for (const instruction of instructionsWithTriggers(file)) {
    if (instruction.run === undefined) continue;
    if (packageCommands(instruction.run.commands).some((command) => command.installsProjectDependencies && command.ecosystem !== 'os')) return true;
  }
  return false;
}

