/**
 * OS package managers (apt-get/apt/aptitude, apk, yum, dnf, microdnf, zypper)
 * as the non-interactive, pinning, cleanup, recommends and apt-vs-apt-get
 * rules read them: the program word, every option (global ones included),
 * settings written earlier in the stage, what a RUN deletes, and the two edits
 * those rules make (a flag after a word, a command appended to a chain).
 */
import type { DockerfileModel, Instruction, Stage } from '../model/dockerfile.js';
import { joinPosix } from '../model/dockerfile.js';
import type { RunInfo, RunScript } from '../model/run.js';
import type { ShellWord, SimpleCommand } from '../shell/ast.js';
import type { TextEdit } from '../types.js';
import type { PackageCommand } from './package-managers.js';
import { readPackageCommand, toolOfProgram } from './package-managers.js';
import { covers, effectiveState, mountTarget, scriptOf } from './caches.js';

export type OsTool = 'apt' | 'apk' | 'dnf' | 'yum' | 'microdnf' | 'zypper';

const OS_TOOLS = new Set<string>(['apt', 'apk', 'dnf', 'yum', 'microdnf', 'zypper']);

export interface OsCommand extends PackageCommand {
  readonly tool: OsTool;
  /** The word that names the tool (`apt-get`, `/usr/bin/dnf`). */
  readonly program: ShellWord;
  /** Its base name: `apt-get`, `apt`, `aptitude`, `dnf`, `dnf5`… */
  readonly programName: string;
  /** Every word after the program: global options, the subcommand, its options and operands. */
  readonly words: readonly ShellWord[];
  /** Options written before the subcommand (`zypper -n install`, `apt-get -y install`). */
  readonly globalWords: readonly ShellWord[];
  /** The subcommand word, when there is one. */
  readonly subcommandWord: ShellWord | undefined;
}

/** Reads a simple command as an OS package-manager command, whatever its subcommand. */
export function readOsCommand(command: SimpleCommand): OsCommand | undefined {
  const read = readPackageCommand(command, { anySubcommand: true });
  if (!read || !OS_TOOLS.has(read.tool)) return undefined;
  return withWords(read as PackageCommand & { tool: OsTool });
}

/** Every OS package-manager command among some simple commands. */
export function osCommands(commands: readonly SimpleCommand[]): OsCommand[] {
  const found: OsCommand[] = [];
  for (const command of commands) {
    const read = readOsCommand(command);
    if (read) found.push(read);
  }
  return found;
}

/** Adds the program and subcommand words to a package command read by package-managers.ts. */
export function withWords<T extends PackageCommand>(read: T): T & { program: ShellWord; programName: string; words: readonly ShellWord[]; globalWords: readonly ShellWord[]; subcommandWord: ShellWord | undefined } {
  const all = read.command.name ? [read.command.name, ...read.command.args] : [...read.command.args];
  let programIndex = all.findIndex((word) => toolOfProgram(word.value) === read.tool);
  if (programIndex < 0) programIndex = 0;
  const program = all[programIndex];
  const words = all.slice(programIndex + 1);
  const afterSubcommand = read.args.length;
  const subcommandWord = read.subcommand !== '' ? words[words.length - afterSubcommand - 1] : undefined;
  const globalEnd = subcommandWord ? words.indexOf(subcommandWord) : words.length - afterSubcommand;
  return {
    ...read,
    program,
    programName: program.value.split('/').pop() ?? program.value,
    words,
    globalWords: words.slice(0, Math.max(globalEnd, 0)),
    subcommandWord,
  };
}

/** `-y` matches `-y`, `-qy`, `-y=…`; `--yes` matches `--yes` and `--yes=…`. */
export function flagWordMatches(value: string, name: string): boolean {
  if (value === name || value.startsWith(`${name}=`)) return true;
  return name.length === 2 && name[0] === '-' && name[1] !== '-' && /^-[A-Za-z]+$/.test(value) && value.includes(name[1]);
}

