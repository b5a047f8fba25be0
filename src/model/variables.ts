import type { BuildState } from './dockerfile.js';

/**
 * Expands `$NAME` and `${NAME}` (with the `:-`, `-`, `:+`, `+` modifiers) the
 * way Docker expands instruction arguments, from the ENV and ARG values in
 * force. Variables with no known value stay as written, so callers can still
 * see that the result is not fully known.
 */
export function expandVariables(text: string, state: BuildState, escapeChar: string): string {
  if (!text.includes('$')) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === escapeChar && text[index + 1] === '$') {
      out += '\\$';
      index += 2;
      continue;
    }
    if (char !== '$') {
      out += char;
      index++;
      continue;
    }
    const reference = readReference(text, index);
    if (!reference) {
      out += char;
      index++;
      continue;
    }
    out += resolveReference(reference, state, escapeChar) ?? text.slice(index, reference.end);
    index = reference.end;
  }
  return out;
}

export interface VariableReference {
  readonly name: string;
  /** `:-`, `-`, `:+`, `+`, or undefined. */
  readonly modifier: string | undefined;
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Reads a `$NAME` or `${…}` reference starting at `start` (which holds `$`). */
export function readReference(text: string, start: number): VariableReference | undefined {
  if (text[start + 1] === '{') {
    let depth = 1;
    let index = start + 2;
    while (index < text.length && depth > 0) {
      if (text[index] === '{') depth++;
      else if (text[index] === '}') depth--;
      index++;
    }
    if (depth !== 0) return undefined;
    const inner = text.slice(start + 2, index - 1);
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(inner);
    if (!match) return undefined;
    return { name: match[1], modifier: match[2], word: match[3] ?? '', start, end: index };
  }
  const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(start + 1, start + 257));
  if (!match) return undefined;
  return { name: match[0], modifier: undefined, word: '', start, end: start + 1 + match[0].length };
}

function lookup(name: string, state: BuildState): string | undefined {
  if (state.env.has(name)) return state.env.get(name);
  return state.args.get(name);
}

function resolveReference(reference: VariableReference, state: BuildState, escapeChar: string): string | undefined {
  const value = lookup(reference.name, state);
  const declared = state.env.has(reference.name) || state.args.has(reference.name);
  switch (reference.modifier) {
    case ':-':
      return value ? value : expandVariables(reference.word, state, escapeChar);
    case '-':
      return declared && value !== undefined ? value : expandVariables(reference.word, state, escapeChar);
    case ':+':
      if (!declared) return undefined;
      return value ? expandVariables(reference.word, state, escapeChar) : '';
    case '+':
      if (!declared) return undefined;
      return expandVariables(reference.word, state, escapeChar);
    default:
      return value;
  }
}
