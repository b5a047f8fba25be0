/**
 * The contracts between the engine, the rules, the fixer and the reporters.
 *
 * Ranges are 0-based UTF-16 offsets into the file text (BOM removed, line
 * endings as in the file). Reporters turn them into 1-based lines and columns.
 */
import type { ContextScan } from './context/types.js';
import type { DockerfileModel } from './model/dockerfile.js';
import type { IgnoreFileModel } from './model/ignorefile.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Ruff's applicability: safe fixes run with --fix, unsafe ones only with --unsafe-fixes. */
export type Applicability = 'safe' | 'unsafe';

export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit extends OffsetRange {
  /** Replacement text; "\n" is written as the file's own line ending. */
  readonly text: string;
}

export interface Fix {
  readonly applicability: Applicability;
  /** Edits of the linted file; may be empty when the fix changes other files only. */
  readonly edits: readonly TextEdit[];
  /** Lines the fix adds to other files (the build context's ignore file), creating them if needed. */
  readonly files?: readonly FileChange[];
}

/**
 * A change to a file other than the one linted: the lines it must contain.
 * Lines already there are left alone, so applying a change twice, or the same
 * change from two Dockerfiles, adds each line once.
 */
export interface FileChange {
  /** Absolute path. */
  readonly path: string;
  readonly lines: readonly string[];
}

/** A change the user may choose to apply by hand; never applied by --fix. */
export interface Suggestion {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

export type RuleCategory =
  | 'correctness'
  | 'performance'
  | 'security'
  | 'maintainability'
  | 'style'
  | 'build-context';

export type FileKind = 'dockerfile' | 'dockerignore';

export interface RuleMeta {
  /** kebab-case, stable: config, suppressions and output use it. */
  readonly id: string;
  /** One sentence: what the rule reports. */
  readonly description: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** Which kind of file the rule checks. */
  readonly fileKind: FileKind;
  /** Set when the rule can fix what it reports, with the fix's applicability. */
  readonly fixable?: Applicability;
  /** hadolint codes (DL3008) and BuildKit check names (JSONArgsRecommended) this rule covers. */
  readonly aliases: readonly string[];
  /**
   * `false` for rules that run only when config or --rule turns them on
   * (experimental checks, checks that need project-specific settings).
   */
  readonly enabledByDefault?: false;
  /** Default option values; config may override them per key. */
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  /** The rule reads the build context (`buildContext` in its check context); files on disk get it scanned. */
  readonly needsBuildContext?: boolean;
}

/** What a rule reports; the engine adds the rule id and the configured severity. */
export interface Report extends OffsetRange {
  readonly message: string;
  /**
   * The aliases (hadolint codes, BuildKit check names) this finding stands
   * for, when the rule covers several distinct checks: `# hadolint ignore=DL4003`
   * and `.hadolint.yaml` settings then reach only the findings they name.
   * Omitted, a finding stands for every alias of its rule.
   */
  readonly codes?: readonly string[];
  readonly fix?: Fix;
  readonly suggestions?: readonly Suggestion[];
}

/** Settings that come from the CLI or config and apply to every rule. */
export interface LintSettings {
  /** Stage names that ship (--target / config targets); empty means the last stage. */
  readonly targets: readonly string[];
}

/**
 * The build context a file belongs to, when the caller scanned it (the CLI
 * does for files on disk; `lintText` callers may pass one). Rules that need it
 * stay quiet without it.
 */
export interface BuildContextInfo {
  readonly scan: ContextScan;
  /** The Dockerfiles built with this context, parsed, for ignore-file rules that must respect their COPY sources. */
  readonly dockerfiles: readonly DockerfileModel[];
}

export interface DockerfileRuleContext {
  readonly file: DockerfileModel;
  readonly options: Readonly<Record<string, unknown>>;
  readonly settings: LintSettings;
  readonly buildContext?: BuildContextInfo;
}

export interface IgnoreFileRuleContext {
  readonly file: IgnoreFileModel;
  readonly options: Readonly<Record<string, unknown>>;
  readonly settings: LintSettings;
  readonly buildContext?: BuildContextInfo;
}

export interface DockerfileRule {
  readonly meta: RuleMeta & { readonly fileKind: 'dockerfile' };
  /** Pure: no I/O, no printing, no state kept between calls. */
  check(context: DockerfileRuleContext): Report[];
}

export interface IgnoreFileRule {
  readonly meta: RuleMeta & { readonly fileKind: 'dockerignore' };
  check(context: IgnoreFileRuleContext): Report[];
}

export type Rule = DockerfileRule | IgnoreFileRule;

/** A finding as the reporters see it. */
export interface Diagnostic extends OffsetRange {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The aliases the finding stands for (see `Report.codes`); omitted when they are all of the rule's. */
  readonly codes?: readonly string[];
  readonly fix?: Fix;
  readonly suggestions?: readonly Suggestion[];
}

/** Everything dockfix found in one file. */
export interface FileResult {
  readonly filePath: string;
  readonly kind: FileKind;
  readonly diagnostics: readonly Diagnostic[];
  /** The text after fixes, when fixes were computed and changed something. */
  readonly output?: string;
  /** The text as read (BOM removed), kept for reporters that show source. */
  readonly source?: string;
  /** A file that could not be read or linted at all (I/O error, binary, too big). */
  readonly fatal?: string;
  /** Changes to other files that the applied fixes ask for (see `Fix.files`). */
  readonly fileChanges?: readonly FileChange[];
}
