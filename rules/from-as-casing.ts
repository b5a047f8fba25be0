import type { DockerfileRule, Report } from '../src/types.js';
import { report, replace, safeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'from-as-casing',
    description: 'The AS keyword of a FROM should use the same case as FROM.',
    category: 'style',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['FromAsCasing'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      const from = stage.from;
      const asWord = from.args[1];
      if (!asWord || asWord.value.toLowerCase() !== 'as') continue;
      const fromUpper = from.keywordText === from.keywordText.toUpperCase();
      const fromLower = from.keywordText === from.keywordText.toLowerCase();
      const expected = fromUpper ? 'AS' : fromLower ? 'as' : undefined;
      if (!expected || asWord.value === expected) continue;
      reports.push(
        report(asWord, `"${asWord.value}" does not match the case of "${from.keywordText}": write "${from.keywordText} … ${expected} ${stage.name ?? ''}".`.replace(' .', '.'), {
          fix: safeFix(replace(asWord, expected)),
        }),
      );
    }
    return reports;
  },
};
export default rule;
