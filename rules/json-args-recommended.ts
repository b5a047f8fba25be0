import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, report, replace, unsafeFix } from '../src/rule-kit.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';

/** Words that mean the same inside and outside a shell. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

const rule: DockerfileRule = {
  meta: {
    id: 'json-args-recommended',
    description: 'CMD and ENTRYPOINT should use the exec (JSON) form so the program runs as PID 1 and receives signals.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: ['DL3025', 'JSONArgsRecommended'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
      if (instruction.json || instruction.args.length === 0) continue;
      if (instruction.stage && setsShell(instruction.stage)) continue;
      // `exec program` replaces the shell, so the program is PID 1 already.
      if (instruction.args[0].value === 'exec') continue;
      const words = instruction.args.map((word) => word.value);
      const simple = words.every((word) => PLAIN_WORD.test(word));
      const exec = `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
      reports.push(
        report(
          { start: instruction.start, end: instruction.headEnd },
          `${instruction.keyword} in shell form runs under /bin/sh -c, so the program does not receive SIGTERM and stops only when killed: use the exec form${simple ? ` ${instruction.keyword} ${exec}` : ` (${instruction.keyword} ["program", "arg"]), or prefix the command with exec`}.`,
          simple ? { fix: unsafeFix(replace({ start: instruction.argsStart, end: instruction.argsEnd }, exec)) } : {},
        ),
      );
    }
    return reports;
  },
};

/** A SHELL in the stage or the stages it builds on shows that a shell is wanted. */
function setsShell(stage: Stage): boolean {
  for (let current: Stage | undefined = stage; current; current = current.parent) {
    if (current.instructions.some((instruction: Instruction) => instruction.keyword === 'SHELL')) return true;
  }
  return false;
}
export default rule;
