import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, report, safeFix } from '../src/rule-kit.js';
import { createdUser } from '../src/knowledge/users.js';
import { hasOption, insertArgumentAfter, invocationOf, optionValue, parseArgs } from '../src/knowledge/shell-commands.js';

/** useradd options that take a value. */
const SHORT_WITH_VALUE = 'bcdefgGkKpPRsuZ';
const LONG_WITH_VALUE = [
  '--base-dir', '--comment', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key',
  '--password', '--prefix', '--root', '--shell', '--uid', '--selinux-user', '--btrfs-subvolume-home',
];

/** hadolint's threshold: UIDs with more than five digits. */
const HIGHEST_SMALL_UID = 99999;

const rule: DockerfileRule = {
  meta: {
    id: 'useradd-without-l',
    description: '`useradd` with a large UID needs -l (--no-log-init), or lastlog and faillog grow to gigabytes.',
    category: 'performance',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3046'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      if (!run || run.shellKind !== 'posix') continue;
      for (const command of run.commands) {
        const invocation = invocationOf(command);
        if (invocation?.name !== 'useradd') continue;
        const parsed = parseArgs(invocation.args, { shortWithValue: SHORT_WITH_VALUE, longWithValue: LONG_WITH_VALUE });
        if (hasOption(parsed, '-l', '--no-log-init')) continue;
        const written = createdUser(command)?.uid ?? optionValue(parsed, '-u', '--uid');
        if (written === undefined) continue;
        // `-u $APP_UID`: use the ARG/ENV value in force when it is known.
        const uid = file.expand(written, instruction.state).trim();
        if (!/^\d+$/.test(uid) || Number(uid) <= HIGHEST_SMALL_UID) continue;
        const edit = insertArgumentAfter(file.text, instruction, command, invocation.program, '-l');
        reports.push(report({ start: command.start, end: command.end },
          `\`useradd\` with UID ${uid} and without -l writes that user's lastlog and faillog entries at an offset of UID × record size, so the layer gets files of hundreds of megabytes. Add -l (--no-log-init).`,
          edit ? { fix: safeFix(edit) } : {}));
      }
    }
    return reports;
  },
};
export default rule;
