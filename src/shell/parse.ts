/**
 * A POSIX/bash command-line parser that is just deep enough for linting:
 * it finds every simple command (command word, arguments, assignments,
 * redirects) with exact offsets, how commands are joined, and where they are
 * nested. It never evaluates anything, never throws, and runs in linear time
 * (nesting is capped so hostile input cannot exhaust the stack).
 *
 * Why our own parser and not tree-sitter-bash: see docs/design.md.
 */
import type {
  ShellAssignment,
  ShellJoiner,
  ShellNesting,
  ShellRedirect,
  ShellScript,
  ShellSyntaxError,
  ShellWord,
  SimpleCommand,
} from './ast.js';

/** Deeper nesting than this is skipped over rather than parsed. */
const MAX_DEPTH = 48;

const POSIX_SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

type Closer = 'none' | ')' | '}' | 'case';

interface PipelineDraft {
  readonly members: CommandDraft[];
  readonly start: number;
  end: number;
  readonly negated: boolean;
}

interface CommandDraft {
  readonly command: SimpleCommand;
  readonly pipeline: PipelineDraft;
}

interface PendingHeredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
}

/** What the parsers of one script (and of its nested `sh -c` / backtick scripts) collect. */
class Collector {
  readonly commands: CommandDraft[] = [];
  readonly pipelines: PipelineDraft[] = [];
  readonly errors: ShellSyntaxError[] = [];
}

export function parseShell(script: string): ShellScript {
  const collector = new Collector();
  try {
    new Parser(script, collector, 0, (offset) => offset).parseScript();
  } catch (error) {
    // A parser bug must cost one RUN its shell analysis, never the whole lint.
    collector.errors.push({ message: `shell parser failure: ${String(error)}`, offset: 0 });
  }
  return finish(collector);
}

function finish(collector: Collector): ShellScript {
  const drafts = [...collector.commands].sort((a, b) => a.command.start - b.command.start);
  const pipelines = collector.pipelines
    .filter((pipeline) => pipeline.members.length > 0)
    .sort((a, b) => a.start - b.start);
  const pipelineIndex = new Map(pipelines.map((pipeline, index) => [pipeline, index]));
  const commandIndex = new Map(drafts.map((draft, index) => [draft, index]));
  return {
    commands: drafts.map((draft) => ({ ...draft.command, pipeline: pipelineIndex.get(draft.pipeline) ?? 0 })),
    pipelines: pipelines.map((pipeline) => ({
      commands: pipeline.members.map((member) => commandIndex.get(member)!).sort((a, b) => a - b),
      start: pipeline.start,
      end: pipeline.end,
      negated: pipeline.negated,
    })),
    errors: collector.errors,
  };
}

const RESERVED = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'select', 'case', 'esac', 'function',
]);

function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r';
}

/** Characters that end an unquoted word. */
function endsWord(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === ';' || char === '&'
    || char === '|' || char === '(' || char === ')' || char === '<' || char === '>';
}

/** Characters that end a run of literal text in an unquoted word. */
function isSpecialInWord(char: string): boolean {
  return endsWord(char) || char === '\\' || char === "'" || char === '"' || char === '$' || char === '`';
}

/** Characters that end a run of literal text inside double quotes. */
function isSpecialInDoubleQuotes(char: string): boolean {
  return char === '"' || char === '\\' || char === '$' || char === '`';
}

function isDelimiterAt(text: string, index: number): boolean {
  return index >= text.length || endsWord(text[index]);
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z_]/.test(char);
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;

class Parser {
  private pos = 0;
  private readonly length: number;
  /** How many `if`/`while`/`for`/`case` bodies the current list is inside. */
  private compoundDepth = 0;
  private readonly heredocs: PendingHeredoc[] = [];

  constructor(
    private readonly src: string,
    private readonly out: Collector,
    private readonly depth: number,
    /** Maps an offset in `src` to an offset in the top-level script. */
    private readonly at: (offset: number) => number,
    /** Where the script's own commands sit: `top`, or inside backticks or `sh -c`. */
    private readonly scriptNesting: ShellNesting = 'top',
  ) {
    this.length = src.length;
  }

