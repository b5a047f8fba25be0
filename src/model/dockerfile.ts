/**
 * The Dockerfile model every rule reads: directives, stages, instructions with
 * exact offsets, the build state (ENV/ARG/USER/WORKDIR/SHELL) in force at each
 * instruction, and RUN commands parsed as shell.
 *
 * dockerfile-ast finds instruction boundaries, heredocs, properties and
 * directives; argument splitting, flags and JSON forms are done here because
 * dockerfile-ast drops inner spaces of JSON strings and splits on whitespace
 * only.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction as AstInstruction, Dockerfile as AstDockerfile, Heredoc as AstHeredoc, Property as AstProperty } from 'dockerfile-ast';
import { SourceText } from './source.js';
import { buildRunInfo } from './run.js';
import type { RunInfo } from './run.js';
import { expandVariables } from './variables.js';
import type { OffsetRange } from '../types.js';

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** Instructions whose leading `--name[=value]` words are flags. */
const FLAG_INSTRUCTIONS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

export interface Word extends OffsetRange {
  readonly value: string;
}

export interface Flag extends OffsetRange {
  /** Without the leading dashes. */
  readonly name: string;
  /** undefined for a flag written without `=`. */
  readonly value: string | undefined;
  readonly valueStart: number;
}

export interface Property extends OffsetRange {
  readonly name: string;
  /** Unquoted, unescaped value; undefined when none was given (`ARG NAME`). */
  readonly value: string | undefined;
  /** True for `key=value`, false for the legacy `ENV key value` form. */
  readonly hasEquals: boolean;
  readonly nameEnd: number;
}

export interface Heredoc {
  readonly name: string;
  /** The body between the instruction line and the delimiter line. */
  readonly body: string;
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly terminated: boolean;
}

export interface Directive extends OffsetRange {
  readonly name: string;
  readonly value: string;
}

export interface Comment extends OffsetRange {
  /** The text after `#`, trimmed. */
  readonly text: string;
  /** 0-based line. */
  readonly line: number;
}

export interface BuildState {
  /** The user set by USER, or undefined when the base image's default applies. */
  readonly user: string | undefined;
  /** Absolute working directory ('/' until a WORKDIR says otherwise). */
  readonly workdir: string;
  /** Whether workdir was set by a WORKDIR in this stage or an inherited one. */
  readonly workdirSet: boolean;
  readonly shell: readonly string[];
  /** ENV values in force. */
  readonly env: ReadonlyMap<string, string>;
  /** ARGs declared in scope with their defaults (undefined: no default). */
  readonly args: ReadonlyMap<string, string | undefined>;
}

