import type { DockerfileRule, Report } from '../src/types.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import type { RunScript } from '../src/model/run.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { invocationOf } from '../src/knowledge/shell-commands.js';
import type { Invocation } from '../src/knowledge/shell-commands.js';

const EDITORS = new Set(['vim', 'vi', 'nano', 'emacs']);
const INSPECTORS = new Set(['ps', 'free', 'top', 'ifconfig']);
const POWER = new Set(['shutdown', 'reboot', 'halt', 'poweroff']);
const CHECKED = new Set([...EDITORS, ...INSPECTORS, ...POWER, 'ssh', 'service', 'kill', 'mount']);

/** Commands that do no real work after a `service … start`. */
const TRIVIAL = new Set(['service', 'sleep', 'echo', 'printf', 'true', ':', 'exit']);

const rule: DockerfileRule = {
  meta: {
    id: 'pointless-command',
    description: 'Commands such as ssh, vim, service, ps, kill or shutdown do nothing useful inside a RUN step.',
    category: 'maintainability',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL3001'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      if (!run || run.shellKind !== 'posix') continue;
      const sshMount = run.mounts.some((mount) => mount.type === 'ssh');
      for (const script of run.scripts) {
        for (const command of script.shell.commands) {
          const invocation = invocationOf(command);
          if (!invocation || !CHECKED.has(invocation.name)) continue;
          const message = messageFor(invocation, script, { sshMount, insecure: run.security === 'insecure' });
          if (message) reports.push(report({ start: command.start, end: command.end }, message));
        }
      }
    }
    return reports;
  },
};
export default rule;

function messageFor(invocation: Invocation, script: RunScript, context: { sshMount: boolean; insecure: boolean }): string | undefined {
  const name = invocation.name;
  const args = invocation.args.map((word) => word.value);
  if (EDITORS.has(name)) {
    // `vim +PlugInstall +qall`, `emacs --batch`, `vim --version`: scripted, not interactive.
    if (args.some((arg) => arg.startsWith('-') || arg.startsWith('+')) || invocation.command.redirects.some((redirect) => redirect.op.endsWith('<'))) return undefined;
    if (invocation.command.joiner === '|') return undefined;
    return `\`${name}\` waits for someone to type, and nobody can during a build. Change files with sed, a heredoc or COPY instead.`;
  }
  if (POWER.has(name)) return `\`${name}\` cannot stop or restart anything during a build; remove it.`;
  if (name === 'ssh') {
    if (context.sshMount || args.some((arg) => arg === '-V')) return undefined;
    return '`ssh` in a build either waits at a prompt or needs a private key stored in the image. Forward your agent with RUN --mount=type=ssh, or fetch the files another way.';
  }
  if (name === 'mount') {
    if (context.insecure || args.length === 0) return undefined;
    return '`mount` needs privileges a build step does not have, and its mounts end with the step. Use RUN --mount to make files available to a step.';
  }
  const later = script.shell.commands.filter((command) => command.start > invocation.command.end && command.nesting !== 'substitution');
  if (name === 'service') {
    // `service mysql start && mysql < schema.sql`: the service is used within the step.
    if (later.some((command) => !TRIVIAL.has(invocationOf(command)?.name ?? ''))) return undefined;
    if (script.shell.commands.some((command) => command.end <= invocation.command.start && invocationOf(command)?.name === 'service')) return undefined;
    return '`service` starts nothing that lasts: every process ends with its RUN step. Start services from CMD or ENTRYPOINT (or a process manager) instead.';
  }
  if (startsBackgroundWork(script, invocation.command)) return undefined;
  if (name === 'kill') {
    if (args.some((arg) => arg.includes('$!') || arg.startsWith('%'))) return undefined;
    return '`kill` has nothing to stop: no process from an earlier step is still running. Remove it.';
  }
  return `\`${name}\` only shows the state of the build container at this step, which nobody reads. Remove it.`;
}

/** Whether the script starts a process before `before` that it may inspect or stop (`server &`, `service x start`). */
function startsBackgroundWork(script: RunScript, before: SimpleCommand): boolean {
  return script.shell.commands.some((command) => {
    if (command.start > before.start) return false;
    // `a & b`: the command after `&` is joined by it, so `a` runs in the background.
    if (command.joiner === '&') return true;
    if (command === before) return false;
    const invocation = invocationOf(command);
    return invocation !== undefined && (['service', 'start-stop-daemon', 'daemonize'].includes(invocation.name) || invocation.wrappers.includes('nohup'));
  });
}
