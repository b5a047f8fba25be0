import type { DockerfileRule, Fix, Report } from '../src/types.js';
import type { DockerfileModel, Instruction, Stage } from '../src/model/dockerfile.js';
import type { RunScript } from '../src/model/run.js';
import type { ShellScript, SimpleCommand } from '../src/shell/ast.js';
import { insertLines, instructionsWithTriggers, lineStartOf, report, unsafeFix } from '../src/rule-kit.js';
import { baseImage, distroOf } from '../src/knowledge/images.js';
import { enablesPipefail, enclosingShell, invocationOf, pipesOf, setsPipefail } from '../src/knowledge/shell-commands.js';
import type { Pipe } from '../src/knowledge/shell-commands.js';

/** Commands whose output cannot stop short because they failed. */
const NEVER_FAIL = new Set(['echo', 'printf', 'true', ':', 'yes']);
/**
 * Commands that list or filter what is already on the image's file system.
 * They do not fail halfway through, and several exit non-zero on purpose
 * (grep finding nothing, dpkg-query -S of an unowned file), which a pipefail
 * shell would turn into a failed build.
 */
const LOCAL_FEEDERS = new Set([
  ...NEVER_FAIL, 'cat', 'find', 'ls', 'ldd', 'scanelf', 'sort', 'uniq', 'tr', 'awk', 'gawk', 'sed', 'cut', 'head', 'tail',
  'grep', 'egrep', 'fgrep', 'wc', 'basename', 'dirname', 'readlink', 'realpath', 'stat', 'du', 'env', 'printenv', 'id',
  'whoami', 'uname', 'date', 'seq', 'dpkg', 'dpkg-query', 'apt-mark', 'rpm', 'xargs', 'column', 'rev', 'nl',
]);
/** Checksum tools: with -c, an empty or cut input fails the check anyway. */
const CHECKSUMS = /^(sha(1|224|256|384|512)?sum|md5sum|b2sum|shasum|cksum)$/;
const SHELL_LINE = '["/bin/bash", "-o", "pipefail", "-c"]';

const rule: DockerfileRule = {
  meta: {
    id: 'pipefail',
    description: 'A RUN that pipes a command which can fail into another should run with pipefail, or the failure goes unnoticed.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: ['DL4006'],
  },
  check({ file }) {
    const reports: Report[] = [];
    const fixedStages = new Set<Stage>();
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      const stage = instruction.stage;
      if (!run || run.shellKind !== 'posix' || !stage) continue;
      const stageShellPipefail = !run.execForm && enablesPipefail(instruction.state.shell);
      for (const script of run.scripts) {
        const pipe = firstUnguardedPipe(file, instruction, script, stageShellPipefail);
        if (!pipe) continue;
        const fix = fixFor(file, instruction, script, pipe, stage, fixedStages);
        reports.push(report({ start: pipe.start, end: pipe.end }, messageFor(pipe, stage), fix ? { fix } : {}));
        break;
      }
    }
    return reports;
  },
};
export default rule;

function messageFor(pipe: Pipe, stage: Stage): string {
  const feeder = pipe.left.map((command) => invocationOf(command)?.name).find((name) => name && !NEVER_FAIL.has(name)) ?? 'the command';
  const consumer = invocationOf(pipe.right[pipe.right.length - 1] ?? pipe.first)?.name ?? 'the last command';
  const distro = distroOf(baseImage(stage));
  const how = distro === 'alpine'
    ? 'Start the script with `set -o pipefail`, or set SHELL ["/bin/ash", "-o", "pipefail", "-c"]'
    : `Set SHELL ${SHELL_LINE} before this RUN, or run the script in bash with \`set -o pipefail\` first`;
  return `A pipe only returns the status of its last command, so if \`${feeder}\` fails, \`${consumer}\` carries on with partial input and the build still succeeds. ${how}.`;
}

/** The first pipe of a script whose left side can fail without pipefail to notice it. */
function firstUnguardedPipe(file: DockerfileModel, instruction: Instruction, script: RunScript, stageShellPipefail: boolean): Pipe | undefined {
  const shell = script.shell;
  const usesStageShell = script.origin === 'inline' || (script.origin === 'heredoc' && !script.text.startsWith('#!') && headIsStageShell(instruction));
  if (script.origin === 'heredoc' && script.text.startsWith('#!') && /pipefail/.test(script.text.slice(0, script.text.indexOf('\n') >>> 0))) return undefined;
  if (script.origin === 'exec' && instruction.json && enablesPipefail(instruction.json.map((word) => word.value))) return undefined;
  for (const pipe of pipesOf(shell, file.text)) {
    if (pipe.first.nesting === 'substitution') continue;
    if (pipe.left.every(neverFails) || pipe.left.every(localFeeder)) continue;
    const last = pipe.right[pipe.right.length - 1];
    if (last && (lastNoticesEmptyInput(last) || ['true', ':'].includes(invocationOf(last)?.name ?? ''))) continue;
    if (isCondition(file, pipe) || handledAfter(shell, pipe)) continue;
    const outer = enclosingShell(shell, pipe.first.start);
    if (outer) {
      if (enablesPipefail(outer.args.map((word) => word.value))) continue;
    } else if (usesStageShell && stageShellPipefail) {
      continue;
    }
    if (pipefailSetBefore(shell, pipe, outer)) continue;
    return pipe;
  }
  return undefined;
}