  parseScript(): void {
    while (this.pos < this.length) {
      const before = this.pos;
      this.parseList(this.scriptNesting, 'none');
      if (this.pos < this.length) {
        this.error(`unexpected "${this.src[this.pos]}"`);
        if (this.pos === before || this.src[this.pos] === ')' || this.src[this.pos] === '}') this.pos++;
      }
    }
  }

  private error(message: string, offset = this.pos): void {
    this.out.errors.push({ message, offset: this.at(Math.min(offset, this.length)) });
  }

  // ---------------------------------------------------------------- lists

  private parseList(nesting: ShellNesting, closer: Closer): void {
    const savedCompound = this.compoundDepth;
    this.compoundDepth = 0;
    let joiner: ShellJoiner | undefined;
    let hasPrevious = false;
    const src = this.src;
    while (this.pos < this.length) {
      this.skipBlanks();
      if (this.pos >= this.length) break;
      const char = src[this.pos];
      const next = src[this.pos + 1];
      if (char === '\n') {
        this.consumeNewline();
        if (hasPrevious && joiner === undefined) joiner = 'newline';
        continue;
      }
      if (char === '#') {
        this.skipComment();
        continue;
      }
      if (char === ')') {
        if (closer === ')') break;
        this.error('unexpected ")"');
        this.pos++;
        continue;
      }
      if (closer === '}' && this.keywordAt('}')) break;
      if (closer === 'case' && ((char === ';' && (next === ';' || next === '&')) || this.keywordAt('esac'))) break;
      if (char === ';') {
        if (next === ';' || next === '&') {
          this.error(`unexpected "${char}${next}"`);
          this.pos += 2;
          continue;
        }
        this.pos++;
        joiner = ';';
        continue;
      }
      if (char === '&' && next === '&') {
        this.pos += 2;
        joiner = '&&';
        continue;
      }
      if (char === '&' && next !== '>') {
        this.pos++;
        joiner = '&';
        continue;
      }
      if (char === '|') {
        if (next === '|') {
          this.pos += 2;
          joiner = '||';
        } else {
          this.error('unexpected "|"');
          this.pos++;
        }
        continue;
      }
      const before = this.pos;
      const emitted = this.parsePipeline(nesting, joiner, closer);
      if (emitted) {
        hasPrevious = true;
        joiner = undefined;
      }
      if (this.pos === before) {
        this.error(`unexpected "${src[this.pos]}"`);
        this.pos++;
      }
    }
    this.compoundDepth = savedCompound;
  }

  private parsePipeline(nesting: ShellNesting, joiner: ShellJoiner | undefined, closer: Closer): boolean {
    let negated = false;
    const start = this.at(this.pos);
    if (this.src[this.pos] === '!' && isDelimiterAt(this.src, this.pos + 1)) {
      negated = true;
      this.pos++;
      this.skipBlanks();
    }
    const pipeline: PipelineDraft = { members: [], start, end: start, negated };
    let memberJoiner = joiner;
    let emitted = false;
    for (;;) {
      emitted = this.parseCommand(nesting, memberJoiner, pipeline, closer) || emitted;
      pipeline.end = this.at(this.pos);
      this.skipBlanks();
      const char = this.src[this.pos];
      if (char === '|' && this.src[this.pos + 1] !== '|') {
        this.pos += this.src[this.pos + 1] === '&' ? 2 : 1;
        this.skipBlanksAndNewlines();
        memberJoiner = '|';
        continue;
      }
      break;
    }
    if (pipeline.members.length > 0) this.out.pipelines.push(pipeline);
    return emitted;
  }

  // ------------------------------------------------------------- commands

