import type { DockerfileRule, Report } from '../src/types.js';
import { lineEndAfter, report } from '../src/rule-kit.js';
import type { Instruction } from '../src/model/dockerfile.js';

/** Each keyword that takes effect once, with the hadolint code for its duplicates. */
const SINGLE_EFFECT: Readonly<Record<string, string>> = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' };

const rule: DockerfileRule = {
  meta: {
    id: 'multiple-instructions',
    description: 'A stage should have at most one CMD, one ENTRYPOINT and one HEALTHCHECK: only the last takes effect.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      for (const [keyword, code] of Object.entries(SINGLE_EFFECT)) {
        const found = stage.instructions.filter((instruction: Instruction) => instruction.keyword === keyword);
        const last = found[found.length - 1];
        for (const instruction of found.slice(0, -1)) {
          const lastLine = file.source.position(last.start).line;
          reports.push(
            report({ start: instruction.start, end: instruction.headEnd }, `This ${keyword} has no effect: the ${keyword} at line ${lastLine} replaces it. Remove one of them.`, {
              codes: [code, 'MultipleInstructionsDisallowed'],
              suggestions: [{
                description: `Remove this ${keyword}`,
                edits: [{ start: instruction.start, end: lineEndAfter(file, instruction.end), text: '' }],
              }],
            }),
          );
        }
      }
    }
    return reports;
  },
};

export default rule;
