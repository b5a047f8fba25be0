/**
 * Reads the simple commands of a RUN as program invocations: which program
 * actually runs (seeing through `sudo`, `env`, `exec`, `command`, `nice`…),
 * its options parsed getopt-style, where pipes are and what each side of
 * them runs, and whether pipefail is in force for a pipe. Shared by the
 * rules about shell commands inside RUN.
 */
import type { ShellPipeline, ShellScript, ShellWord, SimpleCommand } from '../shell/ast.js';
import type { RunInfo, RunScript } from '../model/run.js';
import { isPosixShellName } from '../model/run.js';

/** A program run by a simple command, after any wrappers. */
export interface Invocation {
  readonly command: SimpleCommand;
  /** The word naming the program that runs. */
  readonly program: ShellWord;
  /** The program's base name (`/usr/bin/wget` → `wget`). */
  readonly name: string;
  /** The words after the program word. */
  readonly args: readonly ShellWord[];
  /** Base names of the wrappers seen through, outermost first (`sudo`, `env`…). */
  readonly wrappers: readonly string[];
  /** `NAME=value` words the wrappers set for the program (`env NODE_ENV=production npm ci`). */
  readonly wrapperEnv: ReadonlyMap<string, string>;
}

/** The base name of a program word. */
export function baseName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

interface WrapperSpec {
  /** Options that take a separate value (short ones also take it attached). */
  readonly valueOptions: readonly string[];
  /** Words after the options that come before the wrapped program (`timeout 10 cmd`, `gosu user cmd`). */
  readonly positional: number;
  /** NAME=value words are assignments, not the program. */
  readonly assignments?: boolean;
  /** Options that make the wrapper run nothing (`command -v x` looks a name up). */
  readonly lookupOptions?: readonly string[];
}

