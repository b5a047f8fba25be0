import type { DockerfileRule, Report } from '../src/types.js';
import type { ShellWord } from '../src/shell/ast.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { baseName, invocationOf, parseArgs } from '../src/knowledge/shell-commands.js';
import { baseImage, defaultsToNonRoot, knownToRunAsRoot } from '../src/knowledge/images.js';

/** sudo options that take a value. */
const SUDO_VALUE_SHORT = 'ugCDhpRrTtU';
const SUDO_VALUE_LONG = ['--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--chroot', '--role', '--type', '--command-timeout', '--other-user'];

const rule: DockerfileRule = {
  meta: {
    id: 'no-sudo',
    description: 'RUN should not call sudo: it already runs as the USER in force, and USER switches users.',
    category: 'security',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3004'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      if (!run || run.shellKind !== 'posix') continue;
      const root = runsAsRoot(instruction.state.user, instruction.stage === undefined ? undefined : baseImage(instruction.stage));
      for (const command of run.commands) {
        const invocation = invocationOf(command);
        if (!invocation || (invocation.name !== 'sudo' && !invocation.wrappers.includes('sudo'))) continue;
        const words = [command.name!, ...command.args];
        const at = words.findIndex((word) => baseName(word.value) === 'sudo' && word.start <= invocation.program.start);
        if (at < 0) continue;
        const target = targetUser(words.slice(at + 1));
        // Root handing one command to another account is a way to drop privileges, not to gain them.
        if (root !== false && target !== undefined && !/^(root|0|#0)$/.test(target)) continue;
        reports.push(report({ start: words[at].start, end: command.end }, root === true
          ? '`sudo` is not needed: this RUN already runs as root. Remove it, and use USER to run steps as another user.'
          : '`sudo` depends on a sudoers setup inside the image and does not behave like a root step. Put USER root before this RUN (and switch back after it) instead.'));
      }
    }
    return reports;
  },
};
export default rule;

/** true: root; false: another user; undefined: the base image decides and dockfix does not know it. */
function runsAsRoot(user: string | undefined, image: Parameters<typeof knownToRunAsRoot>[0] | undefined): boolean | undefined {
  if (user !== undefined) return /^(root|0)(:.*)?$/.test(user) ? true : user.includes('$') ? undefined : false;
  if (!image) return undefined;
  if (defaultsToNonRoot(image)) return false;
  return knownToRunAsRoot(image) ? true : undefined;
}

/** The user given with `sudo -u NAME` / `--user=NAME`, if any. */
function targetUser(rest: readonly ShellWord[]): string | undefined {
  // Only sudo's own options, up to the command it runs.
  const own: ShellWord[] = [];
  for (let index = 0; index < rest.length; index++) {
    const value = rest[index].value;
    if (!value.startsWith('-') || value === '--') break;
    own.push(rest[index]);
    const takesValue = (/^-[A-Za-z]+$/.test(value) && SUDO_VALUE_SHORT.includes(value[value.length - 1])) || SUDO_VALUE_LONG.includes(value);
    if (takesValue && rest[index + 1]) own.push(rest[++index]);
  }
  const parsed = parseArgs(own, { shortWithValue: SUDO_VALUE_SHORT, longWithValue: SUDO_VALUE_LONG });
  let user: string | undefined;
  for (const option of parsed.options) if (option.name === '-u' || option.name === '--user') user = option.value;
  return user;
}