/** Is one of the options given anywhere after the program (before or after the subcommand)? */
export function hasOption(command: { readonly words: readonly ShellWord[] }, ...names: string[]): boolean {
  return command.words.some((word) => names.some((name) => flagWordMatches(word.value, name)));
}

/** `-q`, `-qq`, `-q=2`, `--quiet=2`, `-q -q`: apt's quiet level (2 implies -y). */
export function aptQuietLevel(command: OsCommand): number {
  let level = 0;
  for (const { value } of command.words) {
    const numeric = /^(?:-q|--quiet)=(\d+)$/.exec(value);
    if (numeric) level = Math.max(level, Number(numeric[1]));
    else if (value === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(value)) level += [...value].filter((char) => char === 'q').length;
  }
  return level;
}

/** RUN, COPY and ADD instructions that ran before `instruction` in its stage chain (all of the chain for an ONBUILD trigger). */
function earlierInstructions(instruction: Instruction): Instruction[] {
  const stage = instruction.stage;
  if (!stage) return [];
  const found: Instruction[] = [];
  for (const current of chainOf(stage)) {
    for (const other of current.instructions) {
      if (other.inOnbuild || (other.keyword !== 'RUN' && other.keyword !== 'COPY' && other.keyword !== 'ADD')) continue;
      if (current === stage && !instruction.inOnbuild && other.index >= instruction.index) continue;
      found.push(other);
    }
  }
  return found;
}

/** The text of the instructions a command's settings can come from: earlier RUN/COPY/ADD of the stage chain, and this RUN up to `before`. */
export function textBefore(file: DockerfileModel, instruction: Instruction, before: number): string {
  const parts = earlierInstructions(instruction).map((other) => file.text.slice(other.start, other.end));
  parts.push(file.text.slice(instruction.start, Math.max(instruction.start, before)));
  return parts.join('\n');
}

/** An earlier COPY or ADD of the stage chain naming a path like `path` (a configuration file whose content dockfix cannot see). */
export function copiesConfig(instruction: Instruction, path: RegExp): boolean {
  return earlierInstructions(instruction).some((other) => other.keyword !== 'RUN' && (other.json ?? other.args).some((word) => path.test(word.value)));
}

function chainOf(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current; current = current.parent) chain.unshift(current);
  return chain;
}

/** The RUNs that run after `instruction` on top of its layer: later in the stage, and in every stage built on it. */
export function laterRuns(file: DockerfileModel, instruction: Instruction): Instruction[] {
  const stage = instruction.stage;
  if (!stage) return [];
  const result: Instruction[] = [];
  for (const other of file.stages) {
    if (!chainOf(other).includes(stage)) continue;
    for (const candidate of other.instructions) {
      if (other === stage && candidate.index <= instruction.index) continue;
      for (const run of [candidate, candidate.trigger]) {
        if (run?.keyword === 'RUN' && run.run) result.push(run);
      }
    }
  }
  return result;
}

export interface MountTargets {
  /** Absolute targets of the RUN's cache and tmpfs mounts. */
  readonly targets: readonly string[];
  /** A cache or tmpfs mount whose target is a variable dockfix cannot resolve. */
  readonly unknown: boolean;
}

/** Cache and tmpfs mounts: what a RUN writes under them never reaches the layer. */
export function throwawayMounts(file: DockerfileModel, instruction: Instruction, run: RunInfo): MountTargets {
  const state = effectiveState(instruction);
  const targets: string[] = [];
  let unknown = false;
  for (const mount of run.mounts) {
    if (mount.type !== 'cache' && mount.type !== 'tmpfs') continue;
    const target = mountTarget(file, mount, state);
    if (target === undefined) unknown = true;
    else targets.push(target);
  }
  return { targets, unknown };
}