  /** Parses one command; returns whether any simple command was recorded. */
  private parseCommand(
    listNesting: ShellNesting,
    joiner: ShellJoiner | undefined,
    pipeline: PipelineDraft,
    closer: Closer,
  ): boolean {
    const src = this.src;
    let name: ShellWord | undefined;
    const args: ShellWord[] = [];
    const assignments: ShellAssignment[] = [];
    const redirects: ShellRedirect[] = [];
    let start = -1;
    let end = this.pos;
    let afterClosingKeyword = false;

    while (this.pos < this.length) {
      this.skipBlanks();
      if (this.pos >= this.length) break;
      const char = src[this.pos];
      if (char === '#') {
        this.skipComment();
        break;
      }
      if (name === undefined && assignments.length === 0 && redirects.length === 0) {
        if (char === '(') {
          if (src[this.pos + 1] === '(') this.skipBalanced();
          else this.parseNestedList('subshell', '(', ')');
          this.skipTrailingRedirects();
          return true;
        }
        if (this.keywordAt('{')) {
          this.parseNestedList('group', '{', '}');
          this.skipTrailingRedirects();
          return true;
        }
        if (closer === '}' && this.keywordAt('}')) break;
        if (closer === 'case' && this.keywordAt('esac')) break;
        const keyword = this.reservedWordAt();
        if (keyword !== undefined) {
          const handled = this.parseKeyword(keyword);
          if (handled === 'closing') afterClosingKeyword = true;
          if (handled === 'done') return true;
          if (handled === 'header') return false;
          continue;
        }
      }
      if (char === ';' || char === '\n' || char === '|' || char === ')' || (char === '&' && src[this.pos + 1] !== '>')) break;
      const redirectLength = this.redirectAt();
      if (redirectLength > 0) {
        const redirect = this.parseRedirect(redirectLength);
        redirects.push(redirect);
        if (start < 0) start = redirect.start;
        end = this.pos;
        continue;
      }
      if (char === '(') {
        if (name !== undefined && args.length === 0 && /^\(\s*\)/.test(src.slice(this.pos, this.pos + 20))) {
          this.pos = src.indexOf(')', this.pos) + 1;
          this.parseFunctionBody();
          return true;
        }
        this.error('unexpected "("');
        this.pos++;
        continue;
      }
      const wordStart = this.pos;
      const word = this.readWord();
      if (this.pos === wordStart) {
        this.error(`unexpected "${char}"`);
        this.pos++;
        continue;
      }
      if (start < 0) start = word.start;
      end = this.pos;
      if (name === undefined) {
        const assignment = ASSIGNMENT.exec(word.raw);
        if (assignment) {
          assignments.push(this.assignmentOf(word, wordStart, assignment[0].length, assignment[1]));
          if (this.src[this.pos] === '(' && word.raw.endsWith('=')) {
            // Array assignment: `a=(x y)`.
            this.skipBalanced();
            end = this.pos;
          }
          continue;
        }
        name = word;
        if (word.raw === '[[' ) {
          this.readTestExpression(args);
          end = this.pos;
        }
        continue;
      }
      args.push(word);
    }

    if (name === undefined && assignments.length === 0 && (redirects.length === 0 || afterClosingKeyword)) {
      return false;
    }
    const command: SimpleCommand = {
      name,
      args,
      assignments,
      redirects,
      start: start < 0 ? this.at(end) : start,
      end: this.at(end),
      joiner,
      nesting: this.compoundDepth > 0 ? 'compound' : listNesting,
      pipeline: 0,
    };
    const draft = { command, pipeline };
    this.out.commands.push(draft);
    pipeline.members.push(draft);
    if (name !== undefined) this.parseShellDashC(name, args);
    return true;
  }

  /**
   * Reserved words at command position. `if`/`while`/`until`/`for` open a
   * compound body whose commands are marked `compound`; the matching `fi`/`done`
   * closes it. Returns what the caller should do next.
   */
  private parseKeyword(keyword: string): 'continue' | 'closing' | 'header' | 'done' {
    this.pos += keyword.length;
    switch (keyword) {
      case 'if':
      case 'while':
      case 'until':
        this.compoundDepth++;
        return 'continue';
      case 'then':
      case 'else':
      case 'elif':
      case 'do':
        return 'continue';
      case 'fi':
      case 'done':
      case 'esac':
        this.compoundDepth = Math.max(0, this.compoundDepth - 1);
        return 'closing';
      case 'for':
      case 'select':
        this.compoundDepth++;
        this.skipForHeader();
        return 'header';
      case 'case':
        this.parseCase();
        return 'closing';
      case 'function': {
        this.skipBlanks();
        this.readWord();
        this.skipBlanks();
        if (/^\(\s*\)/.test(this.src.slice(this.pos, this.pos + 20))) this.pos = this.src.indexOf(')', this.pos) + 1;
        this.parseFunctionBody();
        return 'done';
      }
      default:
        return 'continue';
    }
  }

