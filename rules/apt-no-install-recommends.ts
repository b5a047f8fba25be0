import type { DockerfileRule, Report } from '../src/types.js';
import { report, unsafeFix, runInstructions } from '../src/rule-kit.js';
import { copiesConfig, hasOption, insertAfterWord, osCommands, textBefore } from '../src/knowledge/os-packages.js';

const rule: DockerfileRule = {
  meta: {
    id: 'apt-no-install-recommends',
    description: 'apt-get install should use --no-install-recommends, so the image gets only the packages it asks for.',
    category: 'performance',
    severity: 'info',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: ['DL3015'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const { instruction, run } of runInstructions(file)) {
      for (const command of osCommands(run.commands)) {
        if (command.tool !== 'apt' || command.programName === 'aptitude' || command.subcommand !== 'install' || !command.subcommandWord) continue;
        // `apt-get install -f` with no package repairs what is there.
        if (command.operands.length === 0) continue;
        // --install-recommends asks for them on purpose.
        if (hasOption(command, '--no-install-recommends', '--install-recommends')) continue;
        if (command.words.some((word) => /Install-Recommends=/i.test(word.value))) continue;
        const settings = textBefore(file, instruction, command.command.start);
        // A copied apt.conf file may turn recommends off: its content is not in the Dockerfile.
        if (/Install-Recommends\s*"?\s*(?:false|0|no|off)\b/i.test(settings) || copiesConfig(instruction, /\/etc\/apt\/apt\.conf/)) continue;
        const edit = insertAfterWord(file, run, command.command, command.subcommandWord, '--no-install-recommends');
        reports.push(report(command.command, `\`${command.programName} install\` without --no-install-recommends also installs the packages these recommend, which the image rarely needs. Add --no-install-recommends and name the packages the image needs.`, edit ? { fix: unsafeFix(edit) } : {}));
      }
    }
    return reports;
  },
};
export default rule;
