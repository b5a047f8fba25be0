import type { DockerfileRule, Report } from '../src/types.js';
import type { BuildState, DockerfileModel, Instruction, Word } from '../src/model/dockerfile.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import { joinPosix } from '../src/model/dockerfile.js';
import { isPosixShellName } from '../src/model/run.js';
import { report } from '../src/rule-kit.js';
import {
  basename, copyOperands, expandWord, hasDetachedFlagValue, hasGlob, isAbsoluteImagePath, isHeredocSource, isRemoteSource,
  isUnpackedArchiveName, stripQuotes,
} from '../src/knowledge/instructions.js';

const rule: DockerfileRule = {
  meta: {
    id: 'copy-then-extract',
    description: 'A tar archive is COPYed and then unpacked by a RUN; ADD unpacks it in one step without keeping the archive in a layer.',
    category: 'performance',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL3010'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      stage.instructions.forEach((instruction, position) => {
        if (instruction.keyword !== 'COPY' || instruction.flags.some((flag) => flag.name === 'from') || hasDetachedFlagValue(instruction)) return;
        const later = stage.instructions.slice(position + 1);
        for (const archive of copiedArchives(file, instruction)) {
          const found = findExtraction(file, later, archive.path);
          if (!found) continue;
          const line = file.source.position(found.instruction.start).line;
          const into = found.directory ? ` ${stripQuotes(archive.word.value, file.escapeChar)} ${found.directory.replace(/\/?$/, '/')}` : '';
          reports.push(report(archive.word, `${basename(archive.path)} is copied in and then unpacked by tar (line ${line}), so the archive itself stays in this COPY's layer: ADD${into} unpacks a local tar archive in one step.`));
        }
      });
    }
    return reports;
  },
};

interface CopiedArchive {
  readonly word: Word;
  /** Where the archive lands in the image. */
  readonly path: string;
}

function copiedArchives(file: DockerfileModel, instruction: Instruction): CopiedArchive[] {
  const { sources, destination } = copyOperands(instruction);
  if (!destination) return [];
  const state = instruction.state;
  const target = expandWord(file, destination.value, state);
  if (target.includes('$')) return [];
  const intoDirectory = sources.length > 1 || target.endsWith('/') || /(^|\/)\.\.?$/.test(target);
  // The model keeps the quotes of `WORKDIR "/app"`.
  const base = joinPosix(stripQuotes(state.workdir, file.escapeChar), target);
  const archives: CopiedArchive[] = [];
  for (const word of sources) {
    if (isHeredocSource(word.value)) continue;
    const source = expandWord(file, word.value, state);
    if (source.includes('$') || hasGlob(source) || isRemoteSource(source)) continue;
    const path = intoDirectory ? joinPosix(base, basename(source)) : base;
    if (isUnpackedArchiveName(source) || isUnpackedArchiveName(path)) archives.push({ word, path });
  }
  return archives;
}

interface Extraction {
  readonly instruction: Instruction;
  /** The `-C` directory, when tar is given one. */
  readonly directory: string | undefined;
}

/**
 * The first later RUN whose tar unpacks the whole archive, unless something
 * else reads the archive too (a checksum check, a second copy…), which ADD
 * would take away.
 */
function findExtraction(file: DockerfileModel, instructions: readonly Instruction[], path: string): Extraction | undefined {
  const name = basename(path);
  let found: Extraction | undefined;
  for (const instruction of instructions) {
    const candidate = instruction.trigger ?? instruction;
    if (candidate.keyword !== 'RUN') {
      if (candidate.keyword !== 'COPY' && candidate.keyword !== 'ADD' && candidate.keyword !== 'WORKDIR') continue;
      if (candidate.argsText.includes(name)) return undefined;
      continue;
    }
    const commands = candidate.run?.commands ?? [];
    if (commands.length === 0 || candidate !== instruction) {
      if (candidate.argsText.includes(name) || candidate.heredocs.some((heredoc) => heredoc.body.includes(name))) return undefined;
      continue;
    }
    const state = instruction.state;
    const handled = new Set<SimpleCommand>();
    for (const command of commands) {
      const tar = readTar(command);
      if (!tar) continue;
      const feeder = tar.archive === undefined || tar.archive === '-' ? stdinSource(commands, command) : undefined;
      const archive = feeder ? feeder.path : tar.archive;
      if (archive === undefined || archive === '-' || !sameFile(file, archive, path, state)) continue;
      handled.add(command);
      if (feeder?.command) handled.add(feeder.command);
      // As another user, tar makes that user the owner; ADD would leave the files as the archive has them.
      if (!tar.supported || !runsAsRoot(state)) return undefined;
      const directory = tar.directory === undefined ? undefined : expandWord(file, tar.directory, state);
      found ??= { instruction, directory: directory && !directory.includes('$') && isAbsoluteImagePath(directory) ? directory : undefined };
    }
    for (const command of commands) {
      if (handled.has(command) || command.name?.value === 'rm' || runsNestedScript(command)) continue;
      if ([command.name, ...command.args, ...command.redirects.map((redirect) => redirect.target)].some((word) => word?.value.includes(name))) return undefined;
    }
  }
  return found;
}