const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  sudo: {
    valueOptions: ['-u', '-g', '-C', '-D', '-h', '-p', '-R', '-r', '-T', '-t', '-U', '--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--chroot', '--role', '--type', '--command-timeout', '--other-user'],
    positional: 0,
    assignments: true,
    lookupOptions: ['-l', '--list', '-v', '--validate', '-k', '-K', '--reset-timestamp', '--remove-timestamp', '-V', '--version', '-h', '--help'],
  },
  doas: { valueOptions: ['-u', '-C'], positional: 0 },
  env: { valueOptions: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], positional: 0, assignments: true },
  exec: { valueOptions: ['-a'], positional: 0 },
  command: { valueOptions: [], positional: 0, lookupOptions: ['-v', '-V'] },
  builtin: { valueOptions: [], positional: 0 },
  nice: { valueOptions: ['-n', '--adjustment'], positional: 0 },
  ionice: { valueOptions: ['-c', '--class', '-n', '--classdata'], positional: 0 },
  nohup: { valueOptions: [], positional: 0 },
  time: { valueOptions: ['-f', '--format', '-o', '--output'], positional: 0 },
  timeout: { valueOptions: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  stdbuf: { valueOptions: ['-i', '-o', '-e', '--input', '--output', '--error'], positional: 0 },
  setsid: { valueOptions: [], positional: 0 },
  chroot: { valueOptions: ['--userspec', '--groups'], positional: 1 },
  gosu: { valueOptions: [], positional: 1 },
  'su-exec': { valueOptions: [], positional: 1 },
  busybox: { valueOptions: [], positional: 0 },
  eatmydata: { valueOptions: [], positional: 0 },
  fakeroot: { valueOptions: [], positional: 0 },
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The program a simple command runs. `sudo -u app npm ci` runs npm with
 * wrappers ['sudo']; `command -v ps` and `sudo -l` run only their wrapper.
 */
export function invocationOf(command: SimpleCommand): Invocation | undefined {
  if (!command.name) return undefined;
  const words = [command.name, ...command.args];
  const wrappers: string[] = [];
  const wrapperEnv = new Map<string, string>();
  let index = 0;
  for (let depth = 0; depth < 8; depth++) {
    const name = baseName(words[index].value);
    const spec = WRAPPERS[name];
    if (!spec) break;
    let next = index + 1;
    let lookup = false;
    let positional = spec.positional;
    while (next < words.length) {
      const value = words[next].value;
      if (value === '--') {
        next++;
        break;
      }
      if (value.startsWith('-') && value.length > 1) {
        if (spec.lookupOptions?.includes(value)) lookup = true;
        const eq = value.indexOf('=');
        const option = value.startsWith('--') && eq > 0 ? value.slice(0, eq) : value;
        const takesValue = spec.valueOptions.includes(option) && !(value.startsWith('--') && eq > 0);
        next += takesValue ? 2 : 1;
        continue;
      }
      if (spec.assignments && ASSIGNMENT.test(value)) {
        const eq = value.indexOf('=');
        wrapperEnv.set(value.slice(0, eq), value.slice(eq + 1));
        next++;
        continue;
      }
      if (positional > 0) {
        positional--;
        next++;
        continue;
      }
      break;
    }
    if (lookup || next >= words.length) {
      // The wrapper itself is what runs (`sudo -l`, `command -v ps`, a bare `exec`).
      break;
    }
    wrappers.push(name);
    index = next;
  }
  const program = words[index];
  return { command, program, name: baseName(program.value), args: words.slice(index + 1), wrappers, wrapperEnv };
}

/** Every invocation among some commands, in order. */
export function invocations(commands: readonly SimpleCommand[]): Invocation[] {
  const found: Invocation[] = [];
  for (const command of commands) {
    const invocation = invocationOf(command);
    if (invocation) found.push(invocation);
  }
  return found;
}

/** Invocations of the given programs (by base name). */
export function invocationsOf(commands: readonly SimpleCommand[], ...names: string[]): Invocation[] {
  return invocations(commands).filter((invocation) => names.includes(invocation.name));
}

// ------------------------------------------------------------------ options

export interface ParsedOption {
  /** `-u` for short options (one letter each, also inside bundles), `--uid` for long ones. */
  readonly name: string;
  readonly value: string | undefined;
  /** The word holding the option (the first one when its value is the next word). */
  readonly word: ShellWord;
  /** The word holding the value, when it is a separate word. */
  readonly valueWord: ShellWord | undefined;
}

export interface OptionSpec {
  /** Short option letters that take a value (`uO` for `-u 1000`, `-O-`). */
  readonly shortWithValue?: string;
  /** Long options that take a value, with their dashes (`--uid`). */
  readonly longWithValue?: readonly string[];
}

export interface ParsedArgs {
  readonly options: readonly ParsedOption[];
  readonly operands: readonly ShellWord[];
}

/**
 * Reads arguments getopt_long-style: bundled short options (`-lmu1000`),
 * `--name=value`, `--name value`, options after operands, and `--` ending the
 * options.
 */
export function parseArgs(args: readonly ShellWord[], spec: OptionSpec = {}): ParsedArgs {
  const shortWithValue = spec.shortWithValue ?? '';
  const longWithValue = spec.longWithValue ?? [];
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index];
    const value = word.value;
    if (value === '--') {
      operands.push(...args.slice(index + 1));
      break;
    }
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      if (eq > 0) {
        options.push({ name: value.slice(0, eq), value: value.slice(eq + 1), word, valueWord: undefined });
      } else if (longWithValue.includes(value) && index + 1 < args.length) {
        const valueWord = args[++index];
        options.push({ name: value, value: valueWord.value, word, valueWord });
      } else {
        options.push({ name: value, value: undefined, word, valueWord: undefined });
      }
      continue;
    }
    if (value.startsWith('-') && value.length > 1) {
      for (let position = 1; position < value.length; position++) {
        const letter = value[position];
        if (shortWithValue.includes(letter)) {
          const attached = value.slice(position + 1);
          if (attached) {
            options.push({ name: `-${letter}`, value: attached, word, valueWord: undefined });
          } else if (index + 1 < args.length) {
            const valueWord = args[++index];
            options.push({ name: `-${letter}`, value: valueWord.value, word, valueWord });
          } else {
            options.push({ name: `-${letter}`, value: undefined, word, valueWord: undefined });
          }
          break;
        }
        options.push({ name: `-${letter}`, value: undefined, word, valueWord: undefined });
      }
      continue;
    }
    operands.push(word);
  }
  return { options, operands };
}

/** Is any of the named options given (`-q`, `--quiet`)? */
export function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some((option) => names.includes(option.name));
}

/** The value of the last of the named options given. */
export function optionValue(parsed: ParsedArgs, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const option of parsed.options) if (names.includes(option.name)) found = option.value;
  return found;
}

// -------------------------------------------------------------- structure

/** The script of a RUN that holds a command. */
export function scriptOfCommand(run: RunInfo, command: SimpleCommand): RunScript | undefined {
  return run.scripts.find((script) => script.shell.commands.includes(command));
}

/**
 * The innermost `sh -c '…'` / `bash -c "…"` whose script argument holds the
 * offset: the shell that runs a command nested as `shell-c`.
 */
export function enclosingShell(script: ShellScript, offset: number): SimpleCommand | undefined {
  let best: SimpleCommand | undefined;
  for (const command of script.commands) {
    if (!command.name || !isPosixShellName(baseName(command.name.value))) continue;
    const scriptWord = shellScriptArgument(command);
    if (!scriptWord || offset < scriptWord.start || offset >= scriptWord.end) continue;
    if (!best || scriptWord.start >= shellScriptArgument(best)!.start) best = command;
  }
  return best;
}

