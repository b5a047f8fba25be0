import type { FileResult, RuleMeta } from '../types.js';

/** A rule (or an id the engine reports itself) as the CLI describes it to formatters. */
export interface RuleInfo {
  readonly meta: RuleMeta;
  /** Where the rule is documented. */
  readonly helpUri?: string;
  /**
   * The rule's documentation (docs/rules/<id>.md), read by the CLI only for
   * formats whose `needs.ruleDocs` is set.
   */
  readonly docs?: string;
}

export interface FormatContext {
  /** Paths in reports are shown relative to this directory. */
  readonly cwd: string;
  readonly color: boolean;
  /** dockfix's version, for formats that name the tool. */
  readonly toolVersion?: string;
  /** dockfix's home page. */
  readonly informationUri?: string;
  /** The rules that ran (enabled for at least one linted file), plus the ids the engine reports. */
  readonly rules?: readonly RuleInfo[];
  /** SARIF `automationDetails.id` (--sarif-category). */
  readonly sarifCategory?: string;
  /**
   * Called with notes about the report itself (it had to be truncated, say);
   * the CLI prints them on stderr. Formatters never print.
   */
  readonly warn?: (message: string) => void;
}

export interface Formatter {
  (results: readonly FileResult[], context: FormatContext): string;
  /** What the CLI must gather before calling this formatter, beyond the results. */
  readonly needs?: { readonly ruleDocs?: boolean };
}
