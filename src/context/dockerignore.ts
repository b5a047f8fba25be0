/**
 * .dockerignore semantics exactly as Docker applies them: moby's `ignorefile.ReadAll`
 * reads the file, `patternmatcher.New` normalises the patterns, each pattern becomes a
 * Go regular expression (or a plain string test), and BuildKit's context walk
 * (`fsutil` filterFS) carries every directory's per-pattern match state down to its
 * children and skips directories it can prove stay excluded.
 *
 * This is deliberately not gitignore: patterns are anchored at the context root,
 * `!` exceptions can re-include files under an excluded directory, and escapes follow
 * Go's regexp rules (so `\d` is a digit class and `\e` makes the build fail).
 */

export interface IgnorePattern {
  /** 0-based position among patterns. */
  readonly index: number;
  /** 0-based line in the file. */
  readonly line: number;
  /** 0-based offset in the text of the first char of the trimmed line (incl. '!'). */
  readonly start: number;
  /** Offset just after the trimmed line. */
  readonly end: number;
  /** Trimmed line as written. */
  readonly raw: string;
  /** Cleaned pattern without '!' and leading '/'. */
  readonly pattern: string;
  readonly negated: boolean;
  /** Why Docker rejects it / the build fails, else undefined. */
  readonly error: string | undefined;
}

export interface ParsedIgnoreFile {
  readonly patterns: readonly IgnorePattern[];
}

export interface MatchResult {
  readonly excluded: boolean;
  /** The last pattern that decided, if any. */
  readonly pattern: IgnorePattern | undefined;
}

// ---------------------------------------------------------------------------
// Go string helpers

/** Go's unicode.IsSpace, which strings.TrimSpace uses; it differs from JS trim() (U+0085 yes, U+FEFF no). */
function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Bounds [from, to) of `text` after Go's strings.TrimSpace (all Go spaces are single UTF-16 units). */
function goTrimBounds(text: string): [number, number] {
  let from = 0;
  let to = text.length;
  while (from < to && isGoSpace(text.charCodeAt(from))) from++;
  while (to > from && isGoSpace(text.charCodeAt(to - 1))) to--;
  return [from, to];
}

function goTrimSpace(text: string): string {
  const [from, to] = goTrimBounds(text);
  return text.slice(from, to);
}

/** Go's path/filepath.Clean on a Unix host. */
export function goCleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const kept: string[] = [];
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') {
      if (kept.length > 0 && kept[kept.length - 1] !== '..') kept.pop();
      else if (!rooted) kept.push('..');
      continue;
    }
    kept.push(element);
  }
  const joined = kept.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

// ---------------------------------------------------------------------------
// Glob syntax check: patternmatcher.New calls filepath.Match(pattern, ".") only for its
// error, and Go's Match validates the whole pattern even after a mismatch.

/** Why Go's filepath.Match rejects the pattern, or undefined. Works on UTF-16 units: no special char is a surrogate. */
function globSyntaxError(pattern: string): string | undefined {
  let rest = pattern;
  while (rest.length > 0) {
    while (rest.startsWith('*')) rest = rest.slice(1);
    const chunkEnd = scanChunkEnd(rest);
    const problem = chunkSyntaxError(rest.slice(0, chunkEnd));
    if (problem !== undefined) return problem;
    rest = rest.slice(chunkEnd);
  }
  return undefined;
}

/** Go's scanChunk: a chunk runs up to the next '*' outside brackets (with its naive bracket tracking). */
function scanChunkEnd(pattern: string): number {
  let inRange = false;
  let index = 0;
  for (; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      if (index + 1 < pattern.length) index++;
    } else if (char === '[') inRange = true;
    else if (char === ']') inRange = false;
    else if (char === '*' && !inRange) break;
  }
  return index;
}

