/**
 * What `dockfix context` shows: how big the build context is, where the bytes are,
 * which secrets would be sent, and which ignore patterns would shrink it most.
 * Pure functions over a ContextScan.
 */
import { Chalk } from 'chalk';
import { relative } from 'node:path';
import { classifySecret } from '../knowledge/secrets.js';
import type { AppliedIgnoreFile, ContextScan, ContextWarning } from './types.js';

export interface SizedPath {
  readonly path: string;
  readonly bytes: number;
  readonly files: number;
}

export interface FoundSecret {
  readonly path: string;
  readonly kind: string;
  readonly reason: string;
}

export interface ShrinkSuggestion {
  /** A .dockerignore line. */
  readonly pattern: string;
  /** What it is, e.g. "Git history". */
  readonly what: string;
  /** Sent bytes and files it would leave out. */
  readonly bytes: number;
  readonly files: number;
}

export interface ContextReport {
  readonly root: string;
  readonly ignoreFile: Pick<AppliedIgnoreFile, 'path' | 'kind'> | undefined;
  readonly sent: { readonly files: number; readonly bytes: number };
  readonly excluded: { readonly files: number; readonly bytes: number };
  /** The scan kept only part of the entries: lists below cover those, totals cover everything. */
  readonly truncated: boolean;
  readonly biggestDirectories: readonly SizedPath[];
  readonly biggestFiles: readonly SizedPath[];
  readonly secrets: readonly FoundSecret[];
  readonly suggestions: readonly ShrinkSuggestion[];
  readonly warnings: readonly ContextWarning[];
}

export interface ReportOptions {
  /** Length of each top list (default 10). */
  readonly top?: number;
}

interface Candidate {
  readonly pattern: string;
  readonly what: string;
  /** Tests the `/`-split path of a sent file. */
  readonly test: (segments: readonly string[]) => boolean;
  /** This is the deep variant of that pattern: only one of the two is suggested (this one when it saves more). */
  readonly deepOf?: string;
}

const topLevel = (name: string) => (segments: readonly string[]) => segments.length > 1 && segments[0] === name;
const anyDirectory = (name: string) => (segments: readonly string[]) => {
  for (let index = 0; index < segments.length - 1; index++) if (segments[index] === name) return true;
  return false;
};

/** Heavy directories and files that images rarely need; each pattern is written as Docker reads it. */
const CANDIDATES: readonly Candidate[] = [
  { pattern: '.git', what: 'Git history', test: topLevel('.git') },
  { pattern: 'node_modules', what: 'installed npm packages (install them in the image)', test: topLevel('node_modules') },
  { pattern: '**/node_modules', what: 'installed npm packages, nested ones too', test: anyDirectory('node_modules'), deepOf: 'node_modules' },
  { pattern: 'dist', what: 'build output', test: topLevel('dist') },
  { pattern: 'build', what: 'build output', test: topLevel('build') },
  { pattern: 'target', what: 'Rust/Maven build output', test: topLevel('target') },
  { pattern: 'out', what: 'build output', test: topLevel('out') },
  { pattern: '.venv', what: 'Python virtual environment', test: topLevel('.venv') },
  { pattern: 'venv', what: 'Python virtual environment', test: topLevel('venv') },
  { pattern: '**/__pycache__', what: 'Python bytecode caches', test: anyDirectory('__pycache__') },
  { pattern: '.pytest_cache', what: 'pytest cache', test: topLevel('.pytest_cache') },
  { pattern: '.mypy_cache', what: 'mypy cache', test: topLevel('.mypy_cache') },
  { pattern: '.tox', what: 'tox environments', test: topLevel('.tox') },
  { pattern: 'coverage', what: 'test coverage reports', test: topLevel('coverage') },
  { pattern: '.nyc_output', what: 'test coverage data', test: topLevel('.nyc_output') },
  { pattern: '.next', what: 'Next.js build cache', test: topLevel('.next') },
  { pattern: '.nuxt', what: 'Nuxt build output', test: topLevel('.nuxt') },
  { pattern: '.turbo', what: 'Turborepo cache', test: topLevel('.turbo') },
  { pattern: '.cache', what: 'tool caches', test: topLevel('.cache') },
  { pattern: '.gradle', what: 'Gradle caches', test: topLevel('.gradle') },
  { pattern: '.terraform', what: 'Terraform providers and modules', test: topLevel('.terraform') },
  { pattern: '.idea', what: 'IDE settings', test: topLevel('.idea') },
  { pattern: '.vscode', what: 'IDE settings', test: topLevel('.vscode') },
  { pattern: 'tmp', what: 'temporary files', test: topLevel('tmp') },
  { pattern: '*.log', what: 'log files', test: (segments) => segments.length === 1 && segments[0].endsWith('.log') },
  {
    pattern: '**/*.log',
    what: 'log files, nested ones too',
    test: (segments) => segments[segments.length - 1].endsWith('.log'),
    deepOf: '*.log',
  },
  { pattern: '**/.DS_Store', what: 'macOS folder metadata', test: (segments) => segments[segments.length - 1] === '.DS_Store' },
];

