import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, keywordRange, replace, report, safeFix } from '../src/rule-kit.js';
import {
  copyOperands, expandWord, globMayMatchArchive, hasDetachedFlagValue, hasGlob, isHeredocSource, isRemoteSource, keywordInCase,
  mayBeArchiveName,
} from '../src/knowledge/instructions.js';

/** Flags COPY takes with the same meaning; any other ADD flag (--checksum, --keep-git-dir, --unpack…) keeps it quiet. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

const rule: DockerfileRule = {
  meta: {
    id: 'prefer-copy',
    description: 'ADD of local files or directories should be COPY, which does only that.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3020'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'ADD') continue;
      if (!instruction.flags.every((flag) => COPY_FLAGS.has(flag.name)) || hasDetachedFlagValue(instruction)) continue;
      const { sources } = copyOperands(instruction);
      if (sources.length === 0) continue;
      const plain = sources.every((source) => {
        if (isHeredocSource(source.value)) return true;
        const value = expandWord(file, source.value, instruction.state);
        if (value.includes('$') || isRemoteSource(value)) return false;
        return hasGlob(value) ? !globMayMatchArchive(value) : !mayBeArchiveName(value);
      });
      if (!plain) continue;
      const range = keywordRange(instruction);
      reports.push(report(range, 'ADD of local files only copies them, as COPY does: use COPY, which never downloads or unpacks, so readers need not check.', {
        fix: safeFix(replace(range, keywordInCase(instruction.keywordText, 'COPY'))),
      }));
    }
    return reports;
  },
};
export default rule;
