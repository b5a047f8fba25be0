import type { FileResult } from '../types.js';

export interface FormatContext {
  /** Paths in reports are shown relative to this directory. */
  readonly cwd: string;
  readonly color: boolean;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
