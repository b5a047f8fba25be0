import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, report, replace, safeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'maintainer-deprecated',
    description: 'MAINTAINER is deprecated; record the author in the org.opencontainers.image.authors label.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL4000', 'MaintainerDeprecated'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const author = instruction.argsText.trim();
      const label = `${instruction.keywordText === 'maintainer' ? 'label' : 'LABEL'} org.opencontainers.image.authors="${author.replace(/["\\]/g, '\\$&')}"`;
      reports.push(
        report(
          { start: instruction.start, end: instruction.keywordEnd },
          'MAINTAINER is deprecated and hidden from most tools: use LABEL org.opencontainers.image.authors="…" instead.',
          author ? { fix: safeFix(replace({ start: instruction.start, end: instruction.headEnd }, label)) } : {},
        ),
      );
    }
    return reports;
  },
};
export default rule;
