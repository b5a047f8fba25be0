import type { DockerfileRule, Report } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import { closest, report } from '../src/rule-kit.js';
import { AUTOMATIC_PLATFORM_ARGS, globalArgs, variableReferences } from '../src/knowledge/build-args.js';

const rule: DockerfileRule = {
  meta: {
    id: 'undefined-arg-in-from',
    description: 'A FROM line uses a variable that no ARG before the first FROM declares.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['UndefinedArgInFrom'],
  },
  check({ file }) {
    const reports: Report[] = [];
    const declared = globalArgs(file);
    const candidates = [...declared.keys(), ...AUTOMATIC_PLATFORM_ARGS];
    for (const stage of file.stages) {
      const from = stage.from;
      const words = [
        ...from.flags.filter((flag) => flag.name === 'platform' && flag.value).map((flag) => ({ text: flag.value!, start: flag.valueStart })),
        ...(from.args[0] ? [{ text: from.args[0].value, start: from.args[0].start }] : []),
      ];
      const seen = new Set<string>();
      for (const word of words) {
        for (const reference of variableReferences(word.text, file.escapeChar, word.start)) {
          const { name } = reference;
          if (declared.has(name) || AUTOMATIC_PLATFORM_ARGS.has(name) || seen.has(name)) continue;
          seen.add(name);
          reports.push(report(reference, message(file, name, candidates)));
        }
      }
    }
    return reports;
  },
};

function message(file: DockerfileModel, name: string, candidates: readonly string[]): string {
  const typo = name.length >= 4 ? closest(name, candidates) : undefined;
  if (typo) return `$${name} is not declared before the first FROM, so it is empty here: did you mean $${typo}?`;
  const inStage = stageArg(file, name);
  if (inStage) {
    const line = file.source.position(inStage.start).line;
    return `$${name} is declared by the ARG at line ${line}, inside a stage, but FROM lines only see ARGs declared before the first FROM: declare "ARG ${name}" above the first FROM.`;
  }
  return `$${name} is not declared before the first FROM, so it is always unset here and --build-arg ${name} has no effect: add "ARG ${name}" above the first FROM.`;
}

function stageArg(file: DockerfileModel, name: string): Instruction | undefined {
  return file.instructions.find(
    (instruction) => instruction.stage && instruction.keyword === 'ARG' && instruction.properties.some((property) => property.name === name),
  );
}

export default rule;