  /** `for name in words` or `for ((…))`, up to the `;` or newline before `do`. */
  private skipForHeader(): void {
    this.skipBlanks();
    if (this.src.startsWith('((', this.pos)) {
      this.skipBalanced();
      return;
    }
    this.readWord();
    this.skipBlanksAndNewlines();
    if (!this.keywordAt('in')) return;
    this.pos += 2;
    for (;;) {
      this.skipBlanks();
      const char = this.src[this.pos];
      if (char === undefined || char === ';' || char === '\n' || char === '&' || char === '|' || char === ')') return;
      const before = this.pos;
      this.readWord();
      if (this.pos === before) this.pos++;
    }
  }

  private parseCase(): void {
    this.skipBlanks();
    this.readWord();
    this.skipBlanksAndNewlines();
    if (this.keywordAt('in')) this.pos += 2;
    else this.error('expected "in" after "case WORD"');
    if (this.depth + 1 > MAX_DEPTH) {
      this.skipToKeyword('esac');
      return;
    }
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.src[this.pos] === '#') {
        this.skipComment();
        continue;
      }
      if (this.pos >= this.length) {
        this.error('unterminated "case"');
        return;
      }
      if (this.keywordAt('esac')) {
        this.pos += 4;
        return;
      }
      if (this.src[this.pos] === '(') this.pos++;
      // The pattern list, up to the `)` that ends it.
      for (;;) {
        this.skipBlanks();
        const char = this.src[this.pos];
        if (char === ')') {
          this.pos++;
          break;
        }
        if (char === '|') {
          this.pos++;
          continue;
        }
        if (char === undefined || char === '\n' || char === ';') {
          this.error('unterminated case pattern');
          break;
        }
        const before = this.pos;
        this.readWord();
        if (this.pos === before) this.pos++;
      }
      this.parseList('compound', 'case');
      if (this.src.startsWith(';;&', this.pos)) this.pos += 3;
      else if (this.src.startsWith(';;', this.pos) || this.src.startsWith(';&', this.pos)) this.pos += 2;
    }
  }

  /** A function body: usually `{ …; }`; its commands count as `compound`. */
  private parseFunctionBody(): void {
    this.skipBlanksAndNewlines();
    if (this.keywordAt('{')) {
      this.parseNestedList('compound', '{', '}');
    } else if (this.src[this.pos] === '(') {
      this.parseNestedList('compound', '(', ')');
    } else {
      this.compoundDepth++;
      const pipeline: PipelineDraft = { members: [], start: this.at(this.pos), end: this.at(this.pos), negated: false };
      this.parseCommand('compound', undefined, pipeline, 'none');
      pipeline.end = this.at(this.pos);
      if (pipeline.members.length > 0) this.out.pipelines.push(pipeline);
      this.compoundDepth--;
    }
    this.skipTrailingRedirects();
  }

  /** `( … )`, `{ …; }` or `$( … )` starting at the opening token. */
  private parseNestedList(nesting: ShellNesting, open: '(' | '{' | '$(', close: ')' | '}'): void {
    const openAt = this.pos;
    if (this.depth + this.nestedLists + 1 > MAX_DEPTH) {
      this.error('nesting too deep; skipped');
      this.pos = openAt + open.length - 1;
      if (close === ')') this.skipBalanced();
      else this.skipToKeyword('}');
      return;
    }
    this.pos += open.length;
    this.nestedLists++;
    try {
      this.parseList(nesting, close);
    } finally {
      this.nestedLists--;
    }
    if (close === ')' && this.src[this.pos] === ')') this.pos++;
    else if (close === '}' && this.keywordAt('}')) this.pos++;
    else this.error(`unterminated "${open}"`, openAt);
  }

  private nestedLists = 0;

  private skipTrailingRedirects(): void {
    for (;;) {
      this.skipBlanks();
      const length = this.redirectAt();
      if (length === 0) return;
      this.parseRedirect(length);
    }
  }

  /** Arguments of `[[ … ]]`, where `&&`, `||`, `<`, `>` and parentheses are operands. */
  private readTestExpression(args: ShellWord[]): void {
    const src = this.src;
    for (;;) {
      this.skipBlanks();
      const char = src[this.pos];
      if (char === undefined || char === '\n' || char === ';') return;
      const start = this.pos;
      if ((char === '&' || char === '|') && src[this.pos + 1] === char) this.pos += 2;
      else if (char === '<' || char === '>' || char === '(' || char === ')' || char === '&' || char === '|') this.pos++;
      else {
        const word = this.readWord();
        args.push(word);
        if (word.raw === ']]') return;
        if (this.pos === start) this.pos++;
        continue;
      }
      const raw = src.slice(start, this.pos);
      args.push({ raw, value: raw, start: this.at(start), end: this.at(this.pos), quoted: false, dynamic: false });
    }
  }

  /** `sh -c '…'` and `bash -ec "…"`: the script argument is parsed as commands too. */
  private parseShellDashC(name: ShellWord, args: readonly ShellWord[]): void {
    const base = name.value.slice(name.value.lastIndexOf('/') + 1);
    if (!POSIX_SHELL_NAMES.has(base)) return;
    const flagIndex = args.findIndex((arg) => /^-[A-Za-z]*c[A-Za-z]*$/.test(arg.value));
    const script = flagIndex >= 0 ? args[flagIndex + 1] : undefined;
    if (!script || this.depth + 1 > MAX_DEPTH) return;
    const raw = script.raw;
    const exact = raw.length === script.value.length + 2 && (raw[0] === "'" || raw[0] === '"') && raw.endsWith(raw[0])
      && script.end - script.start === raw.length;
    const map = exact
      ? (offset: number) => script.start + 1 + offset
      : (offset: number) => Math.min(script.start + offset, script.end);
    new Parser(script.value, this.out, this.depth + 1, map, 'shell-c').parseScript();
  }

  private assignmentOf(word: ShellWord, localStart: number, prefixLength: number, name: string): ShellAssignment {
    const valueRaw = word.raw.slice(prefixLength);
    const value: ShellWord | undefined = valueRaw === '' ? undefined : {
      raw: valueRaw,
      value: word.value.slice(prefixLength),
      start: this.at(localStart + prefixLength),
      end: word.end,
      quoted: word.quoted,
      dynamic: word.dynamic,
    };
    return { name, value, start: word.start, end: word.end };
  }

  // ------------------------------------------------------------ redirects

  /** Length of the redirect operator (with its fd prefix) at the cursor, or 0. */
  private redirectAt(): number {
    const src = this.src;
    let index = this.pos;
    while (index < this.length && src.charCodeAt(index) >= 48 && src.charCodeAt(index) <= 57) index++;
    const digits = index - this.pos;
    const char = src[index];
    const next = src[index + 1];
    if (digits === 0 && char === '&' && next === '>') return src[index + 2] === '>' ? 3 : 2;
    if (char === '<') {
      if (next === '(' && digits === 0) return 0;
      if (next === '<') return digits + (src[index + 2] === '<' || src[index + 2] === '-' ? 3 : 2);
      return digits + (next === '>' || next === '&' ? 2 : 1);
    }
    if (char === '>') {
      if (next === '(' && digits === 0) return 0;
      return digits + (next === '>' || next === '&' || next === '|' ? 2 : 1);
    }
    return 0;
  }

  private parseRedirect(length: number): ShellRedirect {
    const start = this.pos;
    const op = this.src.slice(start, start + length);
    this.pos += length;
    this.skipBlanks();
    let target: ShellWord | undefined;
    const char = this.src[this.pos];
    if (char === undefined || char === '\n' || char === ';' || char === '|' || char === '&' || char === ')') {
      this.error(`missing target after "${op}"`, start);
    } else {
      const before = this.pos;
      target = this.readWord();
      if (this.pos === before) target = undefined;
    }
    if (target && (op.endsWith('<<') || op.endsWith('<<-'))) {
      this.heredocs.push({ delimiter: target.value, stripTabs: op.endsWith('-') });
    }
    return { op, target, start: this.at(start), end: this.at(this.pos) };
  }

  /** Consumes a newline and then the bodies of heredocs opened on the line it ends. */
  private consumeNewline(): void {
    this.pos++;
    while (this.heredocs.length > 0) {
      const heredoc = this.heredocs.shift()!;
      let found = false;
      while (this.pos < this.length) {
        let lineEnd = this.src.indexOf('\n', this.pos);
        if (lineEnd < 0) lineEnd = this.length;
        let line = this.src.slice(this.pos, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
        this.pos = Math.min(lineEnd + 1, this.length);
        if (line === heredoc.delimiter) {
          found = true;
          break;
        }
      }
      if (!found) this.error(`heredoc "${heredoc.delimiter}" is not terminated`);
    }
  }

  // ---------------------------------------------------------------- words

  private readWord(): ShellWord {
    const src = this.src;
    const start = this.pos;
    let value = '';
    let quoted = false;
    let dynamic = false;
    // Process substitution `<(…)` / `>(…)` stands as a word of its own.
    if ((src[start] === '<' || src[start] === '>') && src[start + 1] === '(') {
      this.parseNestedList('substitution', '$(', ')');
      const raw = src.slice(start, this.pos);
      return { raw, value: raw, start: this.at(start), end: this.at(this.pos), quoted: false, dynamic: true };
    }
    while (this.pos < this.length) {
      const char = src[this.pos];
      if (endsWord(char)) break;
      if (char === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        quoted = true;
        value += next ?? '\\';
        this.pos += next === undefined ? 1 : 2;
        continue;
      }
      if (char === "'") {
        quoted = true;
        const close = src.indexOf("'", this.pos + 1);
        if (close < 0) {
          this.error('unterminated single quote');
          value += src.slice(this.pos + 1);
          this.pos = this.length;
          break;
        }
        value += src.slice(this.pos + 1, close);
        this.pos = close + 1;
        continue;
      }
      if (char === '"') {
        quoted = true;
        const inner = this.readDoubleQuoted();
        value += inner.value;
        dynamic ||= inner.dynamic;
        continue;
      }
      if (char === '$') {
        const next = src[this.pos + 1];
        if (next === "'") {
          quoted = true;
          value += this.readAnsiC();
          continue;
        }
        if (next === '"') {
          this.pos++;
          continue;
        }
        const expansion = this.readDollar();
        value += expansion.text;
        dynamic ||= expansion.dynamic;
        continue;
      }
      if (char === '`') {
        value += this.readBackticks();
        dynamic = true;
        continue;
      }
      const runEnd = this.literalRunEnd(isSpecialInWord);
      value += src.slice(this.pos, runEnd);
      this.pos = runEnd;
    }
    return { raw: src.slice(start, this.pos), value, start: this.at(start), end: this.at(this.pos), quoted, dynamic };
  }

  private readDoubleQuoted(): { value: string; dynamic: boolean } {
    const src = this.src;
    const open = this.pos;
    this.pos++;
    let value = '';
    let dynamic = false;
    while (this.pos < this.length) {
      const char = src[this.pos];
      if (char === '"') {
        this.pos++;
        return { value, dynamic };
      }
      if (char === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
        } else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          value += next;
          this.pos += 2;
        } else {
          value += '\\';
          this.pos++;
        }
        continue;
      }
      if (char === '$') {
        const expansion = this.readDollar();
        value += expansion.text;
        dynamic ||= expansion.dynamic;
        continue;
      }
      if (char === '`') {
        value += this.readBackticks();
        dynamic = true;
        continue;
      }
      const runEnd = this.literalRunEnd(isSpecialInDoubleQuotes);
      value += src.slice(this.pos, runEnd);
      this.pos = runEnd;
    }
    this.error('unterminated double quote', open);
    return { value, dynamic };
  }

  /** `$'…'` with bash's ANSI-C escapes. */
  private readAnsiC(): string {
    const src = this.src;
    const open = this.pos;
    this.pos += 2;
    let value = '';
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    while (this.pos < this.length) {
      const char = src[this.pos];
      if (char === "'") {
        this.pos++;
        return value;
      }
      if (char === '\\' && this.pos + 1 < this.length) {
        const next = src[this.pos + 1];
        value += escapes[next] ?? `\\${next}`;
        this.pos += 2;
        continue;
      }
      value += char;
      this.pos++;
    }
    this.error("unterminated $'…' string", open);
    return value;
  }

  /** `$name`, `${…}`, `$(…)`, `$((…))` or a lone `$`. The text is kept as written. */
  private readDollar(): { text: string; dynamic: boolean } {
    const src = this.src;
    const start = this.pos;
    const next = src[start + 1];
    if (next === '(' && src[start + 2] === '(') {
      this.pos++;
      this.skipBalanced();
    } else if (next === '(') {
      this.parseNestedList('substitution', '$(', ')');
    } else if (next === '{') {
      this.pos++;
      this.skipBraces();
    } else if (isNameStart(next)) {
      let index = start + 2;
      while (index < this.length && /[A-Za-z0-9_]/.test(src[index])) index++;
      this.pos = index;
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      this.pos += 2;
    } else {
      this.pos++;
      return { text: '$', dynamic: false };
    }
    return { text: src.slice(start, this.pos), dynamic: true };
  }

  /** `` `…` ``: the commands inside are parsed as a substitution. */
  private readBackticks(): string {
    const src = this.src;
    const open = this.pos;
    let index = open + 1;
    while (index < this.length && src[index] !== '`') index += src[index] === '\\' ? 2 : 1;
    if (index >= this.length) {
      this.error('unterminated backquote', open);
      this.pos = this.length;
      return src.slice(open);
    }
    this.pos = index + 1;
    if (this.depth + 1 <= MAX_DEPTH) {
      new Parser(src.slice(open + 1, index), this.out, this.depth + 1, (offset) => this.at(open + 1 + offset), 'substitution').parseScript();
    }
    return src.slice(open, this.pos);
  }

  // ------------------------------------------------------------- scanning

  /** End of the run of characters, from the cursor on, that need no interpretation. */
  private literalRunEnd(isSpecial: (char: string) => boolean): number {
    let end = this.pos + 1;
    while (end < this.length && !isSpecial(this.src[end])) end++;
    return end;
  }

  /** From an opening `(`, skips to just after its matching `)`, minding quotes. */
  private skipBalanced(): void {
    const src = this.src;
    let depth = 0;
    while (this.pos < this.length) {
      const char = src[this.pos];
      if (char === '\\') {
        this.pos += 2;
        continue;
      }
      if (char === "'" || char === '"') {
        const close = this.findQuoteEnd(this.pos);
        this.pos = close + 1;
        continue;
      }
      this.pos++;
      if (char === '(') depth++;
      else if (char === ')' && --depth === 0) return;
    }
    this.error('unbalanced "("');
  }

  /** From the `{` of `${`, skips to just after the matching `}`. */
  private skipBraces(): void {
    const src = this.src;
    const open = this.pos;
    let depth = 0;
    while (this.pos < this.length) {
      const char = src[this.pos];
      if (char === '\\') {
        this.pos += 2;
        continue;
      }
      if (char === "'" || char === '"') {
        this.pos = this.findQuoteEnd(this.pos) + 1;
        continue;
      }
      this.pos++;
      if (char === '{') depth++;
      else if (char === '}' && --depth === 0) return;
    }
    this.error('unterminated "${"', open);
  }

  private findQuoteEnd(open: number): number {
    const src = this.src;
    const quote = src[open];
    let index = open + 1;
    while (index < this.length && src[index] !== quote) index += quote === '"' && src[index] === '\\' ? 2 : 1;
    return Math.min(index, this.length);
  }

  private skipToKeyword(keyword: string): void {
    while (this.pos < this.length) {
      if (this.keywordAt(keyword) && (this.pos === 0 || endsWord(this.src[this.pos - 1]))) {
        this.pos += keyword.length;
        return;
      }
      this.pos++;
    }
  }

  private skipBlanks(): void {
    const src = this.src;
    while (this.pos < this.length) {
      const char = src[this.pos];
      if (isBlank(char)) this.pos++;
      else if (char === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (char === '\\' && src[this.pos + 1] === '\r' && src[this.pos + 2] === '\n') this.pos += 3;
      else return;
    }
  }

  private skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') this.consumeNewline();
      else return;
    }
  }

  private skipComment(): void {
    const newline = this.src.indexOf('\n', this.pos);
    this.pos = newline < 0 ? this.length : newline;
  }

  /** Is `word` at the cursor, followed by a delimiter? */
  private keywordAt(word: string): boolean {
    return this.src.startsWith(word, this.pos) && isDelimiterAt(this.src, this.pos + word.length);
  }

  private reservedWordAt(): string | undefined {
    const src = this.src;
    let index = this.pos;
    while (index < this.length && src.charCodeAt(index) >= 97 && src.charCodeAt(index) <= 122) index++;
    if (index === this.pos || !isDelimiterAt(src, index)) return undefined;
    const word = src.slice(this.pos, index);
    return RESERVED.has(word) ? word : undefined;
  }
}
