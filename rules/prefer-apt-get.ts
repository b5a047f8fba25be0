import type { DockerfileRule, Fix, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import type { RunInfo } from '../src/model/run.js';
import { replace, report, safeFix, unsafeFix, runInstructions } from '../src/rule-kit.js';
import type { OsCommand } from '../src/knowledge/os-packages.js';
import { deletedPaths, deletesDir, osCommands, throwawayMounts } from '../src/knowledge/os-packages.js';
import { cacheContextAt, chainUnknown, covers, dockerCleanRemoved } from '../src/knowledge/caches.js';
import { baseImage, distroOf } from '../src/knowledge/images.js';

/** `apt <subcommand>` → what apt-get runs the same way. */
const APT_GET: Readonly<Record<string, string>> = {
  install: 'install',
  reinstall: 'install --reinstall',
  update: 'update',
  // apt's upgrade may install new dependencies; apt-get's does so only when asked.
  upgrade: 'upgrade --with-new-pkgs',
  'full-upgrade': 'dist-upgrade',
  'dist-upgrade': 'dist-upgrade',
  remove: 'remove',
  purge: 'purge',
  autoremove: 'autoremove',
  'build-dep': 'build-dep',
  satisfy: 'satisfy',
  source: 'source',
  download: 'download',
  changelog: 'changelog',
  clean: 'clean',
  autoclean: 'autoclean',
  check: 'check',
};

/** `apt <subcommand>` → the apt-cache query that prints the same information. */
const APT_CACHE = new Set(['search', 'show', 'policy', 'depends', 'rdepends', 'showsrc', 'showpkg']);

/** Subcommands that download .deb files, which apt deletes after installing and apt-get keeps. */
const DOWNLOADS_DEBS = new Set(['install', 'reinstall', 'upgrade', 'full-upgrade', 'dist-upgrade', 'build-dep', 'satisfy']);

const rule: DockerfileRule = {
  meta: {
    id: 'prefer-apt-get',
    description: 'Scripts should call apt-get and apt-cache, whose interface is stable, rather than apt, which is meant for people at a terminal.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3027'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const { instruction, run } of runInstructions(file)) {
      for (const command of osCommands(run.commands)) {
        if (command.tool !== 'apt' || command.programName !== 'apt' || !command.subcommandWord) continue;
        const sub = command.subcommand;
        const range = { start: command.program.start, end: command.subcommandWord.end };
        if (APT_GET[sub] !== undefined) {
          const target = `apt-get ${APT_GET[sub]}`;
          const fix = fixFor(file, instruction, run, command, APT_GET[sub]);
          reports.push(report(range, `\`apt ${sub}\` is meant for interactive use and has no stable command-line interface: its behaviour and output may change between releases. Use \`${target}\` in scripts.`, fix ? { fix } : {}));
        } else if (APT_CACHE.has(sub)) {
          const edit = exactReplace(file, command.program, 'apt-cache');
          reports.push(report(range, `\`apt ${sub}\` is meant for interactive use and has no stable output. Use \`apt-cache ${sub}\` in scripts.`, edit ? {
            suggestions: [{ description: `Use apt-cache ${sub} (its output lists every version, not only the candidate)`, edits: [edit] }],
          } : {}));
        } else if (sub === 'list') {
          reports.push(report(range, '`apt list` is meant for interactive use and has no stable output. In scripts, use `dpkg-query -W` for installed packages or `apt-cache policy` for available versions.'));
        }
      }
    }
    return reports;
  },
};
export default rule;

function exactReplace(file: DockerfileModel, word: { start: number; end: number; raw: string }, text: string): TextEdit | undefined {
  if (file.text.slice(word.start, word.end) !== word.raw) return undefined;
  return replace(word, word.raw.startsWith('"') ? JSON.stringify(text) : text);
}

function fixFor(file: DockerfileModel, instruction: Instruction, run: RunInfo, command: OsCommand, replacement: string): Fix | undefined {
  const [subcommand, ...extra] = replacement.split(' ');
  const subWord = command.subcommandWord!;
  const edits: TextEdit[] = [];
  const program = exactReplace(file, command.program, 'apt-get');
  if (!program) return undefined;
  edits.push(program);
  if (subcommand !== command.subcommand || extra.length > 0) {
    const json = subWord.raw.startsWith('"');
    const text = json ? [subcommand, ...extra].map((part) => JSON.stringify(part)).join(', ') : [subcommand, ...extra].join(' ');
    if (file.text.slice(subWord.start, subWord.end) !== subWord.raw) return undefined;
    edits.push(replace(subWord, text));
  }
  return keepsDebsOutOfLayer(file, instruction, run, command) ? safeFix(...edits) : unsafeFix(...edits);
}

/**
 * apt deletes the .deb files it downloads; apt-get keeps them in
 * /var/cache/apt/archives. The switch leaves the image as it was when
 * something else removes them: Debian's docker-clean hook, a cache or tmpfs
 * mount, or a clean-up later in the RUN.
 */
function keepsDebsOutOfLayer(file: DockerfileModel, instruction: Instruction, run: RunInfo, command: OsCommand): boolean {
  if (!DOWNLOADS_DEBS.has(command.subcommand)) return true;
  const stage = instruction.stage;
  if (!stage) return false;
  const archives = '/var/cache/apt/archives';
  if (throwawayMounts(file, instruction, run).targets.some((target) => covers(target, archives))) return true;
  if (distroOf(baseImage(stage)) === 'debian' && !chainUnknown(stage) && !dockerCleanRemoved(file, instruction)) return true;
  const context = cacheContextAt(file, instruction);
  const after = run.commands.filter((other) => other.start >= command.command.end);
  if (osCommands(after).some((other) => other.tool === 'apt' && (other.subcommand === 'clean' || other.subcommand === 'dist-clean'))) return true;
  return after.some((other) => deletesDir(deletedPaths(other, context?.home, context?.workdir ?? '/'), archives));
}
