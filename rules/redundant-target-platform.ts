import type { DockerfileRule, Report } from '../src/types.js';
import { report, safeFix } from '../src/rule-kit.js';

/** `$TARGETPLATFORM` or `${TARGETPLATFORM}`, maybe in double quotes; `${TARGETPLATFORM:-linux/amd64}` keeps a fallback for builders that do not set it. */
const TARGET_PLATFORM = /^("?)\$(?:TARGETPLATFORM|\{TARGETPLATFORM\})\1$/;

const rule: DockerfileRule = {
  meta: {
    id: 'redundant-target-platform',
    description: 'FROM --platform=$TARGETPLATFORM is redundant: stages are built for the target platform by default.',
    category: 'style',
    severity: 'info',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['RedundantTargetPlatform'],
  },
  check({ file }) {
    const reports: Report[] = [];
    // A global `ARG TARGETPLATFORM=…` replaces the automatic value: the flag then pins a platform.
    const overridden = file.globalArgs.some((instruction) =>
      instruction.properties.some((property) => property.name === 'TARGETPLATFORM' && property.value !== undefined),
    );
    if (overridden) return reports;
    for (const stage of file.stages) {
      for (const flag of stage.from.flags) {
        if (flag.name !== 'platform' || flag.value === undefined) continue;
        if (!TARGET_PLATFORM.test(flag.value)) continue;
        const text = flag.value.replace(/"/g, '');
        const following = file.text[flag.end];
        const end = following === ' ' || following === '\t' ? flag.end + 1 : flag.end;
        reports.push(
          report(flag, `--platform=${text} is redundant: a stage is built for the target platform unless told otherwise. Remove the flag.`, {
            fix: safeFix({ start: flag.start, end, text: '' }),
          }),
        );
      }
    }
    return reports;
  },
};
export default rule;