function chunkSyntaxError(chunk: string): string | undefined {
  let index = 0;
  // Go's getEsc: one (possibly escaped) class character that must be followed by more pattern.
  const classChar = (): string | undefined => {
    const char = chunk[index];
    if (char === undefined) return 'unterminated [ character class';
    if (char === '-') return "'-' where a character class needs a character";
    if (char === ']') return chunk[index - 1] === '[' || chunk[index - 1] === '^' ? 'empty [] character class' : "']' where a character class needs a character";
    if (char === '\\') {
      index++;
      if (index >= chunk.length) return 'unterminated [ character class';
    }
    const code = chunk.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
    if (index >= chunk.length) return 'unterminated [ character class';
    return undefined;
  };
  while (index < chunk.length) {
    const char = chunk[index];
    if (char === '[') {
      index++;
      if (chunk[index] === '^') index++;
      let ranges = 0;
      for (;;) {
        if (chunk[index] === ']' && ranges > 0) {
          index++;
          break;
        }
        const low = classChar();
        if (low !== undefined) return low;
        if (chunk[index] === '-') {
          index++;
          const high = classChar();
          if (high !== undefined) return high;
        }
        ranges++;
      }
    } else if (char === '\\') {
      index++;
      if (index >= chunk.length) return 'trailing backslash';
      index++;
    } else index++;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Go regexp (RE2 syntax, Perl flags) to JavaScript. Docker matches with Go's regexp
// package, whose escapes and classes differ from JavaScript's, so the generated Go
// expression is parsed as Go would and re-emitted with the same meaning.

class GoRegexpError extends Error {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

type CodeRange = readonly [number, number];

const MAX_RUNE = 0x10ffff;
const DIGITS: readonly CodeRange[] = [[0x30, 0x39]];
const PERL_SPACE: readonly CodeRange[] = [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]];
const WORD: readonly CodeRange[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const PERL_CLASSES: ReadonlyMap<string, readonly CodeRange[]> = new Map([
  ['d', DIGITS],
  ['s', PERL_SPACE],
  ['w', WORD],
]);
const POSIX_CLASSES: ReadonlyMap<string, readonly CodeRange[]> = new Map<string, readonly CodeRange[]>([
  ['alnum', [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]]],
  ['alpha', [[0x41, 0x5a], [0x61, 0x7a]]],
  ['ascii', [[0x00, 0x7f]]],
  ['blank', [[0x09, 0x09], [0x20, 0x20]]],
  ['cntrl', [[0x00, 0x1f], [0x7f, 0x7f]]],
  ['digit', DIGITS],
  ['graph', [[0x21, 0x7e]]],
  ['lower', [[0x61, 0x7a]]],
  ['print', [[0x20, 0x7e]]],
  ['punct', [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]]],
  ['space', [[0x09, 0x0d], [0x20, 0x20]]],
  ['upper', [[0x41, 0x5a]]],
  ['word', WORD],
  ['xdigit', [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]]],
]);
const GO_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

function complement(ranges: readonly CodeRange[]): CodeRange[] {
  const result: CodeRange[] = [];
  let next = 0;
  for (const [low, high] of ranges) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_RUNE) result.push([next, MAX_RUNE]);
  return result;
}

function escapeCode(code: number): string {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
    return String.fromCharCode(code);
  }
  return `\\u{${code.toString(16)}}`;
}

function rangesToClassBody(ranges: readonly CodeRange[]): string {
  return ranges.map(([low, high]) => (low === high ? escapeCode(low) : `${escapeCode(low)}-${escapeCode(high)}`)).join('');
}

/** Go 1.25+ looks names up case-insensitively, ignoring '_', '-' and ' ' (regexp/syntax canonicalName). */
function canonicalUnicodeName(name: string): string {
  const letters = name.replace(/[-_ ]/g, '');
  return letters.slice(0, 1).toUpperCase() + letters.slice(1).toLowerCase();
}

/** JS class body for Go's Unicode table `name` (Go's C leaves out unassigned code points; JS's includes them). */
function unicodeClassBody(name: string, positive: boolean): string | undefined {
  const canonical = canonicalUnicodeName(name);
  if (canonical === 'Any') return positive ? '\\u{0}-\\u{10ffff}' : '';
  if (canonical === 'Assigned') return positive ? '\\P{Cn}' : '\\p{Cn}';
  if (canonical === 'Ascii') return positive ? '\\u{0}-\\u{7f}' : '\\u{80}-\\u{10ffff}';
  if (canonical === 'C') return positive ? '\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}' : '\\P{C}\\p{Cn}';
  const sign = positive ? 'p' : 'P';
  if (canonical === 'Lc') return `\\${sign}{LC}`;
  if (GO_CATEGORIES.has(canonical)) return `\\${sign}{${canonical}}`;
  if (!/^[A-Za-z_]+$/.test(name)) return undefined;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
    return `\\${sign}{Script=${name}}`;
  } catch {
    return undefined;
  }
}

