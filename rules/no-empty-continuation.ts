import type { DockerfileRule, OffsetRange, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import { KNOWN_INSTRUCTIONS } from '../src/model/dockerfile.js';
import { report, safeFix } from '../src/rule-kit.js';

const rule: DockerfileRule = {
  meta: {
    id: 'no-empty-continuation',
    description: 'An instruction continued with a line-continuation escape must not span empty lines.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: ['NoEmptyContinuation'],
  },
  check({ file }) {
    const reports: Report[] = [];
    // ONBUILD triggers share their ONBUILD's lines: the top-level instructions cover every line once.
    for (const instruction of file.instructions) {
      const empty = emptyLines(file, instruction);
      if (empty.length === 0) continue;
      const keyword = instruction.trigger ? `${instruction.keywordText} ${instruction.trigger.keywordText}` : instruction.keywordText;
      const lines = empty.map((range) => file.source.position(range.start).line);
      const where = lines.length === 1 ? `an empty line (line ${lines[0]})` : `${lines.length} empty lines (lines ${lines.join(', ')})`;
      const swallowed = swallowedInstruction(file, instruction, empty[empty.length - 1]);
      if (swallowed) {
        const line = file.source.position(swallowed.start).line;
        const escapeLine = lineBefore(file, empty[empty.length - 1]);
        reports.push(
          report(empty[0], `The ${keyword} continues past ${where} and takes in line ${line} ("${swallowed.text}") as part of its arguments: remove the "${file.escapeChar}" at the end of line ${escapeLine}.`),
        );
        continue;
      }
      const remedy = lines.length === 1 ? 'Remove the empty line, or turn it into a comment.' : 'Remove the empty lines, or turn them into comments.';
      reports.push(
        report(empty[0], `The ${keyword} continues over ${where}: empty continuation lines are deprecated and a future Docker release will reject them. ${remedy}`, {
          fix: safeFix(...removals(file, empty)),
        }),
      );
    }
    return reports;
  },
};

/**
 * The whitespace-only lines inside the instruction's continued first line
 * (heredoc bodies aside). The model folds continuations as BuildKit does, so
 * every such line between the keyword line and the end of the head is one.
 */
function emptyLines(file: DockerfileModel, instruction: Instruction): OffsetRange[] {
  const source = file.source;
  const result: OffsetRange[] = [];
  for (let line = source.lineOf(instruction.start) + 1; line < source.lineStarts.length; line++) {
    const start = source.lineStarts[line];
    if (start >= instruction.headEnd) break;
    if (isBlankLine(file, line)) result.push({ start, end: source.lineEnd(line) });
  }
  return result;
}

/** The 1-based number of the last line before `range` that is neither blank nor a comment: the one ending in the escape. */
function lineBefore(file: DockerfileModel, range: OffsetRange): number {
  let line = file.source.lineOf(range.start) - 1;
  while (line > 0) {
    const text = file.text.slice(file.source.lineStarts[line], file.source.lineEnd(line)).trim();
    if (text !== '' && !text.startsWith('#')) break;
    line--;
  }
  return line + 1;
}

function isBlankLine(file: DockerfileModel, line: number): boolean {
  const start = file.source.lineStarts[line];
  return file.text.slice(start, file.source.lineEnd(line)).trim() === '';
}

/**
 * The line after the empty ones, when it reads like the next instruction (no
 * indent, a known keyword in upper case, or in lower case in a lowercase
 * file): the continuation escape was a mistake, and removing the empty lines
 * would keep it so.
 */
function swallowedInstruction(file: DockerfileModel, instruction: Instruction, lastEmpty: OffsetRange): { start: number; text: string } | undefined {
  const source = file.source;
  for (let line = source.lineOf(lastEmpty.start) + 1; line < source.lineStarts.length; line++) {
    const start = source.lineStarts[line];
    if (start >= instruction.headEnd) return undefined;
    const text = file.text.slice(start, source.lineEnd(line));
    if (text.trim() === '' || text.trim().startsWith('#')) continue;
    const word = /^[A-Za-z]+(?=\s|$)/.exec(text)?.[0];
    if (!word || !KNOWN_INSTRUCTIONS.has(word.toUpperCase())) return undefined;
    const lowerFile = instruction.keywordText === instruction.keywordText.toLowerCase();
    if (word !== word.toUpperCase() && !(lowerFile && word === word.toLowerCase())) return undefined;
    return { start, text: text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim() };
  }
  return undefined;
}

/** Whole-line deletions, line breaks included, merged where lines are adjacent. */
function removals(file: DockerfileModel, empty: readonly OffsetRange[]): TextEdit[] {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const range of empty) {
    const line = file.source.lineOf(range.start);
    const next = file.source.lineStarts[line + 1];
    const end = next ?? file.text.length;
    const previous = edits[edits.length - 1];
    if (previous && previous.end === range.start) previous.end = end;
    else edits.push({ start: range.start, end, text: '' });
  }
  return edits;
}

export default rule;
