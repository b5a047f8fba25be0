import type { DockerfileRule, OffsetRange, Report } from '../src/types.js';
import { insertLines, report, safeFix } from '../src/rule-kit.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';

/** Comments that talk to tools (suppressions, directives), never descriptions. */
const PRAGMA = /^(?:dockfix-ignore|hadolint\s+(?:global\s+)?ignore|check\s*=|syntax\s*=|escape\s*=)/i;

const rule: DockerfileRule = {
  meta: {
    id: 'invalid-definition-description',
    description: 'A comment right above FROM … AS name or ARG should start with that name, as docker build --call=outline reads it as a description.',
    category: 'style',
    severity: 'info',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['InvalidDefinitionDescription'],
    enabledByDefault: false,
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of file.instructions) {
      let names: string[];
      let range: OffsetRange;
      if (instruction.keyword === 'FROM') {
        const stage = instruction.stage;
        if (!stage?.name || !stage.nameRange) continue;
        names = [stage.name];
        range = stage.nameRange;
      } else if (instruction.keyword === 'ARG' && instruction.properties.length > 0) {
        names = instruction.properties.map((property) => property.name);
        range = { start: instruction.properties[0].start, end: instruction.properties[0].nameEnd };
      } else {
        continue;
      }
      const block = commentBlock(file, instruction);
      const described = block.lines.filter((line) => !PRAGMA.test(line.text));
      if (described.length === 0) continue;
      if (described.some((line) => names.includes(line.text.split(/\s+/)[0]))) continue;
      const what = instruction.keyword === 'FROM' ? `FROM … AS ${names[0]}` : `ARG ${names.join(' ')}`;
      const start = names.length === 1 ? `"${names[0]}"` : `one of its names (${names.join(', ')})`;
      const example = names.length === 1 ? names[0] : '<name>';
      const role = instruction.keyword === 'FROM' ? "the stage's description" : "the argument's description";
      reports.push(
        report(
          range,
          `The comment above ${what} does not start with ${start}, so docker build --call=outline does not show it as ${role}: write "# ${example} <description>", or put an empty line between the comment and ${instruction.keywordText}.`,
          { fix: safeFix(insertLines(file, block.insertAt, [''])) },
        ),
      );
    }
    return reports;
  },
};

interface CommentLine {
  /** After `#`, trimmed. */
  readonly text: string;
  readonly start: number;
}

/**
 * The comment lines right above an instruction, up to a blank line, an empty `#`
 * line, a parser directive or the previous instruction, top to bottom; and where an
 * empty line separates them from the instruction (above any suppression comments
 * that must stay attached to it).
 */
function commentBlock(file: DockerfileModel, instruction: Instruction): { lines: CommentLine[]; insertAt: number } {
  const source = file.source;
  const previous = file.instructions[instruction.index - 1];
  const limit = previous ? previous.end : 0;
  const lines: CommentLine[] = [];
  for (let line = source.lineOf(instruction.start) - 1; line >= 0; line--) {
    const start = source.lineStarts[line];
    if (start < limit) break;
    const content = file.text.slice(start, source.lineEnd(line)).trim();
    if (!content.startsWith('#')) break;
    if (file.directives.some((directive) => directive.start <= start + content.length && start <= directive.end)) break;
    const text = content.slice(1).trim();
    if (text === '') break;
    lines.unshift({ text, start });
  }
  let insertAt = source.lineStarts[source.lineOf(instruction.start)];
  for (let index = lines.length - 1; index >= 0 && PRAGMA.test(lines[index].text); index--) insertAt = lines[index].start;
  return { lines, insertAt };
}
export default rule;
