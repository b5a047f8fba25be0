/**
 * What BuildKit does with ARGs in FROM lines: which variables a FROM sees
 * (the ARGs declared before the first FROM and the automatic platform ARGs),
 * their values when no --build-arg is given, image reference syntax and
 * platform strings.
 */
import type { DockerfileModel, Instruction, Property } from '../model/dockerfile.js';
import { readReference } from '../model/variables.js';
import type { VariableReference } from '../model/variables.js';

/** ARGs BuildKit defines in the global scope, so FROM lines see them without a declaration. */
export const AUTOMATIC_PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
]);

/** The automatic platform ARGs of a build on and for linux/amd64, the common case. */
const PLATFORM_ARG_VALUES: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
]);

export interface GlobalArg {
  readonly instruction: Instruction;
  readonly property: Property;
}

/** The ARGs declared before the first FROM, by name (the first declaration of each). */
export function globalArgs(file: DockerfileModel): Map<string, GlobalArg> {
  const result = new Map<string, GlobalArg>();
  for (const instruction of file.globalArgs) {
    for (const property of instruction.properties) {
      if (!result.has(property.name)) result.set(property.name, { instruction, property });
    }
  }
  return result;
}

/**
 * The values FROM lines see when the build gets no --build-arg: the automatic
 * platform ARGs (for linux/amd64) and the defaults of the global ARGs, each
 * processed with the values before it. An ARG declared without a default is
 * unset, as in BuildKit (it does not replace an automatic ARG's value).
 * undefined when a default cannot be processed (BuildKit gives up there too).
 */
export function defaultGlobalArgValues(file: DockerfileModel): Map<string, string> | undefined {
  const values = new Map(PLATFORM_ARG_VALUES);
  for (const instruction of file.globalArgs) {
    for (const property of instruction.properties) {
      if (property.value === undefined) continue;
      const processed = processWord(property.value, values, file.escapeChar);
      if (!processed) return undefined;
      values.set(property.name, processed.value);
    }
  }
  return values;
}

export interface ProcessedWord {
  readonly value: string;
  /** Variables that had a value. */
  readonly matched: ReadonlySet<string>;
  /** Variables that were unset. */
  readonly unmatched: ReadonlySet<string>;
}

/**
 * Processes a word the way BuildKit processes FROM arguments and ARG defaults:
 * quotes are removed, escapes resolved and `$NAME`/`${NAME}` expanded, with
 * the `-`, `:-`, `+`, `:+` modifiers. A variable missing from `values` is
 * unset, so it expands to an empty string (or to its default word).
 * undefined for what dockfix does not evaluate (other modifiers, unterminated
 * quotes or braces), where BuildKit may fail.
 */
export function processWord(text: string, values: ReadonlyMap<string, string>, escapeChar: string): ProcessedWord | undefined {
  const matched = new Set<string>();
  const unmatched = new Set<string>();
  const lookup = (name: string): string | undefined => {
    const value = values.get(name);
    (value === undefined ? unmatched : matched).add(name);
    return value;
  };
  const expand = (reference: VariableReference): string | undefined => {
    const value = lookup(reference.name);
    const word = () => (reference.modifier ? run(reference.word) : '');
    switch (reference.modifier) {
      case undefined:
        return value ?? '';
      case '-':
        return value === undefined ? word() : value;
      case ':-':
        return value ? value : word();
      case '+':
        return value === undefined ? '' : word();
      case ':+':
        return value ? word() : '';
      default:
        return undefined;
    }
  };
  const dollar = (input: string, index: number): { text: string; end: number } | undefined => {
    const reference = readReference(input, index);
    if (!reference) {
      // `${` that is not a reference dockfix reads (`${x:?}`, `${x#y}`): give up; a lone `$` is literal.
      return input[index + 1] === '{' ? undefined : { text: '$', end: index + 1 };
    }
    const value = expand(reference);
    return value === undefined ? undefined : { text: value, end: reference.end };
  };
  function run(input: string): string | undefined {
    let out = '';
    let index = 0;
    while (index < input.length) {
      const char = input[index];
      if (char === escapeChar) {
        if (index + 1 < input.length) out += input[index + 1];
        index += 2;
      } else if (char === "'") {
        const close = input.indexOf("'", index + 1);
        if (close < 0) return undefined;
        out += input.slice(index + 1, close);
        index = close + 1;
      } else if (char === '"') {
        index++;
        while (index < input.length && input[index] !== '"') {
          const inner = input[index];
          if (inner === escapeChar && ['"', '$', escapeChar].includes(input[index + 1])) {
            out += input[index + 1];
            index += 2;
          } else if (inner === '$') {
            const expanded = dollar(input, index);
            if (!expanded) return undefined;
            out += expanded.text;
            index = expanded.end;
          } else {
            out += inner;
            index++;
          }
        }
        if (index >= input.length) return undefined;
        index++;
      } else if (char === '$') {
        const expanded = dollar(input, index);
        if (!expanded) return undefined;
        out += expanded.text;
        index = expanded.end;
      } else {
        out += char;
        index++;
      }
    }
    return out;
  }
  const value = run(text);
  return value === undefined ? undefined : { value, matched, unmatched };
}

