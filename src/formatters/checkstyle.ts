/** Checkstyle XML, read by Jenkins, reviewdog, SonarQube and many CI dashboards. */
import type { Formatter } from './types.js';
import { findingsOf, reportPath, xmlEscape } from './shared.js';

const format: Formatter = (results, context) => {
  let out = '<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n';
  for (const result of results) {
    out += `  <file name="${xmlEscape(reportPath(result.filePath, context.cwd))}">\n`;
    for (const finding of findingsOf(result)) {
      out += `    <error line="${finding.line}" column="${finding.column}" severity="${finding.severity}"` +
        ` message="${xmlEscape(finding.message)}" source="dockfix.${xmlEscape(finding.ruleId)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return out + '</checkstyle>\n';
};
export default format;
