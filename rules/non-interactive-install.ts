import type { DockerfileRule, Fix, Report } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import type { RunInfo } from '../src/model/run.js';
import { report, safeFix, unsafeFix, runInstructions } from '../src/rule-kit.js';
import type { OsCommand, OsTool } from '../src/knowledge/os-packages.js';
import { answeredByPipe, aptQuietLevel, copiesConfig, hasOption, insertAfterWord, osCommands, textBefore } from '../src/knowledge/os-packages.js';

/** Subcommands that may stop at a confirmation prompt, per tool. */
const PROMPTING: Readonly<Record<Exclude<OsTool, 'apk'>, ReadonlySet<string>>> = {
  apt: new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'remove', 'purge', 'autoremove', 'autopurge', 'build-dep', 'satisfy']),
  yum: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'update-minimal', 'upgrade-minimal', 'localupdate', 'remove', 'erase', 'autoremove', 'downgrade', 'distro-sync', 'swap', 'groupupdate', 'groupremove', 'group', 'module', 'builddep']),
  dnf: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'update-minimal', 'upgrade-minimal', 'remove', 'erase', 'autoremove', 'downgrade', 'distro-sync', 'distrosync', 'swap', 'groupupdate', 'groupremove', 'group', 'module', 'builddep']),
  microdnf: new Set(['install', 'reinstall', 'update', 'upgrade', 'remove', 'downgrade', 'distro-sync', 'swap', 'module']),
  zypper: new Set(['install', 'in', 'remove', 'rm', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si', 'install-new-recommends', 'inr', 'verify', 've']),
};

/** `group`/`module` subcommands that change packages (`dnf module list` does not prompt). */
const PROMPTING_SECOND = new Set(['install', 'remove', 'erase', 'upgrade', 'update', 'enable', 'disable', 'reset', 'switch-to', 'mark']);

const CODES: Readonly<Record<Exclude<OsTool, 'apk'>, string>> = { apt: 'DL3014', yum: 'DL3030', dnf: 'DL3038', microdnf: 'DL3038', zypper: 'DL3034' };

const rule: DockerfileRule = {
  meta: {
    id: 'non-interactive-install',
    description: 'OS package-manager commands that can ask for confirmation must be told to answer yes (-y, zypper -n).',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3014', 'DL3030', 'DL3034', 'DL3038'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const { instruction, run } of runInstructions(file)) {
      for (const command of osCommands(run.commands)) {
        if (command.tool === 'apk' || !prompts(command)) continue;
        if (answersYes(command) || answeredByPipe(run, command.command)) continue;
        const settings = () => textBefore(file, instruction, command.command.start);
        if (command.tool === 'apt' && configuresYes(instruction, settings(), /Assume-Yes\s*"?\s*(?:true|1|yes|on)\b/i, /\/etc\/apt\/apt\.conf/)) continue;
        if (command.tool !== 'apt' && command.tool !== 'zypper' && configuresYes(instruction, settings(), /\bassumeyes\s*=\s*(?:1|true|yes|on)\b/i, /\/etc\/(?:dnf\/dnf|yum)\.conf/)) continue;
        const label = `\`${commandLabel(command)}\``;
        const message = command.tool === 'zypper'
          ? `${label} without -n (--non-interactive) can stop at zypper's confirmation prompt, which a build cannot answer: the build then fails. Add -n.`
          : command.tool === 'apt'
            ? `${label} without -y can stop at apt's "Do you want to continue?" prompt, which a build cannot answer: the build then fails. Add -y.`
            : `${label} without -y can stop at the "Is this ok [y/N]" prompt, which a build cannot answer: the build then fails. Add -y.`;
        const fix = fixFor(file, run, command);
        reports.push(report(command.command, message, { codes: [CODES[command.tool]], ...(fix ? { fix } : {}) }));
      }
    }
    return reports;
  },
};
export default rule;

/** The answer written to a configuration file earlier, or a configuration file copied in whose content is unknown. */
function configuresYes(instruction: Instruction, settings: string, written: RegExp, file: RegExp): boolean {
  return written.test(settings) || copiesConfig(instruction, file);
}

function commandLabel(command: OsCommand): string {
  const second = command.subcommand === 'group' || command.subcommand === 'module' ? ` ${command.operands[0]?.value ?? ''}` : '';
  return `${command.programName} ${command.subcommand}${second}`;
}

function prompts(command: OsCommand): boolean {
  const tool = command.tool as Exclude<OsTool, 'apk'>;
  if (!PROMPTING[tool].has(command.subcommand)) return false;
  if (command.subcommand === 'group' || command.subcommand === 'module') {
    return PROMPTING_SECOND.has(command.operands[0]?.value ?? '');
  }
  if (tool === 'apt') {
    // Simulations and --print-uris never ask; --assume-no and --trivial-only answer no on purpose.
    if (hasOption(command, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '--print-uris', '--assume-no', '--trivial-only')) return false;
  }
  if (tool !== 'apt' && tool !== 'zypper' && hasOption(command, '--assumeno')) return false;
  if (tool === 'zypper' && hasOption(command, '--dry-run')) return false;
  return true;
}

function answersYes(command: OsCommand): boolean {
  switch (command.tool) {
    case 'apt':
      return hasOption(command, '-y', '--yes', '--assume-yes')
        || aptQuietLevel(command) >= 2
        || command.words.some((word) => /Assume-Yes=(?:true|1|yes|on)$/i.test(word.value));
    case 'zypper':
      return command.globalWords.some((word) => ['-n', '--non-interactive'].includes(word.value) || /^-[A-Za-z]*n[A-Za-z]*$/.test(word.value))
        || hasOption(command, '--non-interactive', '-y', '--no-confirm');
    default:
      return hasOption(command, '-y', '--assumeyes') || command.words.some((word) => /assumeyes=(?:1|true|yes|on)$/i.test(word.value));
  }
}

function fixFor(file: DockerfileModel, run: RunInfo, command: OsCommand): Fix | undefined {
  if (command.tool === 'zypper') {
    const edit = insertAfterWord(file, run, command.command, command.program, '-n');
    return edit && safeFix(edit);
  }
  if (!command.subcommandWord) return undefined;
  const word = command.subcommand === 'group' || command.subcommand === 'module' ? command.operands[0] : command.subcommandWord;
  const edit = word && insertAfterWord(file, run, command.command, word, '-y');
  if (!edit) return undefined;
  // microdnf before 3.6 (RHEL 8.3 and older) rejects -y.
  return command.tool === 'microdnf' ? unsafeFix(edit) : safeFix(edit);
}