/**
 * Every variable reference in a word, with offsets into it, including the
 * ones inside a `${NAME:-…}` default (BuildKit looks those up too). Escaped
 * dollars (`\$`, or the `# escape=` character before `$`) are not references,
 * and with `quotes` neither is anything inside single quotes (ENV/LABEL values).
 */
export function variableReferences(text: string, escapeChar: string, offset = 0, quotes = false): VariableReference[] {
  const result: VariableReference[] = [];
  let index = 0;
  let single = false;
  let double = false;
  while (index < text.length) {
    const char = text[index];
    if (char === escapeChar && (quotes ? !single : text[index + 1] === '$')) {
      index += 2;
      continue;
    }
    if (quotes && char === "'" && !double) single = !single;
    if (quotes && char === '"' && !single) double = !double;
    const reference = char === '$' && !single ? readReference(text, index) : undefined;
    if (!reference) {
      index++;
      continue;
    }
    result.push({ ...reference, start: reference.start + offset, end: reference.end + offset });
    if (reference.modifier) {
      const wordStart = reference.start + 2 + reference.name.length + reference.modifier.length;
      result.push(...variableReferences(reference.word, escapeChar, offset + wordStart, quotes));
    }
    index = reference.end;
  }
  return result;
}

// docker/distribution's reference grammar.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether Docker accepts the text as an image reference (`FROM <ref>`): name, optional tag and digest. */
export function isValidImageReference(reference: string): boolean {
  if (/^[a-f0-9]{64}$/.test(reference)) return false;
  const match = REFERENCE.exec(reference);
  return match !== null && match[1].length <= 255;
}

export interface Platform {
  /** Lower case; undefined when only an architecture was given. */
  readonly os: string | undefined;
  /** Normalized (`x86_64` → `amd64`); undefined when only an OS was given. */
  readonly arch: string | undefined;
  /** The architecture as written, lower case. */
  readonly archWritten: string | undefined;
  readonly variant: string | undefined;
}

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd',
  'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);
const ARCH_ALIASES = new Map([
  ['i386', '386'], ['x86_64', 'amd64'], ['x86-64', 'amd64'], ['aarch64', 'arm64'], ['armhf', 'arm'], ['armel', 'arm'],
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'ppc',
  'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm', ...ARCH_ALIASES.keys(),
]);

/**
 * Reads a platform string as containerd does: `os/arch[/variant]` with any
 * names, or a single known OS or architecture. undefined when it is not one.
 */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((part) => !/^[a-z0-9_.-]+$/.test(part))) return undefined;
  const normalizeOs = (os: string) => (os === 'macos' ? 'darwin' : os);
  const normalizeArch = (arch: string) => ARCH_ALIASES.get(arch) ?? arch;
  if (parts.length === 1) {
    const [part] = parts;
    if (KNOWN_OS.has(normalizeOs(part))) return { os: normalizeOs(part), arch: undefined, archWritten: undefined, variant: undefined };
    if (KNOWN_ARCH.has(part)) return { os: undefined, arch: normalizeArch(part), archWritten: part, variant: undefined };
    return undefined;
  }
  return { os: normalizeOs(parts[0]), arch: normalizeArch(parts[1]), archWritten: parts[1], variant: parts[2] };
}
