import type { DockerfileRule } from '../src/types.js';
import type { ContextScan } from '../src/context/types.js';
import { buildContextReport } from '../src/context/report.js';
import { join } from 'node:path';
import { otherFilesFix, report } from '../src/rule-kit.js';
import { copySources, covers, excludesSource, ignoreLine, namesExactly } from '../src/knowledge/copy-sources.js';
import { firstFromRange, instructionRange } from '../src/rule-kit.js';

/** How many secret paths the message lists before "+N more". */
const LISTED = 5;

const rule: DockerfileRule = {
  meta: {
    id: 'context-secrets',
    description: 'Files that look like secrets (.env, private keys, registry tokens, cloud credentials) are sent in the build context.',
    category: 'security',
    severity: 'error',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: [],
    needsBuildContext: true,
  },
  check({ file, buildContext }) {
    if (!buildContext) return [];
    const scan = buildContext.scan;
    const sources = copySources(file);
    // A secret that a COPY/ADD names on purpose is wanted in the image: that is not this rule's call.
    const secrets = buildContextReport(scan).secrets.filter((secret) => !sources.some((source) => namesExactly(source, secret.path)));
    if (secrets.length === 0) return [];
    const paths = secrets.map((secret) => secret.path);
    const sender = sources.find((source) => paths.some((path) => covers(source, path)));
    const range = sender ? instructionRange(sender.instruction) : firstFromRange(file);
    if (!range) return [];

    const shown = secrets.slice(0, LISTED).map((secret) => `${secret.path} (${secret.kind})`).join(', ');
    const more = secrets.length > LISTED ? ` (+${secrets.length - LISTED} more)` : '';
    const count = secrets.length === 1 ? '1 file that looks like a secret is' : `${secrets.length} files that look like secrets are`;
    const where = sender
      ? `this ${sender.instruction.keyword} copies ${secrets.length === 1 ? 'it' : 'them'} into the image`
      : `the builder receives ${secrets.length === 1 ? 'it' : 'them'} even though no COPY uses ${secrets.length === 1 ? 'it' : 'them'}`;
    const lines = paths.slice(0, LISTED).map(ignoreLine).join(', ');
    const rest = secrets.length > LISTED ? ` and the ${secrets.length - LISTED} more that \`dockfix context\` lists` : '';
    const advice = ignoreAdvice(scan);
    // The fix adds the lines to the ignore file in force (or a new .dockerignore), never one a COPY/ADD source needs.
    const fixLines = paths.map(ignoreLine).filter((line) => !excludesSource(line, sources));
    const fix = fixLines.length > 0 ? otherFilesFix('unsafe', { path: scan.ignoreFile?.path ?? join(scan.root, '.dockerignore'), lines: fixLines }) : undefined;
    return [report(range, `${count} sent in the build context: ${shown}${more}; ${where}. ${advice}: ${lines}${rest}.`, fix ? { fix } : {})];
  },
};
export default rule;

/** "Add these lines to .dockerignore" or "Create a .dockerignore … with these lines". */
function ignoreAdvice(scan: ContextScan): string {
  const ignoreFile = scan.ignoreFile;
  if (ignoreFile === undefined) return 'Create a .dockerignore at the root of the build context with these lines';
  const name = ignoreFile.path.split(/[\\/]/).pop() ?? '.dockerignore';
  return `Add these lines to ${name}`;
}

