import type { DockerfileRule, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction, Stage } from '../src/model/dockerfile.js';
import { report, replace, safeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'stage-name-casing',
    description: 'Stage names should be lowercase.',
    category: 'style',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['StageNameCasing'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const stage of file.stages) {
      const name = stage.name;
      if (!name || !stage.nameRange || name.includes('$')) continue;
      const lower = name.toLowerCase();
      if (name === lower) continue;
      const clash = file.stages.find((other) => other !== stage && other.name?.toLowerCase() === lower);
      if (clash) {
        const line = file.source.position(clash.from.start).line;
        reports.push(report(stage.nameRange, `Stage name "${name}" should be lowercase, but the stage at line ${line} is already named "${clash.name}" and Docker ignores case in stage names: rename one of them.`));
        continue;
      }
      const edits = [replace(stage.nameRange, lower), ...referenceEdits(file, stage, lower)];
      reports.push(
        report(stage.nameRange, `Stage name "${name}" should be lowercase: write "${lower}". Docker ignores case in stage names, and lowercase sets them apart from instruction keywords.`, {
          fix: safeFix(...edits),
        }),
      );
    }
    return reports;
  },
};

/**
 * The places that name the stage: `FROM <stage>`, `COPY/ADD --from=<stage>`
 * and `RUN --mount=…,from=<stage>`, matched without case as BuildKit does.
 * ONBUILD triggers are left alone: they name stages of the child build.
 */
function referenceEdits(file: DockerfileModel, stage: Stage, lower: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const matches = (text: string) => text !== lower && text.toLowerCase() === lower;
  for (const other of file.stages) {
    const word = other.from.args[0];
    if (other.parent === stage && word && !word.value.includes('$') && matches(word.value)) edits.push(replace(word, lower));
  }
  for (const instruction of file.instructions) {
    if (!instruction.stage) continue;
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      for (const flag of instruction.flags) {
        if (flag.name === 'from' && flag.value !== undefined && matches(flag.value)) edits.push(replace({ start: flag.valueStart, end: flag.end }, lower));
      }
    }
    if (instruction.keyword === 'RUN') edits.push(...mountEdits(instruction, matches, lower));
  }
  return edits;
}

/** `from=<stage>` inside `--mount=` flags, located by walking the comma-separated options. */
function mountEdits(instruction: Instruction, matches: (text: string) => boolean, lower: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount' || flag.value === undefined) continue;
    let position = flag.valueStart;
    for (const part of flag.value.split(',')) {
      const eq = part.indexOf('=');
      if (eq >= 0 && part.slice(0, eq).trim().toLowerCase() === 'from') {
        const value = part.slice(eq + 1);
        if (matches(value)) edits.push(replace({ start: position + eq + 1, end: position + part.length }, lower));
      }
      position += part.length + 1;
    }
  }
  return edits;
}

export default rule;
