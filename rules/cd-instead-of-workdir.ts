import type { DockerfileRule, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import { joinPosix } from '../src/model/dockerfile.js';
import type { RunScript } from '../src/model/run.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import { insertLines, lineStartOf, report, safeFix, unsafeFix } from '../src/rule-kit.js';
import { mountTarget, removeCommandEdit } from '../src/knowledge/caches.js';
import { invocationOf, parseArgs } from '../src/knowledge/shell-commands.js';

/** Scratch directories: a RUN that works there leaves nothing later steps should run in. */
const TEMPORARY = /^\/(tmp|var\/tmp|dev\/shm|run)(\/|$)/;

const rule: DockerfileRule = {
  meta: {
    id: 'cd-instead-of-workdir',
    description: 'A RUN that starts with `cd` to run everything in one directory should use WORKDIR instead.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: ['DL3003'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      for (const instruction of stage.instructions) {
        const run = instruction.run;
        if (!run || run.shellKind !== 'posix' || instruction.inOnbuild) continue;
        const script = run.scripts[0];
        if (!script || script.origin !== 'inline' || run.execForm) continue;
        const finding = leadingCd(file, instruction, script);
        if (finding) reports.push(finding);
      }
    }
    return reports;
  },
};
export default rule;

function leadingCd(file: DockerfileModel, instruction: Instruction, script: RunScript): Report | undefined {
  const commands = script.shell.commands;
  const top = commands.filter((command) => command.nesting === 'top');
  // `set -eux; cd /usr/src; …`: shell options first still leave cd leading.
  let position = 0;
  while (position < top.length && top[position].name?.value === 'set') position++;
  const cd = top[position];
  if (!cd || cd.name?.value !== 'cd' || cd.redirects.length > 0) return undefined;
  const next = top[position + 1];
  if (next && next.joiner !== '&&' && next.joiner !== ';' && next.joiner !== 'newline') return undefined;
  if (next && script.shell.pipelines[cd.pipeline]?.commands.length !== 1) return undefined;
  const operands = parseArgs(cd.args).operands;
  if (operands.length !== 1 || cd.args.length !== 1) return undefined;
  const target = operands[0];
  if (target.dynamic || target.value === '-' || target.value.startsWith('~') || target.value === '') return undefined;
  // Relative to a WORKDIR the base image may set: only absolute when this file decides it.
  const known = target.value.startsWith('/') || instruction.state.workdirSet;
  const directory = known ? joinPosix(instruction.state.workdir, target.value) : target.value.replace(/\/+$/, '');
  // A later `cd` moves on: the first directory was only for part of the step.
  if (commands.some((command) => command !== cd && command.start > cd.start && command.nesting !== 'substitution' && invocationOf(command)?.name === 'cd' && command.nesting === 'top')) return undefined;
  if (TEMPORARY.test(directory)) return undefined;
  if (removesDirectory(commands, directory, instruction.state.workdir)) return undefined;
  // `RUN --mount=type=cache,target=/build cd /build && …`: the directory exists only during this step.
  if (instruction.run!.mounts.some((mount) => {
    if (!mount.target) return false;
    const mounted = mountTarget(file, mount, instruction.state);
    return mounted === undefined || mounted === directory || directory.startsWith(`${mounted}/`);
  })) return undefined;

  const range = { start: cd.start, end: cd.end };
  if (instruction.state.workdirSet && directory === instruction.state.workdir) {
    const removal = removeCommandEdit(file, instruction.run!, cd);
    return report(range, `\`cd ${target.value}\` changes nothing: ${directory} is already the working directory. Remove it.`,
      removal && next ? { fix: safeFix(removal) } : {});
  }
  const message = `\`cd ${target.value}\` sets the directory for the rest of this RUN. Use WORKDIR ${directory} instead: it creates the directory, and later instructions run there too.`;
  const fix = known && workdirFix(file, instruction, script, cd, next, directory, position);
  return report(range, message, fix ? { fix } : {});
}

/** `rm -rf <dir>` (or a parent) in the same RUN: the directory is scratch space. */
function removesDirectory(commands: readonly SimpleCommand[], directory: string, workdir: string): boolean {
  return commands.some((command) => {
    const invocation = invocationOf(command);
    if (invocation?.name !== 'rm') return false;
    return parseArgs(invocation.args).operands.some((operand) => {
      if (operand.dynamic) return false;
      const removed = joinPosix(workdir, operand.value.replace(/\/\*$/, ''));
      return removed === directory || directory.startsWith(removed === '/' ? '/' : `${removed}/`);
    });
  });
}

/**
 * `RUN cd /app && npm ci` → `WORKDIR /app` + `RUN npm ci`, only for a plain
 * `&&` chain at the start of the script (no `set` before the cd).
 */
function workdirFix(
  file: DockerfileModel,
  instruction: Instruction,
  script: RunScript,
  cd: SimpleCommand,
  next: SimpleCommand | undefined,
  directory: string,
  position: number,
): ReturnType<typeof unsafeFix> | undefined {
  if (position !== 0 || instruction.heredocs.length > 0) return undefined;
  if (!laterStepsUnaffected(file, instruction)) return undefined;
  if (/[\s"'$\\`]/.test(directory)) return undefined;
  const top = script.shell.commands.filter((command) => command.nesting === 'top');
  if (top.slice(1).some((command) => command.joiner !== '&&' && command.joiner !== '|')) return undefined;
  if (file.text.slice(lineStartOf(file, instruction.start), instruction.start).trim() !== '') return undefined;
  const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'workdir' : 'WORKDIR';
  const indent = file.text.slice(lineStartOf(file, instruction.start), instruction.start);
  const insert = insertLines(file, lineStartOf(file, instruction.start), [`${indent}${keyword} ${directory}`]);
  let removal: TextEdit | undefined;
  if (next) {
    removal = removeCommandEdit(file, instruction.run!, cd);
    if (!removal) return undefined;
  } else {
    // The RUN is nothing but the cd: WORKDIR replaces it.
    return unsafeFix({ start: instruction.start, end: instruction.end, text: `${keyword} ${directory}` });
  }
  return unsafeFix(insert, removal);
}

/**
 * The WORKDIR the fix adds also applies to the rest of the stage (and to
 * stages built on it). Offer it only when nothing later visibly depends on the
 * old directory: a relative `cd`, a relative COPY/ADD destination or WORKDIR,
 * or a `./…` path in CMD/ENTRYPOINT, up to the next absolute WORKDIR.
 */
function laterStepsUnaffected(file: DockerfileModel, instruction: Instruction): boolean {
  const stage = instruction.stage;
  if (!stage || file.stages.some((other) => other.parent === stage)) return false;
  for (const later of stage.instructions) {
    if (later.index <= instruction.index || later.inOnbuild) continue;
    const words = later.json ? later.json.map((word) => word.value) : later.args.map((word) => word.value);
    switch (later.keyword) {
      case 'WORKDIR':
        return later.argsText.trim().startsWith('/');
      case 'COPY':
      case 'ADD':
        if (!(words[words.length - 1] ?? '').startsWith('/')) return false;
        break;
      case 'RUN':
        for (const command of later.run?.commands ?? []) {
          const target = command.nesting === 'top' && command.name?.value === 'cd' ? command.args[0] : undefined;
          if (target && !target.value.startsWith('/')) return false;
        }
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        if (words.some((word) => /^\.\.?\//.test(word)) || /(^|\s)\.\.?\//.test(later.argsText)) return false;
        break;
      default:
        break;
    }
  }
  return true;
}
