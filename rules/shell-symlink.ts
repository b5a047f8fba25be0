import type { DockerfileRule, Report } from '../src/types.js';
import { joinPosix } from '../src/model/dockerfile.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { baseName, invocationOf, optionValue, parseArgs, hasOption } from '../src/knowledge/shell-commands.js';

const SYSTEM_SHELLS = new Set(['/bin/sh', '/usr/bin/sh']);

const rule: DockerfileRule = {
  meta: {
    id: 'shell-symlink',
    description: 'Replacing /bin/sh with a link to another shell changes every script in the image; SHELL changes only the shell of RUN.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL4005'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      if (!run || run.shellKind !== 'posix') continue;
      for (const script of run.scripts) {
        for (const command of script.shell.commands) {
          const invocation = invocationOf(command);
          if (invocation?.name !== 'ln') continue;
          const parsed = parseArgs(invocation.args, { shortWithValue: 'tS', longWithValue: ['--target-directory', '--suffix', '--backup'] });
          const operands = parsed.operands;
          if (operands.some((word) => word.dynamic)) continue;
          // Relative names resolve against WORKDIR, unless a `cd` earlier in the script moved elsewhere.
          const moved = script.shell.commands.some((other) => other.start < command.start && invocationOf(other)?.name === 'cd');
          const directory = optionValue(parsed, '-t', '--target-directory');
          const links: string[] = [];
          if (directory !== undefined) {
            for (const source of operands) links.push(`${directory}/${baseName(source.value)}`);
          } else if (operands.length >= 2 || (operands.length === 1 && hasOption(parsed, '-T', '--no-target-directory'))) {
            links.push(operands[operands.length - 1].value);
          }
          const replaced = links
            .filter((link) => link.startsWith('/') || !moved)
            .map((link) => joinPosix(instruction.state.workdir, link))
            .find((link) => SYSTEM_SHELLS.has(link));
          if (!replaced) continue;
          reports.push(report({ start: command.start, end: command.end },
            `\`ln\` replaces ${replaced}, the shell every script and tool in the image relies on. Choose the shell of RUN with SHELL (for example SHELL ["/bin/bash", "-c"]) instead.`));
        }
      }
    }
    return reports;
  },
};
export default rule;