const GLOB = /[*?[]/;

/**
 * The directories a command deletes (or empties): `rm` operands, `find <dir> … -delete`
 * or `-exec rm`. A glob cuts the path at its directory (`/var/lib/apt/lists/*_*`
 * counts as emptying `/var/lib/apt/lists`). Operands with variables are left out.
 */
export function deletedPaths(command: SimpleCommand, home: string | undefined, workdir: string): string[] {
  const words = unwrapped(command);
  const program = words[0]?.value.split('/').pop();
  const args = words.slice(1);
  if (program === 'rm') return pathsOf(args.filter((word) => !word.value.startsWith('-')), home, workdir);
  if (program === 'find') {
    const values = args.map((word) => word.value);
    const deletes = values.includes('-delete') || values.some((value, index) => (value === '-exec' || value === '-execdir') && /(^|\/)rm$/.test(values[index + 1] ?? ''));
    if (!deletes) return [];
    const roots: ShellWord[] = [];
    for (const word of args) {
      if (/^[-(!]/.test(word.value)) break;
      roots.push(word);
    }
    return pathsOf(roots, home, workdir);
  }
  return [];
}

const RUNS_ANOTHER = new Set(['sudo', 'doas', 'env', 'nice', 'nohup', 'exec', 'command', 'time']);

/** The words of a command without `sudo`, `env X=1` and the like in front. */
function unwrapped(command: SimpleCommand): ShellWord[] {
  const words = command.name ? [command.name, ...command.args] : [];
  let index = 0;
  while (index < words.length && RUNS_ANOTHER.has(words[index].value.split('/').pop() ?? '')) {
    index++;
    while (index < words.length && (words[index].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index].value))) index++;
  }
  return words.slice(index);
}

function pathsOf(words: readonly ShellWord[], home: string | undefined, workdir: string): string[] {
  const paths: string[] = [];
  for (const word of words) {
    let value = word.value.replace(/^\$\{?HOME\}?(?=\/|$)/, home ?? '$HOME');
    if (value === '~' || value.startsWith('~/')) value = home ? home + value.slice(1) : value;
    if (value.includes('$') || value.includes('`') || value === '') continue;
    const parts = value.split('/');
    const globAt = parts.findIndex((part) => GLOB.test(part));
    const kept = globAt < 0 ? parts : parts.slice(0, globAt);
    const path = kept.join('/') || (value.startsWith('/') ? '/' : '.');
    paths.push(joinPosix(workdir, path));
  }
  return paths;
}

/** Does deleting one of `paths` remove `dir` or everything in it? */
export function deletesDir(paths: readonly string[], dir: string): boolean {
  return paths.some((path) => covers(path, dir));
}

/** Is the command fed answers by `yes |`, `echo y |` or `printf … |`? */
export function answeredByPipe(run: RunInfo, command: SimpleCommand): boolean {
  const script = scriptOf(run, command);
  if (!script) return false;
  const pipeline = script.shell.pipelines[command.pipeline];
  if (!pipeline) return false;
  const position = pipeline.commands.findIndex((index) => script.shell.commands[index] === command);
  return pipeline.commands.slice(0, Math.max(position, 0)).some((index) => {
    const name = script.shell.commands[index].name?.value.split('/').pop();
    return name === 'yes' || name === 'echo' || name === 'printf';
  });
}

/** A command of the exec form that is not a shell (`["apt-get", "install", …]`): its words are JSON strings. */
export function isJsonCommand(run: RunInfo, command: SimpleCommand): boolean {
  const script = scriptOf(run, command);
  return run.execForm && script?.origin === 'exec' && script.shell.commands.length === 1 && command.name?.raw.startsWith('"') === true;
}