function isHexDigit(code: number | undefined): boolean {
  return code !== undefined && ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66));
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

class GoRegexpTranslator {
  private readonly codes: number[];
  private position = 0;

  constructor(private readonly source: string) {
    this.codes = Array.from(source, (char) => char.codePointAt(0) ?? 0);
  }

  private text(from: number, to: number = this.position): string {
    return String.fromCodePoint(...this.codes.slice(from, to));
  }

  /** JS source with the same meaning under the 'u' flag; throws GoRegexpError where Go's regexp.Compile fails. */
  translate(): string {
    const frames: { alternatives: string[]; atoms: string[] }[] = [{ alternatives: [], atoms: [] }];
    let lastWasRepeat = false;
    const codes = this.codes;
    while (this.position < codes.length) {
      const start = this.position;
      const code = codes[start];
      const frame = frames[frames.length - 1];
      let isRepeat = false;
      switch (code) {
        case 0x28: // (
          if (codes[start + 1] === 0x3f) throw new GoRegexpError('invalid or unsupported Perl syntax', this.text(start, start + 2));
          frames.push({ alternatives: [], atoms: [] });
          this.position++;
          break;
        case 0x7c: // |
          frame.alternatives.push(frame.atoms.join(''));
          frame.atoms = [];
          this.position++;
          break;
        case 0x29: {
          // )
          if (frames.length === 1) throw new GoRegexpError('unexpected )', this.source);
          frames.pop();
          frame.alternatives.push(frame.atoms.join(''));
          frames[frames.length - 1].atoms.push(`(?:${frame.alternatives.join('|')})`);
          this.position++;
          break;
        }
        case 0x5e: // ^
          frame.atoms.push('^');
          this.position++;
          break;
        case 0x24: // $
          frame.atoms.push('$');
          this.position++;
          break;
        case 0x2e: // . (Go's dot skips only \n)
          frame.atoms.push('[^\\n]');
          this.position++;
          break;
        case 0x5b: // [
          frame.atoms.push(this.parseClass());
          break;
        case 0x2a: // *
        case 0x2b: // +
        case 0x3f: {
          // ?
          this.position++;
          let operator = String.fromCharCode(code);
          if (codes[this.position] === 0x3f) {
            operator += '?';
            this.position++;
          }
          this.applyRepeat(frame.atoms, operator, start, lastWasRepeat);
          isRepeat = true;
          break;
        }
        case 0x7b: {
          // {
          const repeat = this.parseRepeatBraces();
          if (repeat === undefined) {
            frame.atoms.push(escapeCode(code));
            this.position++;
          } else {
            this.applyRepeat(frame.atoms, repeat, start, lastWasRepeat);
            isRepeat = true;
          }
          break;
        }
        case 0x5c: // backslash
          this.parseBackslash(frame.atoms);
          break;
        default:
          frame.atoms.push(escapeCode(code));
          this.position++;
      }
      lastWasRepeat = isRepeat;
    }
    if (frames.length > 1) throw new GoRegexpError('missing closing )', this.source);
    const top = frames[0];
    top.alternatives.push(top.atoms.join(''));
    return top.alternatives.join('|');
  }

  private applyRepeat(atoms: string[], operator: string, start: number, lastWasRepeat: boolean): void {
    const expr = this.text(start);
    // Go rejects stacked operators such as a** (not a doubled star) and a bare operator.
    if (lastWasRepeat) throw new GoRegexpError('invalid nested repetition operator', expr);
    if (atoms.length === 0) throw new GoRegexpError('missing argument to repetition operator', expr);
    // Wrapping keeps JS happy with quantified assertions such as ^*, which Go accepts.
    atoms[atoms.length - 1] = `(?:${atoms[atoms.length - 1]})${operator}`;
  }