/** `RUN <<EOF` (the stage's shell runs the body), not `RUN bash <<EOF` or `RUN python3 <<EOF`. */
function headIsStageShell(instruction: Instruction): boolean {
  const inline = instruction.run?.scripts.find((script) => script.origin === 'inline');
  return !inline || inline.shell.commands.every((command) => command.name === undefined);
}

function neverFails(command: SimpleCommand): boolean {
  const invocation = invocationOf(command);
  if (!invocation) return command.name === undefined;
  if (NEVER_FAIL.has(invocation.name)) return true;
  // `cat <<EOF` and `cat` of a here-string only print what the script holds.
  return invocation.name === 'cat' && invocation.args.length === 0 && command.redirects.some((redirect) => redirect.op.startsWith('<<'));
}

function localFeeder(command: SimpleCommand): boolean {
  const invocation = invocationOf(command);
  return invocation === undefined ? command.name === undefined : LOCAL_FEEDERS.has(invocation.name);
}

/** grep, and checksum tools with -c, fail on empty input: a feeder that failed before writing is noticed. */
function lastNoticesEmptyInput(command: SimpleCommand): boolean {
  const invocation = invocationOf(command);
  if (!invocation) return false;
  if (['grep', 'egrep', 'fgrep'].includes(invocation.name)) return true;
  return CHECKSUMS.test(invocation.name) && invocation.args.some((word) => /^(-[a-z]*c[a-z]*|--check)$/.test(word.value));
}

/**
 * `if curl … | grep -q x; then`, `while … | read`, `! { a | b; }`,
 * `if [ -f x ] && a | b; then`: the status is tested, not ignored.
 */
function isCondition(file: DockerfileModel, pipe: Pipe): boolean {
  if (pipe.pipeline.negated || pipe.first.name?.value === '!') return true;
  const text = file.text;
  // Backwards over blanks, continuations and the `{`/`(` of an enclosing group.
  let index = pipe.first.start - 1;
  for (;;) {
    while (index >= 0 && /[\s{(]/.test(text[index])) index--;
    if (index >= 0 && text[index] === '\\' && /\s/.test(text[index + 1] ?? '')) {
      index--;
      continue;
    }
    break;
  }
  let wordStart = index;
  while (wordStart >= 0 && /[a-z!]/.test(text[wordStart])) wordStart--;
  const before = text.slice(wordStart + 1, index + 1);
  if (['if', 'elif', 'while', 'until', '!'].includes(before) && (wordStart < 0 || /[\s;&|({]/.test(text[wordStart]))) return true;
  // `… | grep -q x; then` / `; do`: the pipeline closes a condition list.
  return /^[ \t]*(?:\\\r?\n[ \t]*)*(?:;|\r?\n)?[ \t\r\n]*(?:\\\r?\n[ \t]*)*(then|do)(?=\s|$)/.test(text.slice(pipe.pipeline.end, pipe.pipeline.end + 200));
}

/** `a | b || true`, `a | b || exit 1`: the script handles the pipeline's failure itself. */
function handledAfter(shell: ShellScript, pipe: Pipe): boolean {
  const next = shell.commands.find((command) => command.start >= pipe.pipeline.end && command.nesting !== 'substitution');
  return next?.joiner === '||';
}

/** `set -o pipefail` earlier in the same shell (the top script, or the same `sh -c` string). */
function pipefailSetBefore(shell: ShellScript, pipe: Pipe, outer: SimpleCommand | undefined): boolean {
  return shell.commands.some((command) => command.start < pipe.first.start
    && command.nesting !== 'substitution'
    && setsPipefail(command)
    && enclosingShell(shell, command.start) === outer);
}

/**
 * SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the first fixable RUN of
 * the stage: only where the stage runs the default /bin/sh -c and the base
 * image is known to have bash, and only for pipes that shell runs.
 */
function fixFor(file: DockerfileModel, instruction: Instruction, script: RunScript, pipe: Pipe, stage: Stage, fixedStages: Set<Stage>): Fix | undefined {
  if (instruction.inOnbuild || instruction.run?.execForm) return undefined;
  if (fixedStages.has(stage)) return undefined;
  for (let parent = stage.parent; parent; parent = parent.parent) if (fixedStages.has(parent)) return undefined;
  const shell = instruction.state.shell;
  if (shell.length !== 2 || shell[0] !== '/bin/sh' || shell[1] !== '-c') return undefined;
  if (!bashKnown(stage)) return undefined;
  if (script.origin === 'heredoc' && (script.text.startsWith('#!') || !headIsStageShell(instruction))) return undefined;
  if (script.origin === 'exec' || enclosingShell(script.shell, pipe.first.start)) return undefined;
  const lineStart = lineStartOf(file, instruction.start);
  const indent = file.text.slice(lineStart, instruction.start);
  if (indent.trim() !== '') return undefined;
  fixedStages.add(stage);
  const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'shell' : 'SHELL';
  return unsafeFix(insertLines(file, lineStart, [`${indent}${keyword} ${SHELL_LINE}`]));
}

/** Debian, Ubuntu, RHEL-family and SUSE images ship bash; minimal variants without a shell do not. */
function bashKnown(stage: Stage): boolean {
  const image = baseImage(stage);
  const distro = distroOf(image);
  if (distro !== 'debian' && distro !== 'rhel' && distro !== 'suse') return false;
  return !/micro|chiseled|distroless|busybox/.test(`${image.name}:${image.tag ?? ''}`.toLowerCase());
}