/** The script word of `sh -c SCRIPT` (also `bash -ec`, `bash -o pipefail -c`). */
export function shellScriptArgument(command: SimpleCommand): ShellWord | undefined {
  const index = command.args.findIndex((word) => /^-[A-Za-z]*c[A-Za-z]*$/.test(word.value));
  return index >= 0 ? command.args[index + 1] : undefined;
}

/** Do shell options (`-o pipefail`, `-euxo pipefail`) turn pipefail on? */
export function enablesPipefail(words: readonly string[]): boolean {
  for (let index = 1; index < words.length; index++) {
    if (words[index] === 'pipefail' && /^-[A-Za-z]*o[A-Za-z]*$/.test(words[index - 1])) return true;
  }
  return false;
}

/** `set -o pipefail`, `set -euo pipefail`, `set -o errexit -o pipefail`. */
export function setsPipefail(command: SimpleCommand): boolean {
  return command.name?.value === 'set' && enablesPipefail(['set', ...command.args.map((word) => word.value)]);
}

/** A pipe inside a script: the pipeline and the commands on each side of its last `|`. */
export interface Pipe {
  readonly pipeline: ShellPipeline;
  /** The first command of the pipeline (where it is reported). */
  readonly first: SimpleCommand;
  /** Offset of the last `|` of the pipeline. */
  readonly pipeOffset: number;
  /** Commands that feed the last stage (nested ones included, command substitutions left out). */
  readonly left: readonly SimpleCommand[];
  /** The commands of the last stage. */
  readonly right: readonly SimpleCommand[];
  /** Range of the whole pipeline, from its first command. */
  readonly start: number;
  readonly end: number;
}

/**
 * The pipelines of a script that have a pipe, from the parsed pipelines:
 * `a | b`, `{ echo; echo; } | tee f`, `curl … | (cd x && tar x)`.
 * `text` is the file text the script's offsets point into.
 */
export function pipesOf(script: ShellScript, text: string): Pipe[] {
  const pipes: Pipe[] = [];
  for (const pipeline of script.pipelines) {
    const members = pipeline.commands.map((index) => script.commands[index]);
    let pipeOffset = -1;
    for (const member of members) {
      if (member.joiner === '|') pipeOffset = Math.max(pipeOffset, text.lastIndexOf('|', member.start - 1));
      // A subshell or group as the last stage leaves no member after the `|`.
      const after = /^[ \t]*(?:\\\r?\n[ \t]*)*\|(?!\|)/.exec(text.slice(member.end, Math.min(pipeline.end, member.end + 400)));
      if (after && member.end + after[0].length - 1 < pipeline.end) pipeOffset = Math.max(pipeOffset, member.end + after[0].length - 1);
    }
    if (pipeOffset < 0) continue;
    const inside = script.commands.filter((command) => command.start >= pipeline.start && command.end <= pipeline.end);
    const left = inside.filter((command) => command.end <= pipeOffset && command.nesting !== 'substitution');
    const right = inside.filter((command) => command.start > pipeOffset && command.nesting !== 'substitution');
    const first = inside.find((command) => command.nesting !== 'substitution') ?? members[0];
    if (!first || left.length === 0) continue;
    const last = right[right.length - 1] ?? members[members.length - 1];
    pipes.push({ pipeline, first, pipeOffset, left, right, start: first.start, end: Math.max(last.end, first.end) });
  }
  return pipes;
}

// ------------------------------------------------------------------ edits

/** True when the command is the exec form's own JSON array (`RUN ["wget", "…"]`), not a script. */
export function isJsonCommand(instruction: { readonly json?: readonly { readonly start: number }[] | undefined; readonly run?: RunInfo | undefined }, command: SimpleCommand): boolean {
  const json = instruction.json;
  if (!json || !instruction.run?.execForm || !command.name) return false;
  const script = scriptOfCommand(instruction.run, command);
  return script?.origin === 'exec' && command.name.start === json[0].start && command.name.raw.startsWith('"');
}

/**
 * An edit that adds one argument right after a word of a command: ` -l` in a
 * script, `, "-l"` in the exec form's JSON array. Undefined when the word's
 * offsets do not match the file (JSON escapes) or the argument needs quoting.
 */
export function insertArgumentAfter(
  text: string,
  instruction: { readonly json?: readonly { readonly start: number }[] | undefined; readonly run?: RunInfo | undefined },
  command: SimpleCommand,
  word: ShellWord,
  argument: string,
): { start: number; end: number; text: string } | undefined {
  if (/[\s"'\\$`;&|<>(){}]/.test(argument)) return undefined;
  if (isJsonCommand(instruction, command)) return { start: word.end, end: word.end, text: `, ${JSON.stringify(argument)}` };
  if (text.slice(word.start, word.end) !== word.raw) return undefined;
  return { start: word.end, end: word.end, text: ` ${argument}` };
}