export interface ImageRef {
  /** As written after flags, before variable expansion. */
  readonly raw: string;
  /** After expanding global ARG defaults. */
  readonly resolved: string;
  /** Registry and repository, without tag or digest (`docker.io/library/node` is written `node`). */
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export interface Instruction extends OffsetRange {
  /** Position among all instructions of the file. */
  readonly index: number;
  /** Upper case. */
  readonly keyword: string;
  /** As written. */
  readonly keywordText: string;
  readonly keywordEnd: number;
  readonly flags: readonly Flag[];
  /** Arguments after the flags, split on whitespace (continuations and inner comments removed). */
  readonly args: readonly Word[];
  /** Arguments after the flags as one string, continuations replaced by spaces. */
  readonly argsText: string;
  readonly argsStart: number;
  readonly argsEnd: number;
  /** End of the instruction line(s), before any heredoc body. */
  readonly headEnd: number;
  /** The exec (JSON array) form, when the arguments are a valid JSON array of strings. */
  readonly json: readonly Word[] | undefined;
  readonly heredocs: readonly Heredoc[];
  /** ENV, LABEL and ARG key/value pairs. */
  readonly properties: readonly Property[];
  /** undefined before the first FROM (global ARGs). */
  readonly stage: Stage | undefined;
  /** The build state in force when this instruction runs. */
  readonly state: BuildState;
  /** Parsed shell commands of a RUN (also of an ONBUILD RUN trigger). */
  readonly run: RunInfo | undefined;
  /** The instruction an ONBUILD registers. */
  readonly trigger: Instruction | undefined;
  /** True for the instruction inside ONBUILD. */
  readonly inOnbuild: boolean;
  /** The dockerfile-ast node, for variable references and other details. */
  readonly ast: AstInstruction;
}

export interface Stage {
  readonly index: number;
  /** As written after AS; undefined when unnamed. */
  readonly name: string | undefined;
  readonly nameRange: OffsetRange | undefined;
  readonly from: Instruction;
  readonly image: ImageRef;
  /** The earlier stage this one builds on (`FROM builder`). */
  readonly parent: Stage | undefined;
  /** Instructions after FROM, in order. */
  readonly instructions: readonly Instruction[];
  /** The last stage of the file. */
  readonly isLast: boolean;
  /** Earlier stages this one reads files from (COPY --from, RUN --mount=from). */
  readonly copiesFrom: readonly Stage[];
  /** Windows base image, where the default shell is cmd. */
  readonly windows: boolean;
  /** State after the last instruction. */
  readonly finalState: BuildState;
}

export interface SyntaxError extends OffsetRange {
  readonly message: string;
}

export interface DockerfileModel {
  readonly path: string;
  readonly source: SourceText;
  readonly text: string;
  readonly escapeChar: string;
  readonly directives: readonly Directive[];
  readonly comments: readonly Comment[];
  readonly instructions: readonly Instruction[];
  /** ARGs before the first FROM. */
  readonly globalArgs: readonly Instruction[];
  readonly stages: readonly Stage[];
  readonly syntaxErrors: readonly SyntaxError[];
  /** Expand `$VAR`/`${VAR…}` with the state at an instruction; unknown variables stay as written. */
  expand(text: string, state: BuildState): string;
  /** The stage a name or index refers to from `at` (only earlier stages count), if any. */
  findStage(reference: string, before?: number): Stage | undefined;
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
const BUILDKIT_DIRECTIVE = /^\s*#\s*[a-zA-Z][a-zA-Z0-9]*\s*=/;
const WINDOWS_SHELL = ['cmd', '/S', '/C'];

interface MutableStage {
  index: number;
  name: string | undefined;
  nameRange: OffsetRange | undefined;
  from: Instruction;
  image: ImageRef;
  parent: Stage | undefined;
  instructions: Instruction[];
  isLast: boolean;
  copiesFrom: Stage[];
  windows: boolean;
  finalState: BuildState;
}

export function parseDockerfile(text: string, path: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const source = new SourceText(text);
  const escapeChar = ast.getEscapeCharacter();
  const syntaxErrors: SyntaxError[] = [];
  const stages: MutableStage[] = [];
  const instructions: Instruction[] = [];
  const globalArgs: Instruction[] = [];

  const directives: Directive[] = [];
  const comments: Comment[] = [];
  for (const directive of ast.getDirectives()) {
    const range = directive.getRange();
    const start = source.offsetAt(range.start.line, range.start.character);
    const end = source.offsetAt(range.end.line, range.end.character);
    const lineText = text.slice(source.offsetAt(range.start.line, 0), end);
    // dockerfile-ast takes `# hadolint global ignore=DL3008` for a directive; BuildKit wants one word before `=`.
    if (BUILDKIT_DIRECTIVE.test(lineText)) {
      directives.push({ name: directive.getName().toLowerCase(), value: directive.getValue(), start, end });
    } else {
      comments.push({ text: lineText.trim().replace(/^#\s*/, '').trim(), line: range.start.line, start: text.indexOf('#', source.offsetAt(range.start.line, 0)), end });
    }
  }
  for (const comment of ast.getComments()) {
    const range = comment.getRange();
    comments.push({
      text: comment.getContent().trim(),
      line: range.start.line,
      start: source.offsetAt(range.start.line, range.start.character),
      end: source.offsetAt(range.end.line, range.end.character),
    });
  }
  comments.sort((a, b) => a.start - b.start);

  const findStage = (reference: string, before = Number.POSITIVE_INFINITY): Stage | undefined => {
    if (/^\d+$/.test(reference)) {
      const byIndex = stages[Number(reference)];
      return byIndex && byIndex.index < before ? byIndex : undefined;
    }
    const lower = reference.toLowerCase();
    return stages.find((stage) => stage.index < before && stage.name?.toLowerCase() === lower);
  };

  let globalState: BuildState = {
    user: undefined,
    workdir: '/',
    workdirSet: false,
    shell: DEFAULT_SHELL,
    env: new Map(),
    args: new Map(),
  };
  let current: MutableStage | undefined;
  let state = globalState;
  // `# hadolint shell=powershell` names the default shell from there on (the base image's), so shell rules know what RUN speaks.
  const shellPragmas = comments
    .map((comment) => ({ start: comment.start, shell: /^hadolint\s+shell\s*=\s*(\S+)/i.exec(comment.text)?.[1] }))
    .filter((pragma): pragma is { start: number; shell: string } => pragma.shell !== undefined);
  let pragmaShell: string[] | undefined;

  const astInstructions = ast.getInstructions();
  for (const node of astInstructions) {
    const keyword = node.getKeyword().toUpperCase();
    const index = instructions.length;
    const shape = readShape(node, source, escapeChar, keyword);
    while (shellPragmas.length > 0 && shellPragmas[0].start < shape.start) {
      pragmaShell = [shellPragmas.shift()!.shell];
      if (current) state = { ...state, shell: pragmaShell };
    }

    if (keyword === 'FROM') {
      const stageIndex = stages.length;
      const imageWord = shape.args[0];
      const rawImage = imageWord?.value ?? '';
      const resolvedImage = expandVariables(rawImage, globalState, escapeChar);
      const parent = rawImage ? findStage(resolvedImage, stageIndex) : undefined;
      const asWord = shape.args[1];
      const nameWord = asWord && asWord.value.toLowerCase() === 'as' ? shape.args[2] : undefined;
      const image = parseImageRef(rawImage, resolvedImage);
      const windows = parent ? parent.windows : /(^|\/)(windows|nanoserver|servercore)\b|windowsservercore/i.test(image.name + ':' + (image.tag ?? ''));
      const baseState: BuildState = parent
        ? { ...parent.finalState, args: new Map() }
        : {
            user: undefined,
            workdir: '/',
            workdirSet: false,
            shell: pragmaShell ?? (windows ? WINDOWS_SHELL : DEFAULT_SHELL),
            env: new Map(),
            args: new Map(),
          };
      const from: Instruction = {
        ...shape, index, keyword, stage: undefined, state: globalState, run: undefined, trigger: undefined,
        inOnbuild: false, ast: node,
      };
      current = {
        index: stageIndex,
        name: nameWord?.value,
        nameRange: nameWord ? { start: nameWord.start, end: nameWord.end } : undefined,
        from,
        image,
        parent,
        instructions: [],
        isLast: false,
        copiesFrom: [],
        windows,
        finalState: baseState,
      };
      (from as { stage: Stage | undefined }).stage = current;
      stages.push(current);
      instructions.push(from);
      state = baseState;
      if (!imageWord) syntaxErrors.push({ message: 'FROM needs a base image', start: shape.start, end: shape.end });
      continue;
    }

    const instruction = buildInstruction(node, shape, index, keyword, current, state, source, escapeChar, findStage);
    instructions.push(instruction);

    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      syntaxErrors.push({
        message: `Unknown instruction "${node.getKeyword()}"`,
        start: shape.start,
        end: shape.keywordEnd,
      });
    } else if (!current && keyword !== 'ARG') {
      syntaxErrors.push({
        message: `${keyword} before the first FROM: only ARG may come before FROM`,
        start: shape.start,
        end: shape.keywordEnd,
      });
    } else if (shape.args.length === 0 && shape.heredocs.length === 0 && !ALLOWS_NO_ARGUMENTS.has(keyword)) {
      syntaxErrors.push({ message: `${keyword} needs at least one argument`, start: shape.start, end: shape.end });
    }
    for (const heredoc of shape.heredocs) {
      if (!heredoc.terminated) {
        syntaxErrors.push({
          message: `Heredoc "${heredoc.name}" is never terminated: add a line with only ${heredoc.name}`,
          start: shape.start,
          end: shape.headEnd,
        });
      }
    }

    if (!current) {
      if (keyword === 'ARG') {
        globalArgs.push(instruction);
        globalState = applyArg(globalState, instruction, undefined, escapeChar);
        state = globalState;
      }
      continue;
    }
    current.instructions.push(instruction);
    collectStageReferences(instruction, current, findStage);
    state = nextState(state, instruction, globalState, escapeChar);
    current.finalState = state;
  }

  if (stages.length > 0) stages[stages.length - 1].isLast = true;
  if (stages.length === 0 && astInstructions.length > 0) {
    syntaxErrors.push({ message: 'No FROM instruction: a Dockerfile needs at least one build stage', start: 0, end: 0 });
  }
  if (astInstructions.length === 0) {
    syntaxErrors.push({ message: 'The Dockerfile has no instructions', start: 0, end: 0 });
  }

  const model: DockerfileModel = {
    path,
    source,
    text,
    escapeChar,
    directives,
    comments,
    instructions,
    globalArgs,
    stages,
    syntaxErrors,
    expand: (value, at) => expandVariables(value, at, escapeChar),
    findStage,
  };
  return model;
}

const ALLOWS_NO_ARGUMENTS = new Set(['CMD', 'ENTRYPOINT']);

type Shape = Omit<Instruction, 'index' | 'keyword' | 'stage' | 'state' | 'run' | 'trigger' | 'inOnbuild' | 'ast'>;

function buildInstruction(
  node: AstInstruction,
  shape: Shape,
  index: number,
  keyword: string,
  stage: Stage | undefined,
  state: BuildState,
  source: SourceText,
  escapeChar: string,
  findStage: (reference: string, before?: number) => Stage | undefined,
): Instruction {
  const instruction: Instruction = {
    ...shape,
    index,
    keyword,
    stage,
    state,
    run: undefined,
    trigger: undefined,
    inOnbuild: false,
    ast: node,
  };
  if (keyword === 'RUN') {
    (instruction as { run: RunInfo | undefined }).run = buildRunInfo(instruction);
  }
  if (keyword === 'ONBUILD') {
    const triggerNode = (node as AstInstruction & { getTriggerInstruction(): AstInstruction | null }).getTriggerInstruction();
    if (triggerNode) {
      const triggerKeyword = triggerNode.getKeyword().toUpperCase();
      const triggerShape = readShape(triggerNode, source, escapeChar, triggerKeyword);
      const trigger = buildInstruction(triggerNode, triggerShape, index, triggerKeyword, stage, state, source, escapeChar, findStage);
      (trigger as { inOnbuild: boolean }).inOnbuild = true;
      (instruction as { trigger: Instruction | undefined }).trigger = trigger;
    }
  }
  return instruction;
}

function collectStageReferences(
  instruction: Instruction,
  stage: MutableStage,
  findStage: (reference: string, before?: number) => Stage | undefined,
): void {
  const references: string[] = [];
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    const from = instruction.flags.find((flag) => flag.name === 'from');
    if (from?.value) references.push(from.value);
  }
  for (const mount of instruction.run?.mounts ?? []) {
    if (mount.from) references.push(mount.from);
  }
  for (const reference of references) {
    const target = findStage(reference, stage.index);
    if (target && !stage.copiesFrom.includes(target)) stage.copiesFrom.push(target);
  }
}

function nextState(state: BuildState, instruction: Instruction, globalState: BuildState, escapeChar: string): BuildState {
  switch (instruction.keyword) {
    case 'ENV': {
      const env = new Map(state.env);
      for (const property of instruction.properties) {
        env.set(property.name, expandVariables(property.value ?? '', state, escapeChar));
      }
      return { ...state, env };
    }
    case 'ARG':
      return applyArg(state, instruction, globalState, escapeChar);
    case 'USER': {
      const user = instruction.args[0] ? expandVariables(instruction.args[0].value, state, escapeChar) : state.user;
      return { ...state, user };
    }
    case 'WORKDIR': {
      // One word is the usual form; its value has quotes removed, as BuildKit does (`WORKDIR "/app"` is /app).
      const written = instruction.args.length === 1 ? instruction.args[0].value : instruction.argsText.trim();
      const target = expandVariables(written, state, escapeChar);
      if (!target) return state;
      return { ...state, workdir: joinPosix(state.workdir, target), workdirSet: true };
    }
    case 'SHELL': {
      if (!instruction.json || instruction.json.length === 0) return state;
      return { ...state, shell: instruction.json.map((word) => word.value) };
    }
    default:
      return state;
  }
}

function applyArg(
  state: BuildState,
  instruction: Instruction,
  globalState: BuildState | undefined,
  escapeChar: string,
): BuildState {
  const args = new Map(state.args);
  for (const property of instruction.properties) {
    let value = property.value === undefined ? undefined : expandVariables(property.value, state, escapeChar);
    // `ARG NAME` inside a stage brings a global ARG's default into scope.
    if (value === undefined && globalState) value = globalState.args.get(property.name);
    args.set(property.name, value);
  }
  return { ...state, args };
}

export function joinPosix(base: string, path: string): string {
  const combined = path.startsWith('/') ? path : `${base.replace(/\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of combined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function parseImageRef(raw: string, resolved: string): ImageRef {
  let rest = resolved;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { raw, resolved, name: rest, tag, digest };
}

/**
 * Reads an instruction's text: the head line(s) with continuations folded, the
 * flags, the arguments, the JSON form and heredoc bodies.
 */
function readShape(node: AstInstruction, source: SourceText, escapeChar: string, keyword: string): Shape {
  const text = source.text;
  const range = node.getRange();
  const keywordRange = node.getInstructionRange();
  const start = source.offsetAt(range.start.line, range.start.character);
  const end = source.offsetAt(range.end.line, range.end.character);
  const keywordEnd = source.offsetAt(keywordRange.end.line, keywordRange.end.character);

  const { folded, headEnd } = foldHead(text, keywordEnd, end, escapeChar);
  // `folded` has the same length as text[keywordEnd, headEnd), so offsets map by addition.
  const words = splitWords(folded, keywordEnd);

  const flags: Flag[] = [];
  let firstArg = 0;
  if (FLAG_INSTRUCTIONS.has(keyword)) {
    while (firstArg < words.length && words[firstArg].value.startsWith('--') && words[firstArg].value.length > 2) {
      const word = words[firstArg];
      const eq = word.value.indexOf('=');
      flags.push({
        name: eq >= 0 ? word.value.slice(2, eq) : word.value.slice(2),
        value: eq >= 0 ? word.value.slice(eq + 1) : undefined,
        start: word.start,
        end: word.end,
        valueStart: eq >= 0 ? word.start + eq + 1 : word.end,
      });
      firstArg++;
    }
  }
  const args = words.slice(firstArg);
  const argsStart = args.length > 0 ? args[0].start : headEnd;
  const argsEnd = args.length > 0 ? args[args.length - 1].end : headEnd;
  const argsText = folded.slice(argsStart - keywordEnd, argsEnd - keywordEnd);

  return {
    start,
    end,
    keywordText: text.slice(start, keywordEnd),
    keywordEnd,
    flags,
    args,
    argsText,
    argsStart,
    argsEnd,
    headEnd,
    json: argsText.startsWith('[') ? parseJsonForm(argsText, argsStart) : undefined,
    heredocs: readHeredocs(node, source),
    properties: readProperties(node, source, keyword),
  };
}

/**
 * Folds the instruction's first logical line: escape+newline continuations,
 * and comment or blank lines inside them, become spaces of the same length.
 */
function foldHead(text: string, from: number, end: number, escapeChar: string): { folded: string; headEnd: number } {
  let out = '';
  let position = from;
  let inContinuation = false;
  while (position < end) {
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let contentEnd = lineEnd;
    if (contentEnd > position && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    const line = text.slice(position, contentEnd);
    const trimmed = line.trim();
    if (inContinuation && (trimmed === '' || trimmed.startsWith('#'))) {
      out += ' '.repeat(lineEnd - position + (lineEnd < end ? 1 : 0));
      position = lineEnd + 1;
      continue;
    }
    const trailing = line.length - line.trimEnd().length;
    const body = line.slice(0, line.length - trailing);
    if (body.endsWith(escapeChar) && !body.endsWith(escapeChar + escapeChar) && lineEnd < end) {
      out += body.slice(0, -1) + ' '.repeat(1 + trailing + (lineEnd - contentEnd) + 1);
      position = lineEnd + 1;
      inContinuation = true;
      continue;
    }
    out += line;
    return { folded: out, headEnd: contentEnd };
  }
  return { folded: out, headEnd: Math.min(position, end) };
}

function splitWords(folded: string, offset: number): Word[] {
  const words: Word[] = [];
  let index = 0;
  while (index < folded.length) {
    while (index < folded.length && isSpace(folded.charCodeAt(index))) index++;
    if (index >= folded.length) break;
    const begin = index;
    while (index < folded.length && !isSpace(folded.charCodeAt(index))) index++;
    words.push({ value: folded.slice(begin, index), start: offset + begin, end: offset + index });
  }
  return words;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The JSON array form, with each string's exact range; undefined unless it is a valid array of strings. */
function parseJsonForm(argsText: string, offset: number): Word[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(argsText);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return undefined;
  const words: Word[] = [];
  let index = 0;
  while (index < argsText.length && words.length < parsed.length) {
    if (argsText[index] !== '"') {
      index++;
      continue;
    }
    const begin = index;
    index++;
    while (index < argsText.length && argsText[index] !== '"') index += argsText[index] === '\\' ? 2 : 1;
    index++;
    words.push({ value: parsed[words.length] as string, start: offset + begin, end: offset + index });
  }
  return words;
}

function readHeredocs(node: AstInstruction, source: SourceText): Heredoc[] {
  const getter = (node as unknown as { getHeredocs?: () => AstHeredoc[] }).getHeredocs;
  if (typeof getter !== 'function') return [];
  // dockerfile-ast splits every argument again to look for heredocs; one needs `<<`, which most instructions lack.
  const range = node.getRange();
  if (!source.text.slice(source.offsetAt(range.start.line, range.start.character), source.offsetAt(range.end.line, range.end.character)).includes('<<')) return [];
  return getter.call(node).map((heredoc) => {
    const content = heredoc.getContentRange();
    const delimiter = heredoc.getDelimiterRange();
    const bodyStart = content ? source.offsetAt(content.start.line, content.start.character) : source.offsetAt(heredoc.getStartRange().end.line + 1, 0);
    const bodyEnd = content ? source.offsetAt(content.end.line, content.end.character) : bodyStart;
    return {
      name: heredoc.getName(),
      body: source.text.slice(bodyStart, bodyEnd),
      bodyStart,
      bodyEnd,
      terminated: delimiter !== null,
    };
  });
}

function readProperties(node: AstInstruction, source: SourceText, keyword: string): Property[] {
  if (keyword !== 'ENV' && keyword !== 'LABEL' && keyword !== 'ARG') return [];
  const getter = (node as unknown as { getProperties?: () => AstProperty[] }).getProperties;
  if (typeof getter !== 'function') return [];
  return getter.call(node).map((property) => {
    const range = property.getRange();
    const nameRange = property.getNameRange();
    // getValue() removes quotes and escapes; dockerfile-ast's getUnescapedValue() keeps them.
    const value = property.getValue();
    return {
      name: property.getName(),
      value: value === null ? undefined : value,
      hasEquals: property.getAssignmentOperator() === '=',
      start: source.offsetAt(range.start.line, range.start.character),
      end: source.offsetAt(range.end.line, range.end.character),
      nameEnd: source.offsetAt(nameRange.end.line, nameRange.end.character),
    };
  });
}

export type { AstDockerfile };
