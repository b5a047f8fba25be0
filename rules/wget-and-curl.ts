import type { DockerfileRule, Report } from '../src/types.js';
import type { SimpleCommand } from '../src/shell/ast.js';
import { report } from '../src/rule-kit.js';
import { invocationOf } from '../src/knowledge/shell-commands.js';

type Tool = 'curl' | 'wget';

const rule: DockerfileRule = {
  meta: {
    id: 'wget-and-curl',
    description: 'A stage should download with either curl or wget, not both: each one it needs is one more tool in the image.',
    category: 'maintainability',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL4001'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      const uses: Record<Tool, SimpleCommand[]> = { curl: [], wget: [] };
      let probes = false;
      for (const instruction of stage.instructions) {
        const run = instruction.run;
        if (!run || instruction.inOnbuild || run.shellKind !== 'posix') continue;
        for (const command of run.commands) {
          const invocation = invocationOf(command);
          if (!invocation) continue;
          if (invocation.name === 'curl' || invocation.name === 'wget') uses[invocation.name].push(command);
          // `command -v curl || wget …`: the script works with whichever tool the image has.
          if (['command', 'which', 'type', 'hash'].includes(invocation.name)
            && invocation.args.some((word) => word.value === 'curl' || word.value === 'wget')) probes = true;
        }
      }
      if (probes || uses.curl.length === 0 || uses.wget.length === 0) continue;
      const firstOf = (tool: Tool) => uses[tool][0];
      // The tool used less is the one to drop; on a tie, the one that came second.
      const minor: Tool = uses.curl.length !== uses.wget.length
        ? (uses.curl.length < uses.wget.length ? 'curl' : 'wget')
        : (firstOf('curl').start > firstOf('wget').start ? 'curl' : 'wget');
      const major: Tool = minor === 'curl' ? 'wget' : 'curl';
      const line = (command: SimpleCommand) => file.source.position(command.start).line;
      const at = firstOf(minor);
      reports.push(report({ start: at.start, end: at.end },
        `This stage downloads with both ${major} (line ${line(firstOf(major))}) and ${minor} (line ${line(at)}). Use ${major} for both so the image needs only one download tool.`));
    }
    return reports;
  },
};
export default rule;
