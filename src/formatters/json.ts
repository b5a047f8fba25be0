/** ESLint's JSON result shape, so tools that read ESLint output read ours. */
import { resolve } from 'node:path';
import type { Formatter } from './types.js';
import type { Diagnostic, FileResult } from '../types.js';

export interface JsonMessage {
  ruleId: string;
  /** ESLint's numbers: 2 for error, 1 for warning and info. */
  severity: 1 | 2;
  /** dockfix's own level, which tells info from warning. */
  level: Diagnostic['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: true;
  fix?: { range: [number, number]; text: string; applicability: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } | undefined }[];
}

export function toJsonResult(result: FileResult) {
  const source = result.source ?? '';
  const messages: JsonMessage[] = result.diagnostics.map((diagnostic) => {
    const message: JsonMessage = {
      ruleId: diagnostic.ruleId,
      severity: diagnostic.severity === 'error' ? 2 : 1,
      level: diagnostic.severity,
      message: diagnostic.message,
      line: diagnostic.line,
      column: diagnostic.column,
      endLine: diagnostic.endLine,
      endColumn: diagnostic.endColumn,
    };
    if (diagnostic.fix) message.fix = { ...mergeEdits(diagnostic.fix.edits, source), applicability: diagnostic.fix.applicability };
    if (diagnostic.suggestions) {
      message.suggestions = diagnostic.suggestions.map((suggestion) => ({
        desc: suggestion.description,
        fix: suggestion.edits.length > 0 ? mergeEdits(suggestion.edits, source) : undefined,
      }));
    }
    return message;
  });
  if (result.fatal) {
    messages.push({
      ruleId: 'io-error', severity: 2, level: 'error', message: result.fatal, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true,
    });
  }
  const fixable = (severity: 'error' | 'warning') =>
    result.diagnostics.filter((d) => d.fix && (severity === 'error' ? d.severity === 'error' : d.severity !== 'error')).length;
  return {
    filePath: resolve(result.filePath),
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: result.fatal ? 1 : 0,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: fixable('error'),
    fixableWarningCount: fixable('warning'),
    ...(result.output !== undefined ? { output: result.output } : {}),
  };
}

/** ESLint gives one range per fix: the edits' span, with the source between them kept. */
function mergeEdits(edits: readonly { start: number; end: number; text: string }[], source: string): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let text = '';
  sorted.forEach((edit, index) => {
    if (index > 0) text += source.slice(sorted[index - 1].end, edit.start);
    text += edit.text;
  });
  return { range: [sorted[0].start, sorted[sorted.length - 1].end], text };
}

const format: Formatter = (results) => JSON.stringify(results.map(toJsonResult), null, 2) + '\n';
export default format;
