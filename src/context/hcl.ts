/**
 * The subset of HCL2 that `docker-bake.hcl` files use, read without evaluating
 * anything: blocks with quoted labels, attributes, and literal values (strings,
 * numbers, booleans, null, lists, objects). Whatever would need evaluation
 * (variable references, function calls, operators, conditionals, `for`
 * expressions, and strings with `${…}` or `%{…}` templates) becomes `UNKNOWN`;
 * it is skipped over exactly, so the rest of the file still reads.
 *
 * Why not a library: the HCL2 parsers on npm are the Go parser compiled to
 * JavaScript or WebAssembly, cost about 0.35 s and 50–80 MB to load, and do
 * not evaluate variables either (see docs/context.md).
 */

/** A value that only evaluation could tell. */
export const UNKNOWN: unique symbol = Symbol('unknown');

export type HclValue = string | number | boolean | null | typeof UNKNOWN | readonly HclValue[] | { readonly [key: string]: HclValue };

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  /** 1-based. */
  readonly line: number;
}

export interface HclBody {
  /** Attributes in file order; a repeated name keeps the last value. */
  readonly attributes: ReadonlyMap<string, HclValue>;
  readonly blocks: readonly HclBlock[];
}

export class HclSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`line ${line}, column ${column}: ${message}`);
  }
}

/** Deeper nesting than this is refused, so a hostile file cannot overflow the stack. */
const MAX_DEPTH = 64;

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

export function parseHcl(text: string): HclBody {
  return new HclParser(text).parseFile();
}

class HclParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  parseFile(): HclBody {
    const body = this.parseBody(false);
    if (this.pos < this.text.length) this.fail('unexpected "}"');
    return body;
  }

  private fail(message: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < at && index < this.text.length; index++) {
      if (this.text.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
    throw new HclSyntaxError(message, line, at - lineStart + 1);
  }

  private lineAt(at: number): number {
    let line = 1;
    for (let index = 0; index < at; index++) if (this.text.charCodeAt(index) === 10) line++;
    return line;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
  }

  private leave(): void {
    this.depth--;
  }

  /** Skips spaces, tabs and comments; with `newlines`, line breaks too. A `#` or `//` comment stops before its line break. */
  private skipSpace(newlines: boolean): void {
    const text = this.text;
    for (;;) {
      const char = text[this.pos];
      if (char === ' ' || char === '\t' || char === '\r' || (newlines && char === '\n')) {
        this.pos++;
      } else if (char === '#' || (char === '/' && text[this.pos + 1] === '/')) {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (char === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated /* comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private readIdentifier(): string | undefined {
    const text = this.text;
    if (!IDENT_START.test(text[this.pos] ?? '')) return undefined;
    const start = this.pos;
    this.pos++;
    while (this.pos < text.length && IDENT_PART.test(text[this.pos])) this.pos++;
    return text.slice(start, this.pos);
  }

  /** A body: attributes and blocks up to a `}` (inside a block) or the end of the text. */
  private parseBody(inBlock: boolean): HclBody {
    const attributes = new Map<string, HclValue>();
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) {
        if (inBlock) this.fail('unterminated block: "}" is missing');
        break;
      }
      if (this.text[this.pos] === '}') {
        if (inBlock) break;
        return { attributes, blocks };
      }
      const start = this.pos;
      const name = this.readIdentifier();
      if (name === undefined) this.fail(`expected an attribute or block, found ${JSON.stringify(this.text[this.pos])}`);
      this.skipSpace(false);
      const char = this.text[this.pos];
      if (char === '=' && this.text[this.pos + 1] !== '=') {
        this.pos++;
        this.skipSpace(false);
        attributes.set(name, this.parseExpression(false));
        this.endOfItem();
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        const next = this.text[this.pos];
        if (next === '"') {
          const label = this.parseQuoted();
          labels.push(label === UNKNOWN ? '' : label);
        } else if (next !== undefined && IDENT_START.test(next)) {
          labels.push(this.readIdentifier()!);
        } else {
          break;
        }
        this.skipSpace(false);
      }
      if (this.text[this.pos] !== '{') this.fail(`expected "=" or "{" after ${JSON.stringify(name)}`);
      this.pos++;
      this.enter();
      const body = this.parseBody(true);
      this.leave();
      this.pos++; // the closing brace
      blocks.push({ type: name, labels, body, line: this.lineAt(start) });
      this.endOfItem();
    }
    return { attributes, blocks };
  }

  /** After an attribute or block: a line break, a comment, `}` or the end. */
  private endOfItem(): void {
    this.skipSpace(false);
    const char = this.text[this.pos];
    if (char === undefined || char === '}') return;
    if (char === '\n') {
      this.pos++;
      return;
    }
    this.fail(`expected a line break, found ${JSON.stringify(char)}`);
  }

  /**
   * One expression. At the top level (not inside brackets) a line break ends it;
   * inside brackets `,` and the closing bracket do, and line breaks are spaces.
   */
  private parseExpression(inBrackets: boolean): HclValue {
    const value = this.parseTerm(inBrackets);
    this.skipSpace(inBrackets);
    if (this.atExpressionEnd(inBrackets)) return value;
    // An operator, an index, an attribute access or a conditional follows: evaluation would be needed.
    this.skipRest(inBrackets);
    return UNKNOWN;
  }

  private atExpressionEnd(inBrackets: boolean): boolean {
    const char = this.text[this.pos];
    if (char === undefined || char === '}' || char === ']' || char === ')' || char === ',') return true;
    if (!inBrackets && char === '\n') return true;
    // Object entries inside braces may be separated by line breaks only.
    return false;
  }

  /** Skips to the end of the expression, over balanced brackets, strings and heredocs. */
  private skipRest(inBrackets: boolean): void {
    for (;;) {
      this.skipSpace(inBrackets);
      if (this.atExpressionEnd(inBrackets)) return;
      this.skipToken();
    }
  }

  /** Skips one token or one bracketed group. */
  private skipToken(): void {
    const text = this.text;
    const char = text[this.pos];
    if (char === '"') {
      this.parseQuoted();
    } else if (char === '<' && text[this.pos + 1] === '<' && /[-A-Za-z_]/.test(text[this.pos + 2] ?? '')) {
      this.parseHeredoc();
    } else if (char === '(' || char === '[' || char === '{') {
      this.skipGroup();
    } else {
      this.pos++;
    }
  }

  /** Skips a bracketed group, whatever it holds. */
  private skipGroup(): void {
    const close = { '(': ')', '[': ']', '{': '}' }[this.text[this.pos] as '(' | '[' | '{'];
    const open = this.pos;
    this.pos++;
    this.enter();
    for (;;) {
      this.skipSpace(true);
      const char = this.text[this.pos];
      if (char === undefined) this.fail(`unclosed ${JSON.stringify(this.text[open])}`, open);
      if (char === close) {
        this.pos++;
        break;
      }
      if (char === ')' || char === ']' || char === '}') this.fail(`unexpected ${JSON.stringify(char)}`);
      this.skipToken();
    }
    this.leave();
  }

  private parseTerm(inBrackets: boolean): HclValue {
    const text = this.text;
    const char = text[this.pos];
    if (char === '"') return this.parseQuoted();
    if (char === '<' && text[this.pos + 1] === '<') return this.parseHeredoc();
    if (char === '[') return this.parseTuple();
    if (char === '{') return this.parseObject();
    if (char === '(') {
      this.skipGroup();
      return UNKNOWN;
    }
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(this.pos, this.pos + 64));
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    if (char === '!' || char === '-') {
      this.pos++;
      this.skipSpace(inBrackets);
      this.enter();
      this.parseTerm(inBrackets);
      this.leave();
      return UNKNOWN;
    }
    const name = this.readIdentifier();
    if (name === undefined) this.fail(char === undefined || char === '\n' ? 'expected a value' : `unexpected ${JSON.stringify(char)}`);
    if (text[this.pos] === '(') {
      this.skipGroup(); // a function call
      return UNKNOWN;
    }
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    return UNKNOWN; // a variable or other reference
  }

  private parseTuple(): HclValue {
    const open = this.pos;
    this.pos++;
    this.enter();
    this.skipSpace(true);
    if (/^for\b/.test(this.text.slice(this.pos, this.pos + 4))) {
      this.pos = open;
      this.leave();
      this.skipGroup();
      return UNKNOWN;
    }
    const items: HclValue[] = [];
    let unknown = false;
    for (;;) {
      this.skipSpace(true);
      const char = this.text[this.pos];
      if (char === ']') {
        this.pos++;
        break;
      }
      if (char === undefined) this.fail('unclosed "["');
      const item = this.parseExpression(true);
      if (item === UNKNOWN) unknown = true;
      items.push(item);
      this.skipSpace(true);
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail(`expected "," or "]", found ${JSON.stringify(this.text[this.pos] ?? 'the end')}`);
    }
    this.leave();
    // A list keeps its known items: `inherits = ["base", var.extra]` still names "base".
    return unknown && items.every((item) => item === UNKNOWN) ? UNKNOWN : items;
  }

  private parseObject(): HclValue {
    const open = this.pos;
    this.pos++;
    this.enter();
    this.skipSpace(true);
    if (/^for\b/.test(this.text.slice(this.pos, this.pos + 4))) {
      this.pos = open;
      this.leave();
      this.skipGroup();
      return UNKNOWN;
    }
    const entries: Record<string, HclValue> = {};
    let unknown = false;
    for (;;) {
      this.skipSpace(true);
      const char = this.text[this.pos];
      if (char === '}') {
        this.pos++;
        break;
      }
      if (char === undefined) this.fail('unclosed "{"');
      let key: string | typeof UNKNOWN;
      if (char === '"') key = this.parseQuoted();
      else if (char === '(') {
        this.skipGroup();
        key = UNKNOWN;
      } else {
        const name = this.readIdentifier();
        if (name === undefined) this.fail(`expected an object key, found ${JSON.stringify(char)}`);
        key = name;
      }
      this.skipSpace(false);
      const separator = this.text[this.pos];
      if (separator !== '=' && separator !== ':') this.fail('expected "=" or ":" after an object key');
      this.pos++;
      this.skipSpace(true);
      const value = this.parseObjectValue();
      if (key === UNKNOWN) unknown = true;
      else entries[key] = value;
      this.skipSpace(false);
      if (this.text[this.pos] === ',' || this.text[this.pos] === '\n') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail(`expected "," or a line break in an object, found ${JSON.stringify(this.text[this.pos] ?? 'the end')}`);
    }
    this.leave();
    return unknown && Object.keys(entries).length === 0 ? UNKNOWN : entries;
  }

  /** An object value ends at `,`, `}` or a line break. */
  private parseObjectValue(): HclValue {
    const value = this.parseTerm(false);
    this.skipSpace(false);
    const char = this.text[this.pos];
    if (char === undefined || char === ',' || char === '}' || char === '\n') return value;
    for (;;) {
      this.skipSpace(false);
      const next = this.text[this.pos];
      if (next === undefined || next === ',' || next === '}' || next === '\n') return UNKNOWN;
      this.skipToken();
    }
  }

  /** A quoted template: its text, or UNKNOWN when it interpolates. */
  private parseQuoted(): string | typeof UNKNOWN {
    const text = this.text;
    const open = this.pos;
    this.pos++;
    let value = '';
    let templated = false;
    for (;;) {
      const char = text[this.pos];
      if (char === undefined || char === '\n') this.fail('unterminated string', open);
      if (char === '"') {
        this.pos++;
        break;
      }
      if (char === '\\') {
        const escape = text[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (escape !== undefined && escape in simple) {
          value += simple[escape];
          this.pos += 2;
        } else if (escape === 'u' || escape === 'U') {
          const length = escape === 'u' ? 4 : 8;
          const hex = text.slice(this.pos + 2, this.pos + 2 + length);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail('invalid unicode escape');
          const codePoint = Number.parseInt(hex, 16);
          if (codePoint > 0x10ffff) this.fail('invalid unicode escape');
          value += String.fromCodePoint(codePoint);
          this.pos += 2 + length;
        } else {
          this.fail(`invalid escape "\\${escape ?? ''}"`);
        }
        continue;
      }
      if ((char === '$' || char === '%') && text[this.pos + 1] === char && text[this.pos + 2] === '{') {
        value += `${char}{`; // $${ and %%{ are literal
        this.pos += 3;
        continue;
      }
      if ((char === '$' || char === '%') && text[this.pos + 1] === '{') {
        templated = true;
        this.pos++;
        this.skipGroup();
        continue;
      }
      value += char;
      this.pos++;
    }
    return templated ? UNKNOWN : value;
  }

  /** `<<EOT` / `<<-EOT` heredocs: the text, or UNKNOWN when it interpolates. */
  private parseHeredoc(): string | typeof UNKNOWN {
    const text = this.text;
    const open = this.pos;
    const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(this.pos, this.pos + 256));
    if (!header) this.fail('invalid heredoc: expected <<NAME and a line break');
    this.pos += header[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= text.length) this.fail(`unterminated heredoc: ${header[2]} is missing`, open);
      const end = text.indexOf('\n', this.pos);
      const line = text.slice(this.pos, end < 0 ? text.length : end).replace(/\r$/, '');
      this.pos = end < 0 ? text.length : end + 1;
      if (line.trim() === header[2]) {
        // The closing marker's line break ends the attribute.
        if (end >= 0) this.pos = end;
        break;
      }
      lines.push(line);
    }
    let body = lines.map((line) => `${line}\n`).join('');
    if (header[1] === '-') {
      const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
      const strip = indents.length > 0 ? Math.min(...indents) : 0;
      body = lines.map((line) => `${line.slice(strip)}\n`).join('');
    }
    return /(^|[^$])\$\{|(^|[^%])%\{/.test(body) ? UNKNOWN : body.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  }
}
