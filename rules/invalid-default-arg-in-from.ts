import type { DockerfileRule, Report } from '../src/types.js';
import { report } from '../src/rule-kit.js';
import {
  AUTOMATIC_PLATFORM_ARGS, defaultGlobalArgValues, globalArgs, isValidImageReference, processWord,
} from '../src/knowledge/build-args.js';

const rule: DockerfileRule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    description: 'With the ARG defaults alone (no --build-arg), a FROM line must still name a valid image.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['InvalidDefaultArgInFrom'],
  },
  check({ file }) {
    const reports: Report[] = [];
    const declared = globalArgs(file);
    let values: Map<string, string> | undefined | null;
    for (const stage of file.stages) {
      const word = stage.from.args[0];
      if (!word || !word.value.includes('$')) continue;
      // BuildKit gives up on this check when a default cannot be evaluated; so does dockfix.
      if (values === undefined) values = defaultGlobalArgValues(file) ?? null;
      if (values === null) break;
      const defaults = values;
      const processed = processWord(word.value, defaults, file.escapeChar);
      if (!processed) continue;
      const used = [...processed.matched, ...processed.unmatched];
      // An undeclared variable is undefined-arg-in-from's finding; this rule judges declared ARGs only.
      if (used.length === 0 || used.some((name) => !declared.has(name) && !AUTOMATIC_PLATFORM_ARGS.has(name))) continue;
      const result = processed.value;
      if (isValidImageReference(result) || file.findStage(result, stage.index)) continue;

      const names = [...new Set(used)].filter((name) => declared.has(name));
      const unset = names.filter((name) => !defaults.get(name));
      const expansion = result === '' ? 'an empty image name' : `"${result}", which is not a valid image reference`;
      const intro = `With no --build-arg, "${word.value}" expands to ${expansion}`;
      if (unset.length > 0) {
        const list = unset.map((name) => `ARG ${name}`).join(', ');
        const example = unset[0];
        reports.push(report(word, `${intro}: give ${list} a default, or write \${${example}:-<default>} here.`));
      } else if (names.length > 0) {
        reports.push(report(word, `${intro}: fix the default of ${names.map((name) => `ARG ${name}`).join(', ')}.`));
      }
    }
    return reports;
  },
};
export default rule;
