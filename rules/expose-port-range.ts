import type { DockerfileRule, OffsetRange, Report } from '../src/types.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { exposeWords, parsePortRange } from '../src/knowledge/expose.js';
import type { SpecPart } from '../src/knowledge/expose.js';

const rule: DockerfileRule = {
  meta: {
    id: 'expose-port-range',
    description: 'An EXPOSE port or port range lies outside 0–65535 or runs backwards, which fails the build.',
    category: 'correctness',
    severity: 'error',
    fileKind: 'dockerfile',
    aliases: ['DL3011'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      for (const { spec, expanded } of exposeWords(file, instruction)) {
        // Values come from the expansion (the text itself when it has no variables);
        // a variable without a known default is not checked.
        for (const value of expanded ?? []) {
          for (const [label, part, written] of [
            ['port', value.containerPort, spec.containerPort],
            ['host port', value.hostPort, spec.hostPort],
          ] as const) {
            if (!part) continue;
            const message = problem(label, part, written, spec.text, value.text);
            if (!message) continue;
            // Point at the written port when it is literal text, else at the whole word.
            const range: OffsetRange = written && !written.variable && written.text === part.text ? written : spec;
            reports.push(report(range, message));
          }
        }
      }
    }
    return reports;
  },
};

function problem(label: string, part: SpecPart, written: SpecPart | undefined, word: string, expandedWord: string): string | undefined {
  const range = parsePortRange(part.text);
  const via = written && written.text === part.text && !written.variable ? '' : ` (${expandedWord} with the defaults in scope)`;
  if (range.kind === 'out-of-range') {
    return `The ${label} ${range.value} in EXPOSE ${word}${via} is outside the valid range 0–65535, so the build fails.`;
  }
  if (range.kind === 'reversed') {
    return `The ${label} range ${part.text} in EXPOSE ${word}${via} starts above its end, so the build fails: write ${range.end}-${range.start}.`;
  }
  return undefined;
}
export default rule;
