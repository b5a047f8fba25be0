import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, report, replace, safeFix } from '../src/rule-kit.js';
import { exposeWords, isValidPortSpec } from '../src/knowledge/expose.js';
import type { PortSpec } from '../src/knowledge/expose.js';

const rule: DockerfileRule = {
  meta: {
    id: 'expose-invalid-format',
    description: 'EXPOSE takes container ports only, not a host IP address or a host-port mapping.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['ExposeInvalidFormat'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      for (const { spec, expanded } of exposeWords(file, instruction)) {
        if (spec.ip || spec.hostPort) {
          const container = containerText(spec);
          // The image keeps only the container port either way, so dropping the rest is safe
          // when Docker would accept the spec (an invalid one fails the build: leave it to the user).
          const valid = expanded?.length === 1 && isValidPortSpec(expanded[0]);
          reports.push(
            report(spec, `${describe(spec.text, spec)} Docker keeps only the container port (${container}); publish ports when the container runs (docker run -p ${spec.text}).`, {
              fix: valid ? safeFix(replace({ start: spec.start, end: spec.containerPort.start }, '')) : undefined,
            }),
          );
          continue;
        }
        const mapped = expanded?.find((value) => value.ip || value.hostPort);
        if (mapped && spec.text.includes('$')) {
          reports.push(
            report(spec, `${describe(`${spec.text}`, mapped, mapped.text)} Docker keeps only the container port (${containerText(mapped)}); publish ports when the container runs (docker run -p ${mapped.text}).`),
          );
        }
      }
    }
    return reports;
  },
};

function containerText(spec: PortSpec): string {
  return spec.text.slice(spec.containerPort.start - spec.start);
}

function describe(written: string, spec: PortSpec, expandedTo?: string): string {
  const what = spec.ip ? 'a host IP address' : 'a host port';
  const subject = expandedTo === undefined ? `EXPOSE ${written}` : `EXPOSE ${written} (${expandedTo} with the defaults in scope)`;
  return `${subject} names ${what}, which EXPOSE cannot set and a future Docker release will reject.`;
}
export default rule;
