/**
 * JUnit XML for CI test-report views: one testsuite per file, one failing
 * testcase per finding, and one passing testcase for a clean file.
 */
import type { Formatter } from './types.js';
import { findingsOf, IO_ERROR_ID, reportPath, xmlEscape, xmlText } from './shared.js';

const format: Formatter = (results, context) => {
  let suites = '';
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const result of results) {
    const path = xmlEscape(reportPath(result.filePath, context.cwd));
    const findings = findingsOf(result);
    const suiteErrors = findings.filter((finding) => finding.ruleId === IO_ERROR_ID).length;
    const suiteFailures = findings.length - suiteErrors;
    const cases = Math.max(findings.length, 1);
    tests += cases;
    failures += suiteFailures;
    errors += suiteErrors;
    suites += `  <testsuite name="${path}" tests="${cases}" failures="${suiteFailures}" errors="${suiteErrors}">\n`;
    if (findings.length === 0) suites += `    <testcase name="dockfix" classname="${path}"/>\n`;
    for (const finding of findings) {
      const name = xmlEscape(`${finding.ruleId} at ${finding.line}:${finding.column}`);
      const element = finding.ruleId === IO_ERROR_ID ? 'error' : 'failure';
      const body = xmlText(`${finding.severity} at line ${finding.line}, column ${finding.column}: ${finding.message} (${finding.ruleId})`);
      suites += `    <testcase name="${name}" classname="${path}">\n` +
        `      <${element} message="${xmlEscape(finding.message)}" type="${finding.severity}">${body}</${element}>\n` +
        '    </testcase>\n';
    }
    suites += '  </testsuite>\n';
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="dockfix" tests="${tests}" failures="${failures}" errors="${errors}">\n` +
    suites +
    '</testsuites>\n';
};
export default format;
