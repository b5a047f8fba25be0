/** Small helpers rules share; pure functions over the model. */
import type { DockerfileModel, Instruction, Stage } from './model/dockerfile.js';
import type { RunInfo } from './model/run.js';
import type { Applicability, FileChange, Fix, LintSettings, OffsetRange, Report, TextEdit } from './types.js';

export function replace(range: OffsetRange, text: string): TextEdit {
  return { start: range.start, end: range.end, text };
}

export function insertAt(offset: number, text: string): TextEdit {
  return { start: offset, end: offset, text };
}

export function safeFix(...edits: TextEdit[]): Fix {
  return { applicability: 'safe', edits };
}

export function unsafeFix(...edits: TextEdit[]): Fix {
  return { applicability: 'unsafe', edits };
}

/** A fix that leaves the linted file alone and adds lines to other files (see `Fix.files`). */
export function otherFilesFix(applicability: Applicability, ...files: FileChange[]): Fix {
  return { applicability, edits: [], files };
}

export function report(range: OffsetRange, message: string, extra: Partial<Omit<Report, 'start' | 'end' | 'message'>> = {}): Report {
  return { start: range.start, end: range.end, message, ...extra };
}

/** Every instruction, with ONBUILD triggers right after the ONBUILD that holds them. */
export function* instructionsWithTriggers(file: DockerfileModel): Generator<Instruction> {
  for (const instruction of file.instructions) {
    yield instruction;
    if (instruction.trigger) yield instruction.trigger;
  }
}

/** Every RUN (ONBUILD triggers included) with its shell reading. */
export function* runInstructions(file: DockerfileModel): Generator<{ instruction: Instruction; run: RunInfo }> {
  for (const instruction of instructionsWithTriggers(file)) {
    if (instruction.keyword === 'RUN' && instruction.run) yield { instruction, run: instruction.run };
  }
}

/** The stages whose content ends up in a shipped image: the targets (or last stage) and the stages they build on. */
export function shippedStages(file: DockerfileModel, settings: LintSettings): Stage[] {
  const result = new Set<Stage>();
  for (const root of shippedTargets(file, settings)) {
    for (let stage: Stage | undefined = root; stage; stage = stage.parent) result.add(stage);
  }
  return [...result].sort((a, b) => a.index - b.index);
}

/** The stages that become shipped images: the --target/config targets, else the last stage. */
export function shippedTargets(file: DockerfileModel, settings: LintSettings): Stage[] {
  const wanted = settings.targets.map((target) => target.toLowerCase());
  const targets = file.stages.filter((stage) => stage.name !== undefined && wanted.includes(stage.name.toLowerCase()));
  return targets.length > 0 ? targets : file.stages.filter((stage) => stage.isLast);
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(file: DockerfileModel, offset: number): number {
  return file.text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Offset just after the line break that ends the line holding `offset` (the end
 * of the text when it has none). Text inserted there starts on a new line; when
 * the file lacks a final newline, `lineText` starts the inserted lines with one.
 */
export function lineEndAfter(file: DockerfileModel, offset: number): number {
  const newline = file.text.indexOf('\n', offset);
  return newline < 0 ? file.text.length : newline + 1;
}

/**
 * Whole lines to insert at a line start, in the file's own line ending; when
 * the insertion point is the end of a file without a final newline, the lines
 * start on a new one.
 */
export function lineText(file: DockerfileModel, offset: number, lines: readonly string[]): string {
  const eol = file.source.eol;
  const body = lines.join(eol) + eol;
  const atUnterminatedEnd = offset === file.text.length && file.text.length > 0 && !file.text.endsWith('\n');
  return atUnterminatedEnd ? eol + body : body;
}

/** An edit that inserts whole lines at a line start, written as `lineText` does. */
export function insertLines(file: DockerfileModel, offset: number, lines: readonly string[]): TextEdit {
  return insertAt(offset, lineText(file, offset, lines));
}

/**
 * Where lines go ahead of the first of `keywords` among the stage's own
 * instructions (ONBUILD triggers aside), else after its last instruction.
 */
export function lineBeforeFirst(file: DockerfileModel, stage: Stage, keywords: readonly string[]): number {
  const own = stage.instructions.filter((instruction) => !instruction.inOnbuild);
  const anchor = own.find((instruction) => keywords.includes(instruction.keyword));
  return anchor ? lineStartOf(file, anchor.start) : lineEndAfter(file, (own[own.length - 1] ?? stage.from).end);
}

/** An instruction's own lines, without any heredoc body. */
export function instructionRange(instruction: Instruction): OffsetRange {
  return { start: instruction.start, end: instruction.headEnd };
}

/** The first FROM line, where findings about the whole file go when no instruction is more to blame. */
export function firstFromRange(file: DockerfileModel): OffsetRange | undefined {
  const from = file.stages[0]?.from;
  return from ? instructionRange(from) : undefined;
}

/** The range of the keyword of an instruction. */
export function keywordRange(instruction: Instruction): OffsetRange {
  return { start: instruction.start, end: instruction.keywordEnd };
}

/** Edit distance, for "did you mean" hints on names. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

export function closest(name: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
