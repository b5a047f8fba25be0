import type { DockerfileRule, OffsetRange, Report } from '../src/types.js';
import type { BuildState, DockerfileModel } from '../src/model/dockerfile.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { matchesAnyGlob } from '../src/glob.js';
import { expandWord, imageRegistry, normalizeRegistry, stripQuotes } from '../src/knowledge/instructions.js';

const rule: DockerfileRule = {
  meta: {
    id: 'trusted-registries',
    description: 'Images should come only from the registries the project trusts.',
    category: 'security',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3026'],
    enabledByDefault: false,
    defaultOptions: { registries: [] },
  },
  check({ file, options }) {
    const configured = Array.isArray(options.registries) ? options.registries.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
    if (configured.length === 0) return [];
    const allowed = configured.map((entry) => normalizeRegistry(entry.trim()));
    const listed = configured.map((entry) => entry.trim()).join(', ');
    const reports: Report[] = [];
    const check = (reference: string, range: OffsetRange, what: string) => {
      if (reference.toLowerCase() === 'scratch') return;
      const registry = imageRegistry(reference);
      if (registry === undefined || matchesAnyGlob(registry, allowed, { dot: true, nocase: true })) return;
      const source = registry === 'docker.io' ? 'Docker Hub (docker.io)' : registry;
      reports.push(report(range, `${what} "${reference}" comes from ${source}, which is not a trusted registry (${listed}): use an image from one of those.`));
    };
    for (const stage of file.stages) {
      const word = stage.from.args[0];
      const resolved = stripQuotes(stage.image.resolved, file.escapeChar);
      if (!word || stage.parent || file.findStage(resolved, stage.index)) continue;
      check(resolved, word, 'The base image');
    }
    for (const instruction of instructionsWithTriggers(file)) {
      // Inside ONBUILD, --from names stages of the child build, which are unknown here.
      if (!instruction.stage || instruction.inOnbuild) continue;
      const before = instruction.stage.index;
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const flag = instruction.flags.find((candidate) => candidate.name === 'from');
        const image = flag?.value ? imageReference(file, flag.value, instruction.state, before) : undefined;
        if (flag && image) check(image, { start: flag.valueStart, end: flag.end }, `The ${instruction.keyword} --from image`);
      }
      for (const mount of instruction.run?.mounts ?? []) {
        const image = mount.from ? imageReference(file, mount.from, instruction.state, before) : undefined;
        if (image) check(image, mount, 'The mounted image');
      }
    }
    return reports;
  },
};

/**
 * The image a --from value names, expanded; undefined for stages (by name or
 * index), unresolved variables, and bare words, which may be named build
 * contexts (`--build-context name=…`) or misspelt stages.
 */
function imageReference(file: DockerfileModel, value: string, state: BuildState, before: number): string | undefined {
  const expanded = expandWord(file, value, state);
  if (expanded.includes('$') || /^\d+$/.test(expanded) || file.findStage(expanded, before)) return undefined;
  return /[:/@.]/.test(expanded) ? expanded : undefined;
}
export default rule;
