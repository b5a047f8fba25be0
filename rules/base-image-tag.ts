import type { DockerfileRule, Report } from '../src/types.js';
import { report } from '../src/rule-kit.js';
import { parseImageRef } from '../src/model/dockerfile.js';
import { stripQuotes } from '../src/knowledge/instructions.js';

const rule: DockerfileRule = {
  meta: {
    id: 'base-image-tag',
    description: 'A FROM image should be pinned to a version tag or a digest, not left untagged or tagged latest.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3006', 'DL3007'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      const word = stage.from.args[0];
      // ARG defaults keep their quotes in the model: `ARG V="x"` makes `name-"x"`.
      const resolved = stripQuotes(stage.image.resolved, file.escapeChar);
      if (!word || stage.parent || file.findStage(resolved, stage.index)) continue;
      const { raw, name, tag, digest } = parseImageRef(stage.image.raw, resolved);
      if (digest !== undefined || name.toLowerCase() === 'scratch') continue;
      // A variable left in the last path segment may hold the tag itself.
      const lastSegment = resolved.slice(resolved.lastIndexOf('/') + 1);
      if (lastSegment.includes('$')) continue;
      const shown = raw === resolved ? `"${raw}"` : `"${raw}" (which defaults to "${resolved}")`;
      if (tag === undefined) {
        reports.push(report(word, `The base image ${shown} has no tag, so it means "latest" and changes whenever the image is republished: pin a version tag or a digest.`, { codes: ['DL3006'] }));
      } else if (tag === 'latest') {
        reports.push(report(word, `The base image ${shown} uses the "latest" tag, which changes whenever the image is republished: pin a version tag or a digest.`, { codes: ['DL3007'] }));
      }
    }
    return reports;
  },
};
export default rule;
