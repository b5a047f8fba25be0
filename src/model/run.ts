/**
 * RUN instructions as shell: their mounts, and the simple commands of the
 * inline script, of heredoc scripts and of the exec form, all with file offsets.
 */
import { parseShell } from '../shell/parse.js';
import type { ShellPipeline, ShellScript, ShellWord, SimpleCommand } from '../shell/ast.js';
import type { Flag, Instruction } from './dockerfile.js';
import type { OffsetRange } from '../types.js';

export interface Mount extends OffsetRange {
  /** `bind` when not given, as in BuildKit. */
  readonly type: string;
  readonly target: string | undefined;
  readonly source: string | undefined;
  readonly from: string | undefined;
  readonly id: string | undefined;
  readonly sharing: string | undefined;
  /** Every key=value option as written (`dst` and `destination` are reported as `target`). */
  readonly options: ReadonlyMap<string, string>;
}

export type ShellKind = 'posix' | 'powershell' | 'cmd' | 'other';

export interface RunScript {
  readonly origin: 'inline' | 'heredoc' | 'exec';
  /** The script text as parsed (for `inline`, continuations are spaces). */
  readonly text: string;
  /** File offset of the script's first character. */
  readonly offset: number;
  /** The parsed script, with offsets into the file. */
  readonly shell: ShellScript;
}

