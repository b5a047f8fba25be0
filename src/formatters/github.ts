/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the
 * pull request's diff (`::error file=…,line=…::message`).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Formatter } from './types.js';
import { findingsOf, reportPath } from './shared.js';
import type { Severity } from '../types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the message (data) of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command: data escaping plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const format: Formatter = (results, context) => {
  let out = '';
  for (const result of results) {
    const file = escapeProperty(reportPath(result.filePath, context.cwd));
    for (const finding of findingsOf(result)) {
      const properties = [
        `file=${file}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(`dockfix ${finding.ruleId}`)}`,
      ];
      out += `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}\n`;
    }
  }
  return out;
};
export default format;
