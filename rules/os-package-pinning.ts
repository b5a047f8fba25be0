import type { DockerfileRule, Report } from '../src/types.js';
import { report, runInstructions } from '../src/rule-kit.js';
import type { OsCommand, OsTool } from '../src/knowledge/os-packages.js';
import { isDynamic, isPackageFile, isPinned, osCommands } from '../src/knowledge/os-packages.js';
import type { ShellWord } from '../src/shell/ast.js';

const CODES: Readonly<Record<OsTool, string>> = { apt: 'DL3008', apk: 'DL3018', yum: 'DL3033', zypper: 'DL3037', dnf: 'DL3041', microdnf: 'DL3041' };

/** How to write a pinned package, per tool. */
const SPELLING: Readonly<Record<OsTool, string>> = {
  apt: '<package>=<version>',
  apk: '<package>=<version>',
  yum: '<package>-<version>',
  dnf: '<package>-<version>',
  microdnf: '<package>-<version>',
  zypper: '<package>=<version>',
};

const LISTED = 5;

const rule: DockerfileRule = {
  meta: {
    id: 'os-package-pinning',
    description: 'OS packages installed by name should name a version, so rebuilds install the same packages.',
    category: 'maintainability',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL3008', 'DL3018', 'DL3033', 'DL3037', 'DL3041'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const { run } of runInstructions(file)) {
      for (const command of osCommands(run.commands)) {
        const packages = installedPackages(command);
        if (!packages) continue;
        const unpinned = packages.filter((word) => !isPinned(command.tool, word.value));
        if (unpinned.length === 0) continue;
        const names = unpinned.map((word) => word.value);
        const listed = names.length <= LISTED ? joinNames(names) : `${names.slice(0, LISTED - 1).join(', ')} and ${names.length - LISTED + 1} more`;
        const label = `\`${command.programName} ${command.subcommand}${command.subcommand === 'module' ? ' install' : ''}\``;
        const pin = command.subcommand === 'module' ? '<module>:<stream>' : SPELLING[command.tool];
        reports.push(report(command.command, `${label} does not pin ${listed}: each build installs whatever version the repository has that day. Write \`${pin}\`${command.tool === 'apk' ? ' (or `<package>~<version>` for a release series)' : ''} to get the same packages on every build.`, {
          codes: [CODES[command.tool]],
        }));
      }
    }
    return reports;
  },
};
export default rule;

function joinNames(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The repository packages a command installs by name; undefined when it installs nothing that could be pinned. */
function installedPackages(command: OsCommand): ShellWord[] | undefined {
  const { tool, subcommand } = command;
  let operands: readonly ShellWord[] = command.operands;
  switch (tool) {
    case 'apt':
      if (subcommand !== 'install') return undefined;
      // `pkg-` removes, `pkg+` installs; `pkg/bookworm-backports` picks a release (a pin of its own).
      operands = operands.filter((word) => !/[-+]$/.test(word.value));
      break;
    case 'apk':
      if (subcommand !== 'add') return undefined;
      break;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (subcommand === 'module') {
        if (operands[0]?.value !== 'install') return undefined;
        return operands.slice(1).filter((word) => !isDynamic(word) && !word.value.includes(':') && !word.value.startsWith('@'));
      }
      if (subcommand !== 'install') return undefined;
      // `@group`, `@module:stream`, `'dnf-command(config-manager)'`, `/usr/bin/foo` are not packages with versions.
      operands = operands.filter((word) => !word.value.startsWith('@') && !/[()]/.test(word.value));
      break;
    case 'zypper':
      if (subcommand !== 'install' && subcommand !== 'in') return undefined;
      // `zypper in -t pattern devel_basis`: patterns, patches and products have no version to pin.
      if ((zypperType(command) ?? 'package') !== 'package') return undefined;
      operands = operands.filter((word) => !/^(pattern|patch|product|srcpackage|application):/.test(word.value));
      break;
  }
  return operands.filter((word) => !isDynamic(word) && !isPackageFile(word.value) && !/[*?[\]]/.test(word.value) && word.value !== '');
}

function zypperType(command: OsCommand): string | undefined {
  const words = command.words;
  for (let index = 0; index < words.length; index++) {
    const value = words[index].value;
    if (value === '-t' || value === '--type') return words[index + 1]?.value;
    if (value.startsWith('--type=')) return value.slice('--type='.length);
    if (/^-t[a-z]+$/.test(value)) return value.slice(2);
  }
  return undefined;
}
