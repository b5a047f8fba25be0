import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, report, replace, safeFix } from '../src/rule-kit.js';
import { PROTOCOLS, exposeWords } from '../src/knowledge/expose.js';

const rule: DockerfileRule = {
  meta: {
    id: 'expose-proto-casing',
    description: 'The protocol of an EXPOSE port (tcp, udp, sctp) should be written in lowercase.',
    category: 'style',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['ExposeProtoCasing'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      for (const { spec } of exposeWords(file, instruction)) {
        const protocol = spec.protocol;
        if (!protocol || protocol.variable) continue;
        const lower = protocol.text.toLowerCase();
        if (protocol.text === lower || !(PROTOCOLS as readonly string[]).includes(lower)) continue;
        const written = `${spec.text.slice(0, protocol.start - spec.start)}${lower}`;
        reports.push(
          report(protocol, `The protocol in EXPOSE ${spec.text} should be lowercase: write ${written}.`, {
            fix: safeFix(replace(protocol, lower)),
          }),
        );
      }
    }
    return reports;
  },
};
export default rule;