export interface RunInfo {
  readonly execForm: boolean;
  readonly mounts: readonly Mount[];
  /** The `--network` and `--security` flags, if given. */
  readonly network: string | undefined;
  readonly security: string | undefined;
  /** Which language the commands are in: only `posix` scripts are parsed. */
  readonly shellKind: ShellKind;
  readonly scripts: readonly RunScript[];
  /** Every simple command of every script, in source order. */
  readonly commands: readonly SimpleCommand[];
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function shellKindOf(shell: readonly string[]): ShellKind {
  const name = (shell[0] ?? '').split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
  if (POSIX_SHELLS.has(name)) return 'posix';
  if (name === 'powershell' || name === 'pwsh') return 'powershell';
  if (name === 'cmd') return 'cmd';
  return 'other';
}

export function isPosixShellName(word: string): boolean {
  return POSIX_SHELLS.has(word.split('/').pop() ?? '');
}

/**
 * Scripts already parsed, by text. RUN scripts repeat across the files of a run (half the script
 * text of the corpus is a repeat) and --fix lints a file again after every pass. A cached script
 * is never handed out: every use goes through shiftScript or clampScript, which copy it with
 * file offsets (a script's offset in a file is never 0: a keyword comes first).
 */
const parsedScripts = new Map<string, ShellScript>();
let parsedLength = 0;
const MAX_PARSED_LENGTH = 4 * 1024 * 1024;

function parseShellOnce(text: string): ShellScript {
  let script = parsedScripts.get(text);
  if (!script) {
    script = parseShell(text);
    if (parsedLength + text.length > MAX_PARSED_LENGTH) {
      parsedScripts.clear();
      parsedLength = 0;
    }
    parsedScripts.set(text, script);
    parsedLength += text.length;
  }
  return script;
}

export function buildRunInfo(instruction: Omit<Instruction, 'run'>): RunInfo {
  const mounts = instruction.flags.filter((flag) => flag.name === 'mount').map(parseMount);
  const flagValue = (name: string) => instruction.flags.find((flag) => flag.name === name)?.value;
  const shellKind = shellKindOf(instruction.state.shell);
  const scripts: RunScript[] = [];
  const json = instruction.json;

  if (json) {
    scripts.push(...execFormScripts(json));
  } else if (shellKind === 'posix') {
    const head = instruction.argsText;
    const inline = shiftScript(parseShellOnce(head), instruction.argsStart);
    scripts.push({ origin: 'inline', text: head, offset: instruction.argsStart, shell: inline });
    if (instruction.heredocs.length > 0 && headRunsHeredocAsShell(inline)) {
      for (const heredoc of instruction.heredocs) {
        if (!isShellScriptBody(heredoc.body)) continue;
        scripts.push({
          origin: 'heredoc',
          text: heredoc.body,
          offset: heredoc.bodyStart,
          shell: shiftScript(parseShellOnce(heredoc.body), heredoc.bodyStart),
        });
      }
    }
  }
  return {
    execForm: json !== undefined,
    mounts,
    network: flagValue('network'),
    security: flagValue('security'),
    shellKind: json ? 'posix' : shellKind,
    scripts,
    commands: scripts.flatMap((script) => script.shell.commands),
  };
}

function parseMount(flag: Flag): Mount {
  const options = new Map<string, string>();
  for (const part of (flag.value ?? '').split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = (eq >= 0 ? part.slice(0, eq) : part).trim().toLowerCase();
    const value = eq >= 0 ? part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') : 'true';
    options.set(key === 'dst' || key === 'destination' ? 'target' : key === 'src' ? 'source' : key, value);
  }
  return {
    type: options.get('type') ?? 'bind',
    target: options.get('target'),
    source: options.get('source'),
    from: options.get('from'),
    id: options.get('id'),
    sharing: options.get('sharing'),
    options,
    start: flag.start,
    end: flag.end,
  };
}

/** `RUN <<EOF` and `RUN bash <<EOF` run the body as a script; `RUN python3 <<EOF` does not. */
function headRunsHeredocAsShell(head: ShellScript): boolean {
  const first = head.commands[0];
  if (!first) return true;
  return first.name === undefined || isPosixShellName(first.name.value);
}

function isShellScriptBody(body: string): boolean {
  if (!body.startsWith('#!')) return true;
  const shebang = body.slice(0, body.indexOf('\n') >>> 0).trim();
  return /(^#!\s*\S*\/(sh|bash|dash|ash|zsh)\b)|(env\s+(sh|bash|dash|ash|zsh)\b)/.test(shebang);
}

/** Exec form: a shell with -c gets its script parsed; anything else is one command. */
function execFormScripts(json: readonly { value: string; start: number; end: number }[]): RunScript[] {
  if (json.length === 0) return [];
  const [program, ...rest] = json;
  const cIndex = rest.findIndex((word) => /^-[a-z]*c[a-z]*$/.test(word.value));
  if (isPosixShellName(program.value) && cIndex >= 0 && rest[cIndex + 1]) {
    const scriptWord = rest[cIndex + 1];
    const parsed = parseShellOnce(scriptWord.value);
    const exact = scriptWord.end - scriptWord.start - 2 === scriptWord.value.length;
    const shell = exact
      ? shiftScript(parsed, scriptWord.start + 1)
      : clampScript(parsed, scriptWord.start, scriptWord.end);
    return [{ origin: 'exec', text: scriptWord.value, offset: scriptWord.start + 1, shell }];
  }
  const toWord = (word: { value: string; start: number; end: number }): ShellWord => ({
    raw: JSON.stringify(word.value),
    value: word.value,
    start: word.start,
    end: word.end,
    quoted: true,
    dynamic: false,
  });
  const command: SimpleCommand = {
    name: toWord(program),
    args: rest.map(toWord),
    assignments: [],
    redirects: [],
    start: program.start,
    end: json[json.length - 1].end,
    joiner: undefined,
    nesting: 'top',
    pipeline: 0,
  };
  const pipeline: ShellPipeline = { commands: [0], start: command.start, end: command.end, negated: false };
  return [{
    origin: 'exec',
    text: json.map((word) => word.value).join(' '),
    offset: program.start,
    shell: { commands: [command], pipelines: [pipeline], errors: [] },
  }];
}

/** Moves every offset of a parsed script by `delta`. */
export function shiftScript(script: ShellScript, delta: number): ShellScript {
  return mapOffsets(script, (offset) => offset + delta);
}

/** For scripts whose text differs from the source (JSON escapes): pin offsets inside the source string. */
function clampScript(script: ShellScript, start: number, end: number): ShellScript {
  return mapOffsets(script, (offset) => Math.min(Math.max(start + 1 + offset, start), end));
}

function mapOffsets(script: ShellScript, map: (offset: number) => number): ShellScript {
  if (map(0) === 0) return script;
  const word = (w: ShellWord): ShellWord => ({ ...w, start: map(w.start), end: map(w.end) });
  return {
    commands: script.commands.map((command) => ({
      ...command,
      name: command.name && word(command.name),
      args: command.args.map(word),
      assignments: command.assignments.map((assignment) => ({
        ...assignment,
        value: assignment.value && word(assignment.value),
        start: map(assignment.start),
        end: map(assignment.end),
      })),
      redirects: command.redirects.map((redirect) => ({
        ...redirect,
        target: redirect.target && word(redirect.target),
        start: map(redirect.start),
        end: map(redirect.end),
      })),
      start: map(command.start),
      end: map(command.end),
    })),
    pipelines: script.pipelines.map((pipeline) => ({ ...pipeline, start: map(pipeline.start), end: map(pipeline.end) })),
    errors: script.errors.map((error) => ({ ...error, offset: map(error.offset) })),
  };
}
