/**
 * GitLab Code Quality report (a subset of the Code Climate issue format):
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 */
import type { Formatter } from './types.js';
import { fingerprintFile } from '../fingerprint.js';
import { fatalMessage, IO_ERROR_ID, reportPath } from './shared.js';
import type { Severity } from '../types.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** dockfix levels on GitLab's scale; a file that could not be read at all is a blocker. */
const SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', info: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

const format: Formatter = (results, context) => {
  const issues: CodeQualityIssue[] = [];
  for (const result of results) {
    const path = reportPath(result.filePath, context.cwd);
    const fingerprints = fingerprintFile(result, context.cwd);
    result.diagnostics.forEach((diagnostic, index) => {
      issues.push({
        description: diagnostic.message,
        check_name: diagnostic.ruleId,
        fingerprint: fingerprints[index].value,
        severity: SEVERITY[diagnostic.severity],
        location: { path, lines: { begin: diagnostic.line } },
      });
    });
    if (result.fatal) {
      issues.push({
        description: fatalMessage(result),
        check_name: IO_ERROR_ID,
        fingerprint: `${IO_ERROR_ID}:${path}`,
        severity: 'blocker',
        location: { path, lines: { begin: 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
};
export default format;
