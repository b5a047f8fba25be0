import type { DockerfileRule, Report } from '../src/types.js';
import { report } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'duplicate-stage-name',
    description: 'Stage names must be unique (compared without case).',
    category: 'correctness',
    severity: 'error',
    fileKind: 'dockerfile',
    aliases: ['DL3024', 'DuplicateStageName'],
  },
  check({ file }) {
    const reports: Report[] = [];
    const firstLine = new Map<string, number>();
    for (const stage of file.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const key = stage.name.toLowerCase();
      const earlier = firstLine.get(key);
      if (earlier === undefined) {
        firstLine.set(key, file.source.position(stage.from.start).line);
        continue;
      }
      reports.push(
        report(stage.nameRange, `Stage name "${stage.name}" is already used by the stage at line ${earlier}: docker build fails. Rename one of them.`),
      );
    }
    return reports;
  },
};
export default rule;
