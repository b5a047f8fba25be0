import type { DockerfileRule, Report } from '../src/types.js';
import { closest, insertAt, report, unsafeFix } from '../src/rule-kit.js';
import { readReference } from '../src/model/variables.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import { baseImage } from '../src/knowledge/images.js';
// BuildKit defines these in the global scope; a stage sees them only after `ARG NAME`.
import { AUTOMATIC_PLATFORM_ARGS } from '../src/knowledge/build-args.js';

/** Instructions whose arguments the shell, not the builder, expands. */
const SHELL_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'FROM']);

const rule: DockerfileRule = {
  meta: {
    id: 'undefined-var',
    description: 'A variable is used where no ARG or ENV defines it: it expands to an empty string.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: ['UndefinedVar'],
  },
  check({ file }) {
    const reports: Report[] = [];
    const globalArgs = new Set(file.globalArgs.flatMap((instruction) => instruction.properties.map((property) => property.name)));
    for (const stage of file.stages) {
      const fromScratch = rootImage(stage) === 'scratch';
      stage.instructions.forEach((instruction, position) => {
        if (SHELL_EXPANDED.has(instruction.keyword)) return;
        for (const reference of references(instruction, file.escapeChar)) {
          const { name } = reference;
          if (reference.modifier) continue;
          if (instruction.state.env.has(name) || instruction.state.args.has(name)) continue;
          // Docker gives every container a PATH, even from scratch.
          if (name === 'PATH') continue;
          const range = { start: instruction.argsStart + reference.start, end: instruction.argsStart + reference.end };
          const declareFix = unsafeFix(insertAt(stage.from.headEnd, `\nARG ${name}`));
          // A later ENV may only be overriding what the base image already sets; a later ARG cannot be.
          const later = stage.instructions
            .slice(position + 1)
            .find((candidate) => defines(candidate, name) && (candidate.keyword === 'ARG' || fromScratch));
          if (later) {
            reports.push(report(range, `$${name} is used before it is defined (line ${file.source.position(later.start).line}), so it expands to an empty string here: move the definition above this line.`));
          } else if (globalArgs.has(name)) {
            reports.push(report(range, `$${name} is a global ARG, which a stage does not see: add "ARG ${name}" after FROM to bring it into this stage.`, { fix: declareFix }));
          } else if (AUTOMATIC_PLATFORM_ARGS.has(name)) {
            reports.push(report(range, `$${name} is set by BuildKit only in the global scope: add "ARG ${name}" after FROM to use it in this stage.`, { fix: declareFix }));
          } else {
            const known = [...instruction.state.env.keys(), ...instruction.state.args.keys()];
            const typo = name.length >= 4 ? closest(name, known) : undefined;
            if (typo) {
              reports.push(report(range, `$${name} is not defined, so it expands to an empty string: did you mean $${typo}?`));
            } else if (fromScratch) {
              reports.push(report(range, `$${name} is not defined in this stage, which starts from scratch, so it expands to an empty string: define it with ARG or ENV.`));
            }
            // Otherwise the base image may define it; without the image we stay quiet.
          }
        }
      });
    }
    return reports;
  },
};

function* references(instruction: Instruction, escapeChar: string) {
  const text = instruction.argsText;
  for (let index = text.indexOf('$'); index >= 0; index = text.indexOf('$', index + 1)) {
    if (index > 0 && text[index - 1] === escapeChar) continue;
    const reference = readReference(text, index);
    if (reference) yield reference;
  }
}

function defines(instruction: Instruction, name: string): boolean {
  return (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') && instruction.properties.some((property) => property.name === name);
}

function rootImage(stage: Stage): string {
  return baseImage(stage).resolved.toLowerCase();
}
export default rule;