  /** `{n}`, `{n,}` or `{n,m}` as a JS quantifier, or undefined when Go reads the brace as a literal. */
  private parseRepeatBraces(): string | undefined {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.text(this.position, Math.min(this.codes.length, this.position + 24)));
    if (match === null) return undefined;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? -1 : Number(match[3]);
    const start = this.position;
    this.position += match[0].length;
    let quantifier = match[0];
    if (this.codes[this.position] === 0x3f) {
      quantifier += '?';
      this.position++;
    }
    if (min > 1000 || max > 1000 || (max >= 0 && max < min)) throw new GoRegexpError('invalid repeat count', this.text(start));
    return quantifier;
  }

  private parseBackslash(atoms: string[]): void {
    const codes = this.codes;
    const start = this.position;
    const next = codes[start + 1];
    if (next === undefined) throw new GoRegexpError('trailing backslash at end of expression', '');
    switch (next) {
      case 0x41: // \A
        atoms.push('^');
        this.position += 2;
        return;
      case 0x7a: // \z
        atoms.push('$');
        this.position += 2;
        return;
      case 0x62: // \b (ASCII word boundary in both engines)
        atoms.push('\\b');
        this.position += 2;
        return;
      case 0x42: // \B
        atoms.push('\\B');
        this.position += 2;
        return;
      case 0x43: // \C
        throw new GoRegexpError('invalid escape sequence', '\\C');
      case 0x51: {
        // \Q...\E quotes everything up to \E or the end, including Docker's trailing $.
        let end = start + 2;
        while (end < codes.length && !(codes[end] === 0x5c && codes[end + 1] === 0x45)) end++;
        for (let index = start + 2; index < end; index++) atoms.push(escapeCode(codes[index]));
        this.position = Math.min(codes.length, end + 2);
        return;
      }
    }
    const unicode = this.parseUnicodeClass();
    if (unicode !== undefined) {
      atoms.push(`[${unicode}]`);
      return;
    }
    const perl = this.parsePerlClass();
    if (perl !== undefined) {
      atoms.push(`[${perl}]`);
      return;
    }
    atoms.push(escapeCode(this.parseEscape()));
  }

  /** Go's parseUnicodeClass at the current position (`\pL`, `\p{Greek}`, `\PN`...): JS class body, or undefined when not there. */
  private parseUnicodeClass(): string | undefined {
    const codes = this.codes;
    const start = this.position;
    if (codes[start] !== 0x5c || (codes[start + 1] !== 0x70 && codes[start + 1] !== 0x50)) return undefined;
    let positive = codes[start + 1] === 0x70;
    let name: string;
    let end: number;
    if (codes[start + 2] !== 0x7b) {
      end = Math.min(codes.length, start + 3);
      name = this.text(start + 2, end);
    } else {
      const close = codes.indexOf(0x7d, start);
      if (close < 0) throw new GoRegexpError('invalid character class range', this.text(start, codes.length));
      end = close + 1;
      name = this.text(start + 3, close);
    }
    const seq = this.text(start, end);
    if (name.startsWith('^')) {
      positive = !positive;
      name = name.slice(1);
    }
    const body = unicodeClassBody(name, positive);
    if (body === undefined) throw new GoRegexpError('invalid character class range', seq);
    this.position = end;
    return body;
  }

  /** `\d \D \s \S \w \W` with Go's ASCII meanings, as a JS class body. */
  private parsePerlClass(): string | undefined {
    if (this.codes[this.position] !== 0x5c) return undefined;
    const letter = this.codes[this.position + 1];
    // ORing 0x20 folds D S W onto d s w and maps no other character onto them.
    const ranges = letter === undefined ? undefined : PERL_CLASSES.get(String.fromCharCode(letter | 0x20));
    if (ranges === undefined) return undefined;
    this.position += 2;
    return rangesToClassBody(letter >= 0x61 ? ranges : complement(ranges));
  }

  /** Go's parseEscape: one escaped code point, or the error Go gives. */
  private parseEscape(): number {
    const codes = this.codes;
    const start = this.position;
    let cursor = start + 1;
    const code = codes[cursor++];
    if (code === undefined) throw new GoRegexpError('trailing backslash at end of expression', '');
    const fail = (): never => {
      throw new GoRegexpError('invalid escape sequence', this.text(start, Math.min(cursor, codes.length)));
    };
    const isOctal = (value: number | undefined): boolean => value !== undefined && value >= 0x30 && value <= 0x37;
    if (code >= 0x31 && code <= 0x37 && !isOctal(codes[cursor])) fail(); // \1 alone would be a backreference
    if (code >= 0x30 && code <= 0x37) {
      let value = code - 0x30;
      for (let digits = 1; digits < 3 && isOctal(codes[cursor]); digits++) value = value * 8 + codes[cursor++] - 0x30;
      this.position = cursor;
      return value;
    }
    if (code === 0x78) {
      // \x
      const first = codes[cursor++];
      if (first === 0x7b) {
        let value = 0;
        let digits = 0;
        for (;;) {
          const digit = codes[cursor++];
          if (digit === undefined) fail();
          if (digit === 0x7d) break;
          if (!isHexDigit(digit)) fail();
          value = value * 16 + parseInt(String.fromCharCode(digit), 16);
          if (value > MAX_RUNE) fail();
          digits++;
        }
        if (digits === 0) fail();
        this.position = cursor;
        return value;
      }
      const second = codes[cursor++];
      if (!isHexDigit(first) || !isHexDigit(second)) fail();
      this.position = cursor;
      return parseInt(String.fromCharCode(first, second), 16);
    }
    const simple: Record<number, number> = { 0x61: 7, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };
    const mapped = simple[code];
    if (mapped !== undefined) {
      this.position = cursor;
      return mapped;
    }
    // Escaped ASCII punctuation (and \_) stands for itself; letters and non-ASCII do not.
    if (code < 0x80 && !isAsciiAlnum(code)) {
      this.position = cursor;
      return code;
    }
    return fail();
  }

  /** Go's parseClass at '[': a JS class. */
  private parseClass(): string {
    const codes = this.codes;
    const classStart = this.position;
    this.position++;
    let negated = false;
    if (codes[this.position] === 0x5e) {
      negated = true;
      this.position++;
    }
    const parts: string[] = [];
    let first = true;
    while (this.position >= codes.length || codes[this.position] !== 0x5d || first) {
      first = false;
      const here = this.position;
      // POSIX [:alpha:]; Go looks for ":]" anywhere further on, even past this class.
      if (codes.length - here > 2 && codes[here] === 0x5b && codes[here + 1] === 0x3a) {
        let close = -1;
        for (let index = here + 2; index + 1 < codes.length; index++) {
          if (codes[index] === 0x3a && codes[index + 1] === 0x5d) {
            close = index;
            break;
          }
        }
        if (close >= 0) {
          const whole = this.text(here, close + 2);
          let name = this.text(here + 2, close);
          const positive = !name.startsWith('^');
          if (!positive) name = name.slice(1);
          const ranges = POSIX_CLASSES.get(name);
          if (ranges === undefined) throw new GoRegexpError('invalid character class range', whole);
          parts.push(rangesToClassBody(positive ? ranges : complement(ranges)));
          this.position = close + 2;
          continue;
        }
      }
      const unicode = this.parseUnicodeClass();
      if (unicode !== undefined) {
        parts.push(unicode);
        continue;
      }
      const perl = this.parsePerlClass();
      if (perl !== undefined) {
        parts.push(perl);
        continue;
      }
      const low = this.parseClassChar(classStart);
      let high = low;
      if (codes.length - this.position >= 2 && codes[this.position] === 0x2d && codes[this.position + 1] !== 0x5d) {
        this.position++;
        high = this.parseClassChar(classStart);
        if (high < low) throw new GoRegexpError('invalid character class range', this.text(here));
      }
      parts.push(rangesToClassBody([[low, high]]));
    }
    this.position++;
    return `[${negated ? '^' : ''}${parts.join('')}]`;
  }

  private parseClassChar(classStart: number): number {
    const code = this.codes[this.position];
    if (code === undefined) throw new GoRegexpError('missing closing ]', this.text(classStart, this.codes.length));
    if (code === 0x5c) return this.parseEscape();
    this.position++;
    return code;
  }
}

