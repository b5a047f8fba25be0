import type { DockerfileRule } from '../src/types.js';
import { buildContextReport, formatBytes } from '../src/context/report.js';
import type { SizedPath } from '../src/context/report.js';
import { report } from '../src/rule-kit.js';
import { broadCopy, copySources, excludesSource } from '../src/knowledge/copy-sources.js';
import { firstFromRange, instructionRange } from '../src/rule-kit.js';

const DEFAULT_MAX_BYTES = 100_000_000;
/** Contributors and patterns the message names. */
const LISTED = 3;
/** A pattern worth suggesting leaves out at least this share of the sent bytes. */
const MIN_SHARE = 0.01;

const rule: DockerfileRule = {
  meta: {
    id: 'context-size',
    description: 'The build context sent to the builder is larger than a limit (100 MB by default).',
    category: 'performance',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: [],
    defaultOptions: { maxBytes: DEFAULT_MAX_BYTES },
    needsBuildContext: true,
  },
  check({ file, buildContext, options }) {
    if (!buildContext) return [];
    const scan = buildContext.scan;
    const maxBytes = typeof options.maxBytes === 'number' && Number.isFinite(options.maxBytes) && options.maxBytes >= 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
    if (scan.sentBytes <= maxBytes) return [];
    const range = (() => { const copy = broadCopy(file); return copy && instructionRange(copy); })() ?? firstFromRange(file);
    if (!range) return [];

    const contextReport = buildContextReport(scan);
    const contributors = biggestContributors(contextReport.biggestDirectories, contextReport.biggestFiles)
      .map((item) => `${item.path} (${formatBytes(item.bytes)})`);
    const sources = copySources(file);
    const patterns = contextReport.suggestions
      .filter((suggestion) => suggestion.bytes > 0 && suggestion.bytes >= scan.sentBytes * MIN_SHARE && !excludesSource(suggestion.pattern, sources))
      .slice(0, LISTED)
      .map((suggestion) => `"${suggestion.pattern}" (saves ${formatBytes(suggestion.bytes)})`);

    const ignoreName = scan.ignoreFile === undefined ? '.dockerignore' : scan.ignoreFile.path.split(/[\\/]/).pop() ?? '.dockerignore';
    const files = `${scan.sentFiles.toLocaleString('en-US')} file${scan.sentFiles === 1 ? '' : 's'}`;
    let message = `The build context sends ${formatBytes(scan.sentBytes)} in ${files}, more than ${formatBytes(maxBytes)}: every build uploads it before the first step.`;
    if (contributors.length > 0) message += ` Biggest${scan.truncated ? ' (of the scanned entries)' : ''}: ${contributors.join(', ')}.`;
    if (patterns.length > 0) {
      message += ` ${scan.ignoreFile === undefined ? 'Create a .dockerignore with' : `Add to ${ignoreName}`}: ${patterns.join(', ')}.`;
    } else {
      message += ` Leave out what the image does not need in ${ignoreName}, or use a smaller context directory.`;
    }
    return [report(range, message)];
  },
};
export default rule;

/** The biggest directories and files, a path inside one already listed left out. Both lists are sorted by size. */
function biggestContributors(directories: readonly SizedPath[], files: readonly SizedPath[]): SizedPath[] {
  const merged = [
    ...directories.map((item) => ({ ...item, path: `${item.path}/` })),
    ...files,
  ].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const chosen: SizedPath[] = [];
  for (const item of merged) {
    if (item.bytes === 0) continue;
    if (chosen.some((picked) => picked.path.endsWith('/') && item.path.startsWith(picked.path))) continue;
    chosen.push(item);
    if (chosen.length === LISTED) break;
  }
  return chosen;
}