/** `sh -c '…'`: the script's commands are parsed on their own, so the shell word itself is no use of the archive. */
function runsNestedScript(command: SimpleCommand): boolean {
  return command.name !== undefined && isPosixShellName(command.name.value) && command.args.some((word) => /^-[a-z]*c[a-z]*$/.test(word.value));
}

function runsAsRoot(state: BuildState): boolean {
  const user = state.user === undefined ? undefined : stripQuotes(state.user);
  return user === undefined || /^(root|0)(:(root|0))?$/.test(user);
}

function sameFile(file: DockerfileModel, written: string, path: string, state: BuildState): boolean {
  const value = expandWord(file, written, state);
  if (value.includes('$')) return false;
  return value.startsWith('/') ? joinPosix('/', value) === path : basename(value) === basename(path);
}

interface TarCall {
  /** The -f value; undefined when tar reads standard input. */
  readonly archive: string | undefined;
  readonly directory: string | undefined;
  /** Only options ADD can stand in for: no members, --strip-components, --exclude, other compressors… */
  readonly supported: boolean;
}

const SHORT_OK = new Set(['x', 'f', 'z', 'j', 'J', 'v', 'p', 'a', 'C']);
const LONG_OK = new Set([
  'extract', 'get', 'file', 'gzip', 'gunzip', 'ungzip', 'bzip2', 'xz', 'verbose', 'directory', 'preserve-permissions',
  'same-permissions', 'auto-compress', 'overwrite',
]);

/** A `tar` that extracts, with its archive and directory; undefined for anything else. */
function readTar(command: SimpleCommand): TarCall | undefined {
  const program = command.name ? basename(command.name.value) : '';
  if (program !== 'tar' && program !== 'gtar' && program !== 'bsdtar') return undefined;
  const args = command.args.map((word) => word.value);
  let extract = false;
  let supported = true;
  let archive: string | undefined;
  let directory: string | undefined;
  const operands: string[] = [];
  /** `-xzf file`, `-Cdir`: letters after -f or -C are its value, else the next word is. */
  const takeShort = (letters: string, index: number): number => {
    let consumed = index;
    for (let position = 0; position < letters.length; position++) {
      const letter = letters[position];
      if (letter === 'x') extract = true;
      if (!SHORT_OK.has(letter)) supported = false;
      if (letter !== 'f' && letter !== 'C') continue;
      const inline = letters.slice(position + 1);
      const value = inline !== '' ? inline : args[++consumed];
      if (letter === 'f') archive = value;
      else directory = value;
      break;
    }
    return consumed;
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (index === 0 && !arg.startsWith('-')) {
      // Old-style bundled letters (`tar xzf file.tgz`): arguments follow in order.
      let next = index;
      for (const letter of arg) {
        if (letter === 'x') extract = true;
        if (!SHORT_OK.has(letter)) supported = false;
        if (letter === 'f') archive = args[++next];
        if (letter === 'C') directory = args[++next];
      }
      index = next;
      continue;
    }
    if (arg === '--') {
      operands.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const option = arg.slice(2, eq < 0 ? undefined : eq);
      if (option === 'extract' || option === 'get') extract = true;
      if (!LONG_OK.has(option)) supported = false;
      if (option === 'file' || option === 'directory') {
        const value = eq < 0 ? args[++index] : arg.slice(eq + 1);
        if (option === 'file') archive = value;
        else directory = value;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      index = takeShort(arg.slice(1), index);
      continue;
    }
    operands.push(arg);
  }
  if (!extract) return undefined;
  if (operands.length > 0) supported = false;
  return { archive, directory, supported };
}

const FEEDERS = new Set(['cat', 'zcat', 'gzip', 'gunzip', 'bzip2', 'bunzip2', 'bzcat', 'xz', 'unxz', 'xzcat']);

/** What a tar reading standard input reads: a `<` redirect, or the file the command before it in a pipeline decompresses. */
function stdinSource(commands: readonly SimpleCommand[], tar: SimpleCommand): { path: string; command: SimpleCommand | undefined } | undefined {
  const redirect = tar.redirects.find((candidate) => candidate.op === '<' || candidate.op === '0<');
  if (redirect?.target) return { path: redirect.target.value, command: undefined };
  if (tar.joiner !== '|') return undefined;
  const previous = commands[commands.indexOf(tar) - 1];
  if (!previous || previous.pipeline !== tar.pipeline || !previous.name || !FEEDERS.has(basename(previous.name.value))) return undefined;
  const files = previous.args.filter((word) => !word.value.startsWith('-'));
  return files.length === 1 ? { path: files[0].value, command: previous } : undefined;
}
export default rule;
