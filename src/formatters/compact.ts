/** One line per finding, for grep, editors' quickfix lists and quick reading: `file:line:col: severity rule message`. */
import type { Formatter } from './types.js';
import { findingsOf, reportPath } from './shared.js';

const format: Formatter = (results, context) => {
  let out = '';
  for (const result of results) {
    const path = reportPath(result.filePath, context.cwd);
    for (const finding of findingsOf(result)) {
      // A message never spans lines here: each line is one finding.
      const message = finding.message.replace(/\s*(\r\n|\r|\n)\s*/g, ' ');
      out += `${path}:${finding.line}:${finding.column}: ${finding.severity} ${finding.ruleId} ${message}\n`;
    }
  }
  return out;
};
export default format;
