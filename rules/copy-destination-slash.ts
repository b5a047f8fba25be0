import type { DockerfileRule, Report } from '../src/types.js';
import { insertAt, instructionsWithTriggers, report, safeFix } from '../src/rule-kit.js';
import { copyOperands, expandWord, hasDetachedFlagValue, stripQuotes } from '../src/knowledge/instructions.js';

const rule: DockerfileRule = {
  meta: {
    id: 'copy-destination-slash',
    description: 'COPY and ADD with more than one source need a destination that ends with "/".',
    category: 'correctness',
    severity: 'error',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3021'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || hasDetachedFlagValue(instruction)) continue;
      const { sources, destination, json } = copyOperands(instruction);
      // One source, even a wildcard, is left alone: `COPY target/*.jar app.jar` copies one file under a new name.
      if (!destination || sources.length < 2) continue;
      const target = expandWord(file, destination.value, instruction.state);
      if (target.includes('$') || target.endsWith('/') || (instruction.stage?.windows && target.endsWith('\\'))) continue;
      const shown = stripQuotes(destination.value, file.escapeChar);
      // `.` and `..` are directories to BuildKit; only the classic builder insists on the slash.
      const consequence = /(^|\/)\.\.?$/.test(target)
        ? 'the classic builder fails without it (BuildKit accepts it)'
        : `the classic builder fails without it, and BuildKit copies each source onto "${shown}" in turn unless it already is a directory`;
      // Inside the closing quote of an exec-form or quoted destination.
      const quoted = json || /^(["']).*\1$/.test(file.text.slice(destination.start, destination.end));
      const fix = safeFix(insertAt(quoted ? destination.end - 1 : destination.end, '/'));
      reports.push(report(
        destination,
        `${instruction.keyword} with ${sources.length} sources needs a destination ending in "/": ${consequence}. Write "${shown}/".`,
        { fix },
      ));
    }
    return reports;
  },
};
export default rule;