/** Inserts an option right after a word of a command (`install` → `install -y`); undefined when offsets are not exact. */
export function insertAfterWord(file: DockerfileModel, run: RunInfo, command: SimpleCommand, word: ShellWord, option: string): TextEdit | undefined {
  if (file.text.slice(word.start, word.end) !== word.raw) return undefined;
  if (isJsonCommand(run, command)) return { start: word.end, end: word.end, text: `, ${JSON.stringify(option)}` };
  if (scriptOf(run, command)?.origin === 'exec' && /["\\]/.test(option)) return undefined;
  return { start: word.end, end: word.end, text: ` ${option}` };
}

/**
 * Appends `&& <text>` after the last command of a RUN script, when that keeps
 * the script's meaning: every command sits at the top level (no if/for,
 * subshells, groups or `sh -c` around the commands that matter), commands are
 * joined by `&&`, `;`, newlines or pipes only (no `||`, no `&`), nothing but
 * blanks or a comment follows, and the script is the RUN's last. Undefined otherwise.
 */
export function appendToChain(file: DockerfileModel, run: RunInfo, anchors: readonly SimpleCommand[], text: string): TextEdit | undefined {
  if (anchors.length === 0 || /["\\]/.test(text) && run.execForm) return undefined;
  const script = scriptOf(run, anchors[0]);
  if (!script || script !== run.scripts[run.scripts.length - 1]) return undefined;
  if (script.shell.errors.length > 0) return undefined;
  if (anchors.some((anchor) => anchor.nesting !== 'top' || !script.shell.commands.includes(anchor))) return undefined;
  if (run.execForm && isJsonCommand(run, anchors[0])) return undefined;
  const commands = script.shell.commands;
  const top = commands.filter((command) => command.nesting === 'top');
  const inside = (command: SimpleCommand) => top.some((outer) => outer.start <= command.start && command.end <= outer.end);
  if (commands.some((command) => command.nesting !== 'top' && !(command.nesting === 'substitution' && inside(command)))) return undefined;
  if (top.some((command) => command.joiner === '||' || command.joiner === '&')) return undefined;
  const last = top[top.length - 1];
  if (!last) return undefined;
  const lastWord = [last.name, ...last.args].filter((word): word is ShellWord => word !== undefined).pop();
  if (lastWord && file.text.slice(lastWord.start, lastWord.end) !== lastWord.raw) return undefined;
  if (!restIsBlank(script, last.end)) return undefined;
  return { start: last.end, end: last.end, text: ` && ${text}` };
}

function restIsBlank(script: RunScript, end: number): boolean {
  const rest = script.text.slice(end - script.offset);
  return /^(?:[ \t\r\n;]|\\\r?\n|#[^\n]*)*$/.test(rest);
}

/** `sudo ` when the command runs through sudo, so appended clean-up runs with the same rights. */
export function sudoPrefix(command: SimpleCommand): string {
  return command.name?.value.split('/').pop() === 'sudo' ? 'sudo ' : '';
}

/** Operands that are files or URLs rather than repository packages: `./x.deb`, `/tmp/*.rpm`, `https://…`. */
export function isPackageFile(value: string): boolean {
  return value.includes('/') || /\.(deb|rpm|apk)$/i.test(value);
}

/** Words whose value dockfix cannot know (`$PKGS`, `$(cat list)`). */
export function isDynamic(word: ShellWord): boolean {
  return word.dynamic || /[$`]/.test(word.value);
}

const VERSION_CHAR = /^[A-Za-z0-9.~^_:+]+$/;

/** `name-1.2.3`, `name-1.2-3.el9`: rpm's name-version(-release) spelling (a part after a dash starts with a digit). */
export function hasRpmVersion(value: string): boolean {
  if (/\.rpm$/i.test(value)) return true;
  const parts = value.split('-').slice(1);
  return parts.length > 0 && parts.every((part) => VERSION_CHAR.test(part)) && parts.some((part) => /^\d/.test(part));
}

/** Whether one package operand names a version for its tool. */
export function isPinned(tool: OsTool, value: string): boolean {
  switch (tool) {
    case 'apt':
      return value.includes('=');
    case 'apk':
      return /[=~<>]/.test(value);
    case 'dnf':
    case 'yum':
    case 'microdnf':
    case 'zypper':
      return /[=<>]/.test(value) || hasRpmVersion(value);
  }
}
