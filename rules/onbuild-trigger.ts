import type { DockerfileRule, Report } from '../src/types.js';
import { keywordRange, report } from '../src/rule-kit.js';

const REASONS: Readonly<Record<string, string>> = {
  ONBUILD: 'ONBUILD ONBUILD is not allowed: Docker rejects a trigger that registers another trigger. Put the instruction in ONBUILD directly.',
  FROM: 'ONBUILD FROM is not allowed: Docker rejects it, since the child image picks its base with its own FROM. Remove it.',
  MAINTAINER: 'ONBUILD MAINTAINER is not allowed: Docker rejects it. Use ONBUILD LABEL org.opencontainers.image.authors="…" instead.',
};

const rule: DockerfileRule = {
  meta: {
    id: 'onbuild-trigger',
    description: 'ONBUILD cannot register ONBUILD, FROM or MAINTAINER: Docker rejects the Dockerfile.',
    category: 'correctness',
    severity: 'error',
    fileKind: 'dockerfile',
    aliases: ['DL3043'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of file.instructions) {
      const trigger = instruction.trigger;
      if (!trigger) continue;
      const reason = REASONS[trigger.keyword];
      if (reason) reports.push(report(keywordRange(trigger), reason));
    }
    return reports;
  },
};
export default rule;