// ---------------------------------------------------------------------------
// Pattern compilation (patternmatcher's Pattern.compile)

type PathTest = (path: string) => boolean;

interface CompiledPattern {
  readonly test: PathTest;
  /** Why Go's filepath.Match rejects the pattern: patternmatcher.New fails before any walk. */
  readonly syntaxError: string | undefined;
  /** Why Go's regexp.Compile rejects it: the build fails once the pattern is consulted. */
  readonly regexpError: string | undefined;
}

const NEVER: PathTest = () => false;

function compilePattern(pattern: string): CompiledPattern {
  const syntaxError = globSyntaxError(pattern);
  if (syntaxError !== undefined) return { test: NEVER, syntaxError, regexpError: undefined };

  let goRegexp = '^';
  let kind: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  const chars = Array.from(pattern);
  // Go's text/scanner drops a BOM at the very start of what it scans.
  let position = chars[0] === '\uFEFF' ? 1 : 0;
  for (let iteration = 0; position < chars.length; iteration++) {
    const char = chars[position++];
    if (char === '*') {
      if (chars[position] === '*') {
        position++;
        if (chars[position] === '/') position++;
        if (position >= chars.length) {
          if (kind === 'exact') kind = 'prefix';
          else {
            goRegexp += '.*';
            kind = 'regexp';
          }
        } else {
          goRegexp += '(.*/)?';
          kind = 'regexp';
        }
        if (iteration === 0) kind = 'suffix';
      } else {
        goRegexp += '[^/]*';
        kind = 'regexp';
      }
    } else if (char === '?') {
      goRegexp += '[^/]';
      kind = 'regexp';
    } else if ('.+()|{}$'.includes(char)) {
      goRegexp += '\\' + char;
    } else if (char === '\\') {
      if (position < chars.length) {
        goRegexp += '\\' + chars[position++];
        kind = 'regexp';
      } else goRegexp += '\\';
    } else if (char === '[' || char === ']') {
      goRegexp += char;
      kind = 'regexp';
    } else goRegexp += char;
  }

  switch (kind) {
    case 'exact':
      return { test: (path) => path === pattern, syntaxError: undefined, regexpError: undefined };
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return { test: (path) => path.startsWith(prefix), syntaxError: undefined, regexpError: undefined };
    }
    case 'suffix': {
      // Go slices off two bytes assuming the pattern starts with "**"; after a BOM that leaves garbage that never matches.
      if (!pattern.startsWith('**')) return { test: NEVER, syntaxError: undefined, regexpError: undefined };
      const suffix = pattern.slice(2);
      const bare = suffix.startsWith('/') ? suffix.slice(1) : undefined;
      return { test: (path) => path.endsWith(suffix) || path === bare, syntaxError: undefined, regexpError: undefined };
    }
    case 'regexp': {
      goRegexp += '$';
      let source: string;
      try {
        source = new GoRegexpTranslator(goRegexp).translate();
      } catch (error) {
        if (error instanceof GoRegexpError) {
          return {
            test: NEVER,
            syntaxError: undefined,
            regexpError: `Docker turns this pattern into the Go regular expression ${goRegexp}, which Go rejects (${error.code}: ${error.expr}); the build fails with "syntax error in pattern"`,
          };
        }
        throw error;
      }
      try {
        const regexp = new RegExp(source, 'u');
        return { test: (path) => regexp.test(path), syntaxError: undefined, regexpError: undefined };
      } catch {
        // Only reachable through a gap in the translation; refusing is safer than guessing.
        return { test: NEVER, syntaxError: undefined, regexpError: `cannot reproduce Docker's regular expression ${goRegexp}` };
      }
    }
  }
}

