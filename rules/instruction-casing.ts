import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, keywordRange, report, replace, safeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'instruction-casing',
    description: 'Instruction keywords should all use the same case, upper case or lower case.',
    category: 'style',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['ConsistentInstructionCasing'],
  },
  check({ file }) {
    const instructions = [...instructionsWithTriggers(file)];
    let upper = 0;
    let lower = 0;
    for (const instruction of instructions) {
      if (instruction.keywordText === instruction.keywordText.toUpperCase()) upper++;
      else if (instruction.keywordText === instruction.keywordText.toLowerCase()) lower++;
    }
    const majority = lower > upper ? 'lower' : 'upper';
    const reports: Report[] = [];
    for (const instruction of instructions) {
      const written = instruction.keywordText;
      const expected = majority === 'lower' ? written.toLowerCase() : written.toUpperCase();
      if (written === expected) continue;
      reports.push(
        report(
          keywordRange(instruction),
          `Instruction "${written}" breaks the file's ${majority}-case style: write "${expected}" so every instruction reads the same.`,
          { fix: safeFix(replace(keywordRange(instruction), expected)) },
        ),
      );
    }
    return reports;
  },
};
export default rule;
