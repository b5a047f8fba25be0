import type { DockerfileRule, Report } from '../src/types.js';
import { closest, instructionsWithTriggers, report, replace } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'copy-from-unknown-stage',
    description: 'COPY --from must name an earlier stage, not itself, a later stage or a misspelt one.',
    category: 'correctness',
    severity: 'error',
    fileKind: 'dockerfile',
    aliases: ['DL3022', 'DL3023'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || !instruction.stage || instruction.inOnbuild) continue;
      const flag = instruction.flags.find((candidate) => candidate.name === 'from');
      if (!flag?.value || flag.value.includes('$')) continue;
      const reference = flag.value;
      const range = { start: flag.valueStart, end: flag.end };
      const stage = instruction.stage;
      if (/^\d+$/.test(reference)) {
        if (Number(reference) >= stage.index) {
          const what = Number(reference) === stage.index ? 'this stage itself' : 'a stage that does not come before this one';
          const allowed = stage.index === 0 ? 'this is the first stage, so there is no earlier one to copy from' : `only earlier stages (0 to ${stage.index - 1}) can be copied from`;
          reports.push(report(range, `--from=${reference} refers to ${what}: ${allowed}.`, { codes: [Number(reference) === stage.index ? 'DL3023' : 'DL3022'] }));
        }
        continue;
      }
      const lower = reference.toLowerCase();
      if (stage.name?.toLowerCase() === lower) {
        reports.push(report(range, `COPY --from=${reference} refers to the stage it is in: a stage cannot copy from itself. Copy from an earlier stage.`, { codes: ['DL3023'] }));
        continue;
      }
      if (file.findStage(reference, stage.index)) continue;
      const later = file.stages.find((candidate) => candidate.index > stage.index && candidate.name?.toLowerCase() === lower);
      if (later) {
        reports.push(report(range, `Stage "${reference}" is defined after this one (line ${file.source.position(later.from.start).line}), so --from=${reference} pulls an image of that name instead: move the stage before this one.`, { codes: ['DL3022'] }));
        continue;
      }
      // Anything else may be an image (busybox, nginx:1.27): only a near-miss of a stage name is a finding.
      if (/[:/@.]/.test(reference)) continue;
      const earlierNames = file.stages.filter((candidate) => candidate.index < stage.index && candidate.name).map((candidate) => candidate.name!);
      const suggestion = reference.length > 2 ? closest(reference, earlierNames) : undefined;
      if (!suggestion) continue;
      reports.push(report(range, `No earlier stage is named "${reference}", so Docker would pull an image of that name: did you mean "${suggestion}"?`, {
        codes: ['DL3022'],
        suggestions: [{ description: `Copy from stage "${suggestion}"`, edits: [replace(range, suggestion)] }],
      }));
    }
    return reports;
  },
};
export default rule;