const LONE_BANG_ERROR = 'illegal exclusion pattern: "!" (a "!" with nothing after it); the build fails';
const LONG_LINE_ERROR = 'line longer than 64 KiB: Docker fails to read the .dockerignore file ("token too long")';

// ---------------------------------------------------------------------------
// Reading the file (ignorefile.ReadAll, then patternmatcher.New's normalisation)

export function parseDockerignore(text: string): ParsedIgnoreFile {
  const patterns: IgnorePattern[] = [];
  let lineStart = 0;
  for (let line = 0; lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    // bufio.ScanLines drops one \r before the \n.
    let contentStart = lineStart;
    let contentEnd = lineEnd;
    const tooLong = lineEnd - lineStart >= 16384 && utf8Length(text.slice(lineStart, lineEnd)) >= 65536;
    if (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    if (line === 0 && text.charCodeAt(0) === 0xfeff) contentStart++;
    const content = text.slice(contentStart, contentEnd);
    const [from, to] = goTrimBounds(content);
    if (tooLong) {
      patterns.push({
        index: patterns.length,
        line,
        start: contentStart + from,
        end: contentStart + to,
        raw: content.slice(from, to),
        pattern: '',
        negated: false,
        error: LONG_LINE_ERROR,
      });
    } else if (!content.startsWith('#') && to > from) {
      patterns.push(normalise(content.slice(from, to), patterns.length, line, contentStart + from, contentStart + to));
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return { patterns };
}

function normalise(raw: string, index: number, line: number, start: number, end: number): IgnorePattern {
  // ignorefile.ReadAll
  const inverted = raw.startsWith('!');
  let body = inverted ? goTrimSpace(raw.slice(1)) : raw;
  if (body.length > 0) {
    body = goCleanPath(body);
    if (body.length > 1 && body.startsWith('/')) body = body.slice(1);
  }
  // patternmatcher.New trims and cleans again, '!' included: "/!a" becomes an exception and "!/" a lone "!".
  let pattern = goCleanPath(goTrimSpace(inverted ? '!' + body : body));
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  let error: string | undefined;
  if (negated && pattern === '') error = LONE_BANG_ERROR;
  else {
    const compiled = compilePattern(pattern);
    error = compiled.syntaxError ?? compiled.regexpError;
  }
  return { index, line, start, end, raw, pattern, negated, error };
}

// ---------------------------------------------------------------------------
// Matching

const compiledCache = new WeakMap<IgnorePattern, CompiledPattern>();

function compiled(pattern: IgnorePattern): CompiledPattern {
  let result = compiledCache.get(pattern);
  if (result === undefined) {
    result = compilePattern(pattern.pattern);
    compiledCache.set(pattern, result);
  }
  return result;
}

/** Whether one pattern (cleaned, without '!') matches the path itself (not parents). */
export function matchesPattern(pattern: IgnorePattern, path: string): boolean {
  return compiled(pattern).test(path);
}

/** What BuildKit remembers about a directory it walked into. */
interface DirectoryState {
  /** Per pattern: matched this directory (directly or through its parents), i.e. patternmatcher's MatchInfo. */
  readonly matches: Uint8Array;
  readonly excluded: boolean;
  /** Index of the pattern that decided, -1 when none matched. */
  readonly decider: number;
  /** BuildKit skips this directory (or an ancestor): nothing below it is sent. */
  readonly pruned: boolean;
}

/** Keeps the per-directory cache bounded on huge trees; entries are cheap to recompute. */
const MAX_CACHED_DIRECTORIES = 200_000;

export class DockerignoreMatcher {
  /** The first pattern whose error fails the whole build, if any. */
  readonly buildError: IgnorePattern | undefined;
  private readonly patterns: readonly IgnorePattern[];
  private readonly tests: PathTest[];
  private readonly exclusion: boolean[];
  private readonly active: boolean[];
  private readonly hasExceptions: boolean;
  private readonly onlyPrefixExceptions: boolean;
  private readonly exceptionPrefixes: string[];
  private readonly directories = new Map<string, DirectoryState>();

  constructor(patterns: readonly IgnorePattern[]) {
    this.patterns = patterns;
    this.tests = [];
    this.exclusion = [];
    this.active = [];
    const exceptionPrefixes: string[] = [];
    let onlyPrefixExceptions = true;
    let readError: IgnorePattern | undefined;
    let setupError: IgnorePattern | undefined;
    let matchError: IgnorePattern | undefined;
    for (const pattern of patterns) {
      const loneBang = pattern.negated && pattern.pattern === '';
      const compiledPattern = loneBang ? undefined : compiled(pattern);
      const setupFailure = loneBang || compiledPattern?.syntaxError !== undefined;
      const matchFailure = compiledPattern?.regexpError !== undefined;
      if (pattern.error !== undefined) {
        // ReadAll fails before patternmatcher.New, which fails before the walk consults any regexp.
        if (setupFailure) setupError ??= pattern;
        else if (matchFailure) matchError ??= pattern;
        else readError ??= pattern;
      }
      const active = compiledPattern !== undefined && !setupFailure && pattern.error === undefined;
      this.active.push(active);
      this.tests.push(active ? compiledPattern.test : NEVER);
      this.exclusion.push(pattern.negated);
      if (!loneBang && !setupFailure && pattern.negated) {
        const withoutGlob = patternWithoutTrailingGlob(pattern.pattern);
        if (/[*[\]?^\\]/.test(withoutGlob)) onlyPrefixExceptions = false;
        exceptionPrefixes.push(withoutGlob + '/');
      }
    }
    this.buildError = readError ?? setupError ?? matchError;
    this.hasExceptions = exceptionPrefixes.length > 0;
    this.onlyPrefixExceptions = onlyPrefixExceptions;
    this.exceptionPrefixes = exceptionPrefixes;
  }

  static fromText(text: string): DockerignoreMatcher {
    return new DockerignoreMatcher(parseDockerignore(text).patterns);
  }

  /** Whether Docker leaves this context-relative path ('a/b.txt', no leading './' or '/') out of the build context. isDir: the path is a directory. Parent directories count. */
  match(path: string, isDir: boolean): MatchResult {
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? undefined : this.directoryState(path.slice(0, slash));
    if (parent?.pruned) return this.result(true, parent.decider);
    if (isDir) {
      const state = this.directoryState(path);
      return this.result(state.excluded, state.decider);
    }
    const state = this.evaluate(path, parent?.matches);
    return this.result(state.excluded, state.decider);
  }

  /**
   * `match(path, isDir).excluded` without building a result, for walkers that ask
   * for every file of a context. `parent` is the path's directory ('a' for 'a/b.txt',
   * undefined at the top level) when the caller has it: the same string for every
   * entry of a directory keeps the cache lookup cheap.
   */
  isExcluded(path: string, isDir: boolean, parent?: string): boolean {
    let parentPath = parent;
    if (parentPath === undefined) {
      const slash = path.lastIndexOf('/');
      if (slash >= 0) parentPath = path.slice(0, slash);
    }
    const parentState = parentPath === undefined ? undefined : this.directoryState(parentPath);
    if (parentState?.pruned) return true;
    if (isDir) return this.directoryState(path).excluded;
    // evaluate(path, …).excluded, without allocating its match list.
    const parentMatches = parentState?.matches;
    let matched = false;
    for (let index = 0; index < this.tests.length; index++) {
      if (!this.active[index]) continue;
      let hit = parentMatches !== undefined && parentMatches[index] === 1;
      if (!hit) {
        if (this.exclusion[index] !== matched) continue;
        hit = this.tests[index](path);
      }
      if (hit) matched = !this.exclusion[index];
    }
    return matched;
  }

  /** True when a directory is excluded and no exception could re-include anything below it, so a walker may skip it. */
  canPruneDirectory(path: string): boolean {
    return this.directoryState(path).pruned;
  }

  private result(excluded: boolean, decider: number): MatchResult {
    return { excluded, pattern: decider < 0 ? undefined : this.patterns[decider] };
  }

  private directoryState(path: string): DirectoryState {
    const cached = this.directories.get(path);
    if (cached !== undefined) return cached;
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? undefined : this.directoryState(path.slice(0, slash));
    let state: DirectoryState;
    if (parent?.pruned) state = parent;
    else {
      const evaluated = this.evaluate(path, parent?.matches);
      state = { ...evaluated, pruned: evaluated.excluded && this.buildKitSkips(path) };
    }
    if (this.directories.size >= MAX_CACHED_DIRECTORIES) this.directories.clear();
    this.directories.set(path, state);
    return state;
  }

  /** fsutil's shortcut for an excluded directory: only when every exception is a plain path that cannot lie below it. */
  private buildKitSkips(path: string): boolean {
    if (!this.onlyPrefixExceptions) return false;
    const withSlash = path + '/';
    return !this.exceptionPrefixes.some((prefix) => prefix.startsWith(withSlash));
  }

  /**
   * patternmatcher's MatchesUsingParentResults. The walk never hands BuildKit the root, so
   * top-level entries come without parent results and their parent is "." (no parent check).
   */
  private evaluate(path: string, parentMatches: Uint8Array | undefined): Omit<DirectoryState, 'pruned'> {
    const count = this.tests.length;
    const matches = new Uint8Array(count);
    let matched = false;
    let decider = -1;
    for (let index = 0; index < count; index++) {
      if (!this.active[index]) continue;
      let hit = parentMatches !== undefined && parentMatches[index] === 1;
      if (!hit) {
        // Inclusions are only tried while not excluded, exceptions only while excluded.
        if (this.exclusion[index] !== matched) continue;
        hit = this.tests[index](path);
      }
      if (hit) {
        matches[index] = 1;
        matched = !this.exclusion[index];
        decider = index;
      }
    }
    return { matches, excluded: matched, decider };
  }
}

/** fsutil's patternWithoutTrailingGlob: "a/**" and "a/*" count as the plain prefix "a". */
function patternWithoutTrailingGlob(pattern: string): string {
  let trimmed = pattern;
  if (trimmed.endsWith('/**')) trimmed = trimmed.slice(0, -3);
  if (trimmed.endsWith('/*')) trimmed = trimmed.slice(0, -2);
  return trimmed;
}