function byBytesThenPath(a: SizedPath, b: SizedPath): number {
  return b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** Keeps the `limit` biggest of a stream without sorting everything. */
function pushTop(list: SizedPath[], item: SizedPath, limit: number): void {
  if (limit <= 0) return;
  if (list.length === limit && byBytesThenPath(item, list[list.length - 1]) >= 0) return;
  let index = list.length;
  while (index > 0 && byBytesThenPath(item, list[index - 1]) < 0) index--;
  list.splice(index, 0, item);
  if (list.length > limit) list.pop();
}

export function buildContextReport(scan: ContextScan, options: ReportOptions = {}): ContextReport {
  const top = options.top ?? 10;
  const directories = new Map<string, { bytes: number; files: number }>();
  const biggestFiles: SizedPath[] = [];
  const secrets: FoundSecret[] = [];
  const savings = CANDIDATES.map(() => ({ bytes: 0, files: 0 }));

  for (const entry of scan.entries) {
    if (entry.excluded || entry.isDir) continue;
    const path = entry.path;
    const size = entry.size;
    if (!entry.isSymlink) pushTop(biggestFiles, { path, bytes: size, files: 1 }, top);
    // Every ancestor directory carries the file.
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      const directory = path.slice(0, slash);
      const totals = directories.get(directory);
      if (totals === undefined) directories.set(directory, { bytes: size, files: 1 });
      else {
        totals.bytes += size;
        totals.files++;
      }
    }
    const segments = path.split('/');
    for (let index = 0; index < CANDIDATES.length; index++) {
      if (CANDIDATES[index].test(segments)) {
        savings[index].bytes += size;
        savings[index].files++;
      }
    }
    if (!entry.isSymlink) {
      const secret = classifySecret(path, scan.heads.get(path));
      if (secret !== undefined) secrets.push({ path, kind: secret.kind, reason: secret.reason });
    }
  }

  const biggestDirectories: SizedPath[] = [];
  for (const [path, totals] of directories) pushTop(biggestDirectories, { path, bytes: totals.bytes, files: totals.files }, top);

  const byPattern = new Map(CANDIDATES.map((candidate, index) => [candidate.pattern, savings[index]]));
  const deepVariant = new Map(CANDIDATES.filter((candidate) => candidate.deepOf !== undefined).map((candidate) => [candidate.deepOf, candidate.pattern]));
  const suggestions: ShrinkSuggestion[] = [];
  CANDIDATES.forEach((candidate, index) => {
    const saved = savings[index];
    if (saved.files === 0) return;
    // The deep pattern covers the plain one: suggest it only when it leaves out more, and then alone.
    if (candidate.deepOf !== undefined && (byPattern.get(candidate.deepOf)?.files ?? 0) >= saved.files) return;
    const deep = deepVariant.get(candidate.pattern);
    if (deep !== undefined && (byPattern.get(deep)?.files ?? 0) > saved.files) return;
    suggestions.push({ pattern: candidate.pattern, what: candidate.what, bytes: saved.bytes, files: saved.files });
  });
  suggestions.sort((a, b) => b.bytes - a.bytes || b.files - a.files || (a.pattern < b.pattern ? -1 : 1));

  secrets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    root: scan.root,
    ignoreFile: scan.ignoreFile === undefined ? undefined : { path: scan.ignoreFile.path, kind: scan.ignoreFile.kind },
    sent: { files: scan.sentFiles, bytes: scan.sentBytes },
    excluded: { files: scan.excludedFiles, bytes: scan.excludedBytes },
    truncated: scan.truncated,
    biggestDirectories,
    biggestFiles,
    secrets,
    suggestions: suggestions.slice(0, top),
    warnings: scan.warnings,
  };
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal sizes as Docker prints them, three significant digits: `512 B`, `1.23 kB`, `12.3 MB`, `456 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  let text = value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
  if (Number(text) >= 1000 && unit < UNITS.length - 1) {
    unit++;
    text = (value / 1000).toFixed(2);
  }
  return `${text} ${UNITS[unit]}`;
}

function formatCount(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

const IGNORE_KIND_LABEL: Record<AppliedIgnoreFile['kind'], string> = {
  'dockerfile-specific': 'Dockerfile-specific ignore file',
  dockerignore: '.dockerignore',
  containerignore: '.containerignore (Podman/Buildah; docker build does not read it)',
};

export interface RenderOptions {
  readonly color: boolean;
  /** Paths outside the context are shown relative to this directory. */
  readonly cwd: string;
}

export function renderContextReport(report: ContextReport, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const show = (path: string) => relative(options.cwd, path) || '.';
  const lines: string[] = [];
  lines.push(`${chalk.bold('Build context')} ${show(report.root)}`);
  lines.push(
    report.ignoreFile === undefined
      ? `  ignore file: ${chalk.yellow('none')} (everything is sent)`
      : `  ignore file: ${show(report.ignoreFile.path)} ${chalk.dim(`(${IGNORE_KIND_LABEL[report.ignoreFile.kind]})`)}`,
  );
  lines.push(`  sent:        ${chalk.bold(formatBytes(report.sent.bytes))} in ${formatCount(report.sent.files, 'file')}`);
  lines.push(`  excluded:    ${formatBytes(report.excluded.bytes)} in ${formatCount(report.excluded.files, 'file')}`);
  if (report.truncated) lines.push(chalk.yellow('  (very large context: the lists below cover the first entries only; totals cover everything)'));

  const table = (title: string, rows: readonly SizedPath[], withFiles: boolean) => {
    if (rows.length === 0) return;
    lines.push('', chalk.bold(title));
    const width = Math.max(...rows.map((row) => formatBytes(row.bytes).length));
    for (const row of rows) {
      const files = withFiles ? chalk.dim(`  (${formatCount(row.files, 'file')})`) : '';
      lines.push(`  ${formatBytes(row.bytes).padStart(width)}  ${row.path}${withFiles ? '/' : ''}${files}`);
    }
  };
  table('Biggest directories sent', report.biggestDirectories, true);
  table('Biggest files sent', report.biggestFiles, false);

  if (report.secrets.length > 0) {
    lines.push('', chalk.red.bold(`Possible secrets sent (${report.secrets.length})`));
    for (const secret of report.secrets) lines.push(`  ${chalk.red('!')} ${secret.path}  ${chalk.dim(`${secret.kind}: ${secret.reason}`)}`);
  }

  if (report.suggestions.length > 0) {
    lines.push('', chalk.bold('Patterns that would shrink it most'));
    const width = Math.max(...report.suggestions.map((suggestion) => suggestion.pattern.length));
    for (const suggestion of report.suggestions) {
      lines.push(
        `  ${chalk.cyan(suggestion.pattern.padEnd(width))}  saves ${formatBytes(suggestion.bytes)} in ${formatCount(suggestion.files, 'file')}  ${chalk.dim(suggestion.what)}`,
      );
    }
  }

  if (report.warnings.length > 0) {
    lines.push('', chalk.yellow.bold('Warnings'));
    for (const warning of report.warnings) lines.push(`  ${chalk.yellow('⚠')} ${warning.path}: ${warning.message}`);
  }
  return lines.join('\n') + '\n';
}

/** A stable JSON object (schema version 1): keys in a fixed order, absolute paths for files on disk, context-relative paths for entries. */
export function contextReportJson(report: ContextReport): Record<string, unknown> {
  const sized = (rows: readonly SizedPath[]) => rows.map((row) => ({ path: row.path, bytes: row.bytes, files: row.files }));
  return {
    schemaVersion: 1,
    root: report.root,
    ignoreFile: report.ignoreFile === undefined ? null : { path: report.ignoreFile.path, kind: report.ignoreFile.kind },
    sent: { files: report.sent.files, bytes: report.sent.bytes },
    excluded: { files: report.excluded.files, bytes: report.excluded.bytes },
    truncated: report.truncated,
    biggestDirectories: sized(report.biggestDirectories),
    biggestFiles: report.biggestFiles.map((row) => ({ path: row.path, bytes: row.bytes })),
    secrets: report.secrets.map((secret) => ({ path: secret.path, kind: secret.kind, reason: secret.reason })),
    suggestions: report.suggestions.map((suggestion) => ({
      pattern: suggestion.pattern,
      what: suggestion.what,
      bytes: suggestion.bytes,
      files: suggestion.files,
    })),
    warnings: report.warnings.map((warning) => ({ path: warning.path, message: warning.message })),
  };
}

/** The `--list` lines: every sent file (links included), context-relative, in walk order. Partial when `scan.truncated`. */
export function listSentFiles(scan: ContextScan): string[] {
  const lines: string[] = [];
  for (const entry of scan.entries) if (!entry.excluded && !entry.isDir) lines.push(entry.path);
  return lines;
}
