import type { DockerfileRule, Report, Suggestion } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import { report } from '../src/rule-kit.js';
import { propertyTexts } from '../src/knowledge/instructions.js';
import { variableReferences } from '../src/knowledge/build-args.js';
import type { PropertyText } from '../src/knowledge/instructions.js';

const rule: DockerfileRule = {
  meta: {
    id: 'env-self-reference',
    description: 'An ENV value uses a variable set earlier in the same ENV, which still has its value from before the instruction.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3044'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of file.instructions) {
      if (instruction.keyword === 'ENV') reports.push(...checkEnv(file, instruction, undefined));
      if (instruction.trigger?.keyword === 'ENV') reports.push(...checkEnv(file, instruction.trigger, instruction));
    }
    return reports;
  },
};

function checkEnv(file: DockerfileModel, instruction: Instruction, onbuild: Instruction | undefined): Report[] {
  const pairs = propertyTexts(file, instruction);
  if (pairs.length < 2) return [];
  const reports: Report[] = [];
  pairs.forEach((pair, position) => {
    const seen = new Set<string>();
    for (const reference of variableReferences(pair.raw, file.escapeChar, 0, true)) {
      if (seen.has(reference.name)) continue;
      const earlier = pairs.slice(0, position).reverse().find((candidate) => candidate.property.name === reference.name);
      if (!earlier || keepsMeaning(file, instruction, earlier)) continue;
      seen.add(reference.name);
      const range = { start: pair.rawStart + reference.start, end: pair.rawStart + reference.end };
      const written = file.text.slice(earlier.property.start, earlier.property.end);
      reports.push(report(
        range,
        `$${reference.name} here still has its value from before this ENV, not ${written} set earlier in the same instruction: set ${pair.property.name} in a separate ENV after it.`,
        { suggestions: [splitBefore(file, instruction, onbuild, pairs, position)] },
      ));
    }
  });
  return reports;
}

/**
 * The earlier definition does not change what the variable holds: `ENV
 * VERSION=$VERSION URL=…/$VERSION` re-exports an ARG, `ENV A=1 B=$A` after
 * `ARG A=1` sets the same value again.
 */
function keepsMeaning(file: DockerfileModel, instruction: Instruction, definition: PropertyText): boolean {
  const name = definition.property.name;
  const value = definition.value ?? '';
  if (value === `$${name}` || value === `\${${name}}`) return true;
  const state = instruction.state;
  const before = state.env.has(name) ? state.env.get(name) : state.args.get(name);
  if (before === undefined || (definition.hasVariable && file.expand(definition.raw, state).includes('$'))) return false;
  const after = definition.hasVariable ? unquote(file.expand(definition.raw, state)) : value;
  return unquote(before) === after;
}

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

function splitBefore(file: DockerfileModel, instruction: Instruction, onbuild: Instruction | undefined, pairs: readonly PropertyText[], position: number): Suggestion {
  const previous = pairs[position - 1].property;
  const keyword = onbuild ? `${onbuild.keywordText} ${instruction.keywordText}` : instruction.keywordText;
  return {
    description: `Move ${pairs[position].property.name}=… and what follows to a new ${instruction.keyword} line`,
    edits: [{ start: previous.end, end: pairs[position].property.start, text: `\n${keyword} ` }],
  };
}
export default rule;
