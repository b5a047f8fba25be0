import type { DockerfileRule, Report } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import { instructionRange, report } from '../src/rule-kit.js';

/** RUNs with more commands than this were most likely split on purpose (hadolint's limit too). */
const MAX_COMMANDS = 2;

const rule: DockerfileRule = {
  meta: {
    id: 'consecutive-run',
    description: 'Short RUN instructions that follow each other directly could be one RUN and one layer.',
    category: 'performance',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL3059'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      let group: Instruction[] = [];
      const flush = () => {
        if (group.length >= 2) {
          const line = (instruction: Instruction) => file.source.position(instruction.start).line;
          const lines = group.length === 2 ? `lines ${line(group[0])} and ${line(group[1])}` : `lines ${line(group[0])}–${line(group[group.length - 1])}`;
          reports.push(report(instructionRange(group[1]),
            `${group.length === 2 ? 'Two' : group.length} RUN instructions in a row (${lines}) each add a layer. Join their commands with && in one RUN.`));
        }
        group = [];
      };
      for (const instruction of stage.instructions) {
        if (instruction.inOnbuild) continue;
        if (!mergeable(instruction)) {
          flush();
          continue;
        }
        const previous = group[group.length - 1];
        if (previous && (!sameFlags(file, previous, instruction) || commentBetween(file, previous, instruction))) flush();
        group.push(instruction);
      }
      flush();
    }
    return reports;
  },
};
export default rule;

/** A short shell-form or exec-form RUN of a POSIX shell; heredoc scripts are meant to stay apart. */
function mergeable(instruction: Instruction): boolean {
  const run = instruction.run;
  if (instruction.keyword !== 'RUN' || !run || run.shellKind !== 'posix') return false;
  if (instruction.heredocs.length > 0 || run.scripts.length === 0) return false;
  return run.commands.length > 0 && run.commands.length <= MAX_COMMANDS;
}

/** Different --mount, --network or --security flags need separate RUNs. */
function sameFlags(file: DockerfileModel, a: Instruction, b: Instruction): boolean {
  const flags = (instruction: Instruction) => instruction.flags.map((flag) => file.text.slice(flag.start, flag.end)).sort().join('\n');
  return flags(a) === flags(b);
}

/** A comment line between two RUNs labels them as separate steps. */
function commentBetween(file: DockerfileModel, a: Instruction, b: Instruction): boolean {
  return file.comments.some((comment) => comment.start >= a.end && comment.end <= b.start);
}
