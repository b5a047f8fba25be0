import type { DockerfileRule, Report } from '../src/types.js';
import { instructionsWithTriggers, report, replace, safeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'legacy-key-value-format',
    description: 'ENV and LABEL should use the key=value form, not the legacy "key value" form.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['LegacyKeyValueFormat'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') continue;
      const [property] = instruction.properties;
      if (!property || property.hasEquals || instruction.properties.length !== 1) continue;
      // The legacy value is the rest of the line, spaces included.
      const rawValue = instruction.argsText.slice(property.nameEnd - instruction.argsStart).trim();
      // Across a line continuation Docker keeps the spaces of both lines: leave that to a human.
      const continued = file.text.slice(property.nameEnd, instruction.argsEnd).includes('\n');
      const quoted = continued ? undefined : quote(rawValue);
      const message = `"${instruction.keyword} ${property.name} ${rawValue}" uses the legacy form, which cannot set several keys and is easy to misread: write ${instruction.keyword} ${property.name}=${quoted ?? '"…"'}.`;
      reports.push(
        report({ start: instruction.argsStart, end: instruction.argsEnd }, message, quoted === undefined ? {} : {
          fix: safeFix(replace({ start: instruction.argsStart, end: instruction.argsEnd }, `${property.name}=${quoted}`)),
        }),
      );
    }
    return reports;
  },
};

/** The value in key=value form with the same meaning, or undefined when quoting would change it. */
function quote(rawValue: string): string | undefined {
  if (/["'\\`\n]/.test(rawValue)) return undefined;
  return /\s/.test(rawValue) || rawValue === '' ? `"${rawValue}"` : rawValue;
}
export default rule;
