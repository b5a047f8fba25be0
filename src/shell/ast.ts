/**
 * The shell syntax tree that dockfix rules see for a RUN command.
 *
 * All offsets are 0-based UTF-16 indexes into the script string handed to
 * `parseShell`; the Dockerfile model maps them back to file offsets.
 */

/** One shell word, such as `--omit=dev`, `"$HOME/.npm"` or `pkg==1.2`. */
export interface ShellWord {
  /** The word exactly as written in the script. */
  readonly raw: string;
  /**
   * The word after quote removal and backslash unescaping. Expansions are kept
   * literally (`$HOME`, `${X:-y}`, `$(cmd)`), since dockfix never evaluates them.
   */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** True when any part of the word was quoted or escaped. */
  readonly quoted: boolean;
  /** True when the word contains an unquoted or double-quoted `$`/backtick expansion. */
  readonly dynamic: boolean;
}

/** `NAME=value` written before a command word (or alone). */
export interface ShellAssignment {
  readonly name: string;
  /** The value as a word; undefined for `NAME=`. */
  readonly value: ShellWord | undefined;
  readonly start: number;
  readonly end: number;
}

export interface ShellRedirect {
  /** The operator: `>`, `>>`, `<`, `2>`, `&>`, `>&`, `<<`, `<<-`, `<<<`, … including an fd prefix. */
  readonly op: string;
  /** The target word (file name, fd, or heredoc delimiter). */
  readonly target: ShellWord | undefined;
  readonly start: number;
  readonly end: number;
}

/** The operator that joins a command to the one before it in the same list. */
export type ShellJoiner = '&&' | '||' | ';' | '|' | '&' | 'newline';

/** Where a simple command sits. */
export type ShellNesting =
  | 'top'
  | 'subshell' // ( … )
  | 'group' // { …; }
  | 'substitution' // $( … ) or ` … `
  | 'compound' // body of if/while/until/for/case, or a function body
  | 'shell-c'; // the string argument of `sh -c '…'` / `bash -c "…"`

export interface SimpleCommand {
  /** The command word; undefined for a bare assignment list (`A=1 B=2`). */
  readonly name: ShellWord | undefined;
  /** Arguments after the command word (not including redirects). */
  readonly args: readonly ShellWord[];
  /** Assignments prefixing the command (`DEBIAN_FRONTEND=noninteractive apt-get …`). */
  readonly assignments: readonly ShellAssignment[];
  readonly redirects: readonly ShellRedirect[];
  readonly start: number;
  readonly end: number;
  /**
   * The operator between the previous command at the same list level and this
   * one; undefined for the first command of a list.
   */
  readonly joiner: ShellJoiner | undefined;
  /** The innermost construct this command sits in. */
  readonly nesting: ShellNesting;
  /** Index into `ShellScript.pipelines` of the pipeline this command belongs to. */
  readonly pipeline: number;
}

/** Commands joined by `|` (a lone command is a pipeline of one). */
export interface ShellPipeline {
  /** Indexes into `ShellScript.commands`, in order. */
  readonly commands: readonly number[];
  readonly start: number;
  readonly end: number;
  /** True when prefixed by `!`. */
  readonly negated: boolean;
}

export interface ShellSyntaxError {
  readonly message: string;
  readonly offset: number;
}

export interface ShellScript {
  /** Every simple command in source order, nested ones included. */
  readonly commands: readonly SimpleCommand[];
  readonly pipelines: readonly ShellPipeline[];
  /** Problems the parser recovered from (unterminated quote, unbalanced parens…). */
  readonly errors: readonly ShellSyntaxError[];
}
