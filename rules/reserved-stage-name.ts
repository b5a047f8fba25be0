import type { DockerfileRule, Report } from '../src/types.js';
import { report } from '../src/rule-kit.js';

/** What each reserved name already means to BuildKit. */
const RESERVED = new Map([
  ['scratch', '"scratch" is the empty base image'],
  ['context', '"context" is the name BuildKit gives the build context'],
]);

const rule: DockerfileRule = {
  meta: {
    id: 'reserved-stage-name',
    description: 'A stage must not be named "scratch" or "context", names BuildKit reserves.',
    category: 'correctness',
    severity: 'error',
    fileKind: 'dockerfile',
    aliases: ['ReservedStageName'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const meaning = RESERVED.get(stage.name.toLowerCase());
      if (!meaning) continue;
      reports.push(report(stage.nameRange, `Stage name "${stage.name}" is reserved: ${meaning}, and reusing the name makes FROM and --from references ambiguous. Rename the stage.`));
    }
    return reports;
  },
};
export default rule;
