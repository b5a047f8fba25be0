import type { DockerfileRule, Report } from '../src/types.js';
import { report, runInstructions } from '../src/rule-kit.js';
import { hasOption, osCommands } from '../src/knowledge/os-packages.js';

const rule: DockerfileRule = {
  meta: {
    id: 'zypper-dist-upgrade',
    description: 'zypper dist-upgrade does not belong in a Dockerfile: it can move the image to another distribution release.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3035'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const { run } of runInstructions(file)) {
      for (const command of osCommands(run.commands)) {
        if (command.tool !== 'zypper' || (command.subcommand !== 'dist-upgrade' && command.subcommand !== 'dup')) continue;
        // A dry run changes nothing.
        if (hasOption(command, '--dry-run', '-D')) continue;
        const range = command.subcommandWord ? { start: command.program.start, end: command.subcommandWord.end } : command.command;
        reports.push(report(range, `\`zypper ${command.subcommand}\` is a distribution upgrade: it may switch packages to other vendors, downgrade or remove them, and on a rolling repository it moves the image to whatever release is current. Use \`zypper update\` or \`zypper patch\` for updates, or a newer base image for a new release.`));
      }
    }
    return reports;
  },
};
export default rule;
