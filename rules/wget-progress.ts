import type { DockerfileRule, Report } from '../src/types.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import { instructionsWithTriggers, report, safeFix } from '../src/rule-kit.js';
import { baseImage, distroOf, stageChain } from '../src/knowledge/images.js';
import { hasOption, insertArgumentAfter, invocationOf, invocations, parseArgs } from '../src/knowledge/shell-commands.js';

/** GNU wget options that take a value (short letters, and `-n` whose value is the letter after it). */
const SHORT_WITH_VALUE = 'oaeOPtTwQiBUlARDXIn';
const LONG_WITH_VALUE = [
  '--output-file', '--append-output', '--execute', '--output-document', '--directory-prefix', '--tries', '--timeout',
  '--wait', '--quota', '--input-file', '--base', '--user-agent', '--level', '--accept', '--reject', '--domains',
  '--exclude-directories', '--include-directories', '--progress', '--header', '--user', '--password', '--post-data',
];

const PROGRESS = '--progress=dot:giga';

const rule: DockerfileRule = {
  meta: {
    id: 'wget-progress',
    description: 'GNU wget without --progress, -q or -nv prints a line of dots per 50 KB downloaded, flooding the build log.',
    category: 'maintainability',
    severity: 'info',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['DL3047'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      const stage = instruction.stage;
      if (!run || run.shellKind !== 'posix' || !stage) continue;
      const wget = wgetKind(stage, instruction);
      if (wget === 'busybox') continue;
      for (const command of run.commands) {
        const invocation = invocationOf(command);
        if (invocation?.name !== 'wget') continue;
        const parsed = parseArgs(invocation.args, { shortWithValue: SHORT_WITH_VALUE, longWithValue: LONG_WITH_VALUE });
        const quiet = hasOption(parsed, '-q', '--quiet', '--no-verbose', '--progress', '-o', '--output-file', '-a', '--append-output', '-b', '--background', '--spider', '-V', '--version', '-h', '--help')
          || parsed.options.some((option) => option.name === '-n' && option.value?.startsWith('v'));
        if (quiet || stderrRedirected(command)) continue;
        const edit = wget === 'gnu' ? insertArgumentAfter(file.text, instruction, command, invocation.program, PROGRESS) : undefined;
        reports.push(report({ start: command.start, end: command.end },
          `\`wget\` prints a line of dots for every 50 KB it downloads when the build log is not a terminal. Add ${PROGRESS} (or -nv, or -q) to keep the log readable.`,
          edit ? { fix: safeFix(edit) } : {}));
      }
    }
    return reports;
  },
};
export default rule;

/** Package managers of distributions whose wget is GNU wget. */
const GNU_SYSTEMS = new Set(['apt-get', 'apt', 'aptitude', 'dnf', 'yum', 'microdnf', 'tdnf', 'zypper']);

/**
 * Which wget the stage has: GNU on Debian/Ubuntu/RHEL/SUSE images (known by
 * name, or by the package manager the stage uses) and wherever the stage
 * installs wget with apk; BusyBox on Alpine otherwise (no --progress option
 * there, and no dot flood); unknown elsewhere.
 */
function wgetKind(stage: Stage, instruction: Instruction): 'gnu' | 'busybox' | 'unknown' {
  const distro = distroOf(baseImage(stage));
  if (distro === 'debian' || distro === 'rhel' || distro === 'suse') return 'gnu';
  const evidence = wgetEvidence(stage);
  if (evidence.gnu <= instruction.index) return 'gnu';
  return distro === 'alpine' || evidence.apk <= instruction.index ? 'busybox' : 'unknown';
}

// Asked for every wget: reading the chain once per stage keeps a long Dockerfile linear.
const evidenceByStage = new WeakMap<Stage, { gnu: number; apk: number }>();

/** The first instruction index that shows GNU wget (a GNU package manager, `apk add wget`) and the first that uses apk. */
function wgetEvidence(stage: Stage): { gnu: number; apk: number } {
  let evidence = evidenceByStage.get(stage);
  if (evidence) return evidence;
  evidence = { gnu: Number.POSITIVE_INFINITY, apk: Number.POSITIVE_INFINITY };
  for (const member of stageChain(stage)) {
    for (const earlier of member.instructions) {
      if (earlier.inOnbuild) continue;
      for (const invocation of invocations(earlier.run?.commands ?? [])) {
        if (GNU_SYSTEMS.has(invocation.name)) evidence.gnu = Math.min(evidence.gnu, earlier.index);
        if (invocation.name !== 'apk') continue;
        evidence.apk = Math.min(evidence.apk, earlier.index);
        if (invocation.args.some((word) => word.value === 'wget')) evidence.gnu = Math.min(evidence.gnu, earlier.index);
      }
    }
  }
  evidenceByStage.set(stage, evidence);
  return evidence;
}

/** `2>/dev/null`, `&>log`, `>/dev/null 2>&1`: stderr does not reach the build log. */
function stderrRedirected(command: SimpleCommand): boolean {
  let stdout = 'log';
  let stderr = 'log';
  for (const redirect of command.redirects) {
    const target = redirect.target?.value ?? '';
    const op = redirect.op;
    if (op === '&>' || op === '&>>' || (op === '>&' && !/^\d+$/.test(target))) {
      stdout = target;
      stderr = target;
    } else if (/^2>>?$/.test(op)) {
      stderr = target;
    } else if (op === '2>&') {
      stderr = target === '1' ? stdout : target === '2' ? stderr : 'log';
    } else if (/^1?>>?$/.test(op)) {
      stdout = target;
    } else if (/^1?>&$/.test(op)) {
      stdout = target === '2' ? stderr : 'log';
    }
  }
  return stderr !== 'log';
}
