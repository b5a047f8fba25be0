import type { DockerfileRule, Report } from '../src/types.js';
import { joinPosix, parseImageRef } from '../src/model/dockerfile.js';
import { report } from '../src/rule-kit.js';
import { baseImage } from '../src/knowledge/images.js';
import {
  copyOperands, expandWord, hasDetachedFlagValue, isAbsoluteImagePath, leavesWorkdirAtRoot, stripQuotes,
} from '../src/knowledge/instructions.js';

const rule: DockerfileRule = {
  meta: {
    id: 'copy-relative-destination',
    description: 'COPY or ADD to a relative destination before any WORKDIR lands in the image root.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3045'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      const root = baseImage(stage);
      const image = parseImageRef(root.raw, stripQuotes(root.resolved, file.escapeChar));
      // Only images known to leave WORKDIR at `/`: others may set their own, which the relative path then uses.
      // scratch is left out on purpose: `FROM scratch` + `COPY --from=build /out .` is how export stages are written.
      if (image.resolved.includes('$') || image.name.toLowerCase() === 'scratch' || !leavesWorkdirAtRoot(image.name)) continue;
      for (const instruction of stage.instructions) {
        // An ONBUILD COPY runs in the child build, right after its FROM: the working directory is this stage's last one.
        const target = instruction.trigger ?? instruction;
        if ((target.keyword !== 'COPY' && target.keyword !== 'ADD') || hasDetachedFlagValue(target)) continue;
        const state = instruction.trigger ? stage.finalState : instruction.state;
        if (state.workdirSet) continue;
        const { destination } = copyOperands(target);
        if (!destination) continue;
        const path = expandWord(file, destination.value, state);
        if (path === '' || path.includes('$') || isAbsoluteImagePath(path)) continue;
        const lands = joinPosix('/', path);
        const shown = lands !== '/' && (path.endsWith('/') || /(^|\/)\.$/.test(path)) ? `${lands}/` : lands;
        const base = `"${image.resolved}"`;
        reports.push(report(destination, `${target.keyword} to the relative destination "${destination.value}" writes to ${shown}, because no WORKDIR is set in this stage and ${base} sets none: add a WORKDIR before it or use an absolute path.`));
      }
    }
    return reports;
  },
};
export default rule;
