import type { DockerfileRule, Report } from '../src/types.js';
import { report } from '../src/rule-kit.js';
import type { Instruction } from '../src/model/dockerfile.js';

const SINGLE_EFFECT = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

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
      for (const keyword of SINGLE_EFFECT) {
        const found = stage.instructions.filter((instruction: Instruction) => instruction.keyword === keyword);
        const last = found[found.length - 1];
        for (const instruction of found.slice(0, -1)) {
          const lastLine = file.source.position(last.start).line;
          reports.push(
            report({ start: instruction.start, end: instruction.headEnd }, `This ${keyword} has no effect: the ${keyword} at line ${lastLine} replaces it. Remove one of them.`, {
              suggestions: [{
                description: `Remove this ${keyword}`,
                edits: [{ start: instruction.start, end: lineAfter(file.text, instruction.end), text: '' }],
              }],
            }),
          );
        }
      }
    }
    return reports;
  },
};

function lineAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
export default rule;
