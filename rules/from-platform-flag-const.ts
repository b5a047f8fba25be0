import type { DockerfileRule, Report } from '../src/types.js';
import { report } from '../src/rule-kit.js';
import { parsePlatform, processWord } from '../src/knowledge/build-args.js';

const NO_VALUES: ReadonlyMap<string, string> = new Map();

const rule: DockerfileRule = {
  meta: {
    id: 'from-platform-flag-const',
    description: 'FROM --platform with a constant value pins the stage to one platform, whatever platform the build targets.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['FromPlatformFlagConstDisallowed', 'DL3029'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      for (const flag of stage.from.flags) {
        if (flag.name !== 'platform' || !flag.value) continue;
        const processed = processWord(flag.value, NO_VALUES, file.escapeChar);
        // $BUILDPLATFORM and other variables follow the build; only constants pin it.
        if (!processed || processed.matched.size > 0 || processed.unmatched.size > 0) continue;
        const text = processed.value;
        const platform = parsePlatform(text);
        if (!platform) continue;
        // BuildKit's convention: a stage named after the platform (build-amd64, linux-tools) is pinned on purpose.
        const name = (stage.name ?? '').toLowerCase();
        const named = [platform.os, platform.arch, platform.archWritten].some((part) => part !== undefined && part !== '' && name.includes(part));
        if (named) continue;
        const suffix = platform.archWritten ?? platform.os;
        reports.push(
          report(
            flag,
            `--platform=${text} pins this stage to one platform even when the build targets another: remove the flag, or use $BUILDPLATFORM for a stage that only runs build tools (if the pin is deliberate, name the stage after it, e.g. AS build-${suffix}).`,
          ),
        );
      }
    }
    return reports;
  },
};
export default rule;
