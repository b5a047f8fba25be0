import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DockerignoreMatcher,
  goCleanPath,
  matchesPattern,
  parseDockerignore,
} from '../../src/context/dockerignore.js';

interface SemanticsRow {
  readonly caseName: string;
  readonly dockerignore: string;
  readonly path: string;
  readonly expected: 'incl' | 'EXCL' | 'ERROR';
}

/** Fields are written with JSON string escapes: `\\` is one backslash, `\n` a newline. */
function unescapeField(field: string): string {
  return JSON.parse(`"${field}"`) as string;
}

function readSemanticsTable(): SemanticsRow[] {
  const text = readFileSync(new URL('../fixtures-data/dockerignore-semantics.tsv', import.meta.url), 'utf8');
  const rows: SemanticsRow[] = [];
  let sawHeader = false;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (!sawHeader) {
      expect(fields).toEqual(['case', 'dockerignore', 'path', 'docker']);
      sawHeader = true;
      continue;
    }
    expect(fields).toHaveLength(4);
    const expected = fields[3];
    if (expected !== 'incl' && expected !== 'EXCL' && expected !== 'ERROR') throw new Error(`unknown result ${expected}`);
    rows.push({ caseName: fields[0], dockerignore: unescapeField(fields[1]), path: unescapeField(fields[2]), expected });
  }
  return rows;
}

const semanticsRows = readSemanticsTable();

describe('Docker .dockerignore semantics (ground truth from BuildKit)', () => {
  it('reads the whole table', () => {
    expect(semanticsRows).toHaveLength(129);
  });

  for (const row of semanticsRows) {
    it(`${row.caseName} :: ${JSON.stringify(row.path)} -> ${row.expected}`, () => {
      const matcher = DockerignoreMatcher.fromText(row.dockerignore);
      if (row.expected === 'ERROR') {
        expect(matcher.buildError).toBeDefined();
        expect(matcher.buildError?.error).toEqual(expect.any(String));
        expect(parseDockerignore(row.dockerignore).patterns.some((pattern) => pattern.error !== undefined)).toBe(true);
        return;
      }
      expect(matcher.buildError).toBeUndefined();
      const isDir = row.path.endsWith('/');
      const path = isDir ? row.path.slice(0, -1) : row.path;
      expect(matcher.match(path, isDir).excluded).toBe(row.expected === 'EXCL');
    });
  }
});

describe('parseDockerignore', () => {
  it('records positions, raw text and cleaned patterns', () => {
    const text = '# comment\n  !./keep/  \n/abs//x/../y\r\n\n#x\n # not a comment\n';
    const { patterns } = parseDockerignore(text);
    expect(patterns.map((pattern) => [pattern.raw, pattern.pattern, pattern.negated, pattern.line])).toEqual([
      ['!./keep/', 'keep', true, 1],
      ['/abs//x/../y', 'abs/y', false, 2],
      ['# not a comment', '# not a comment', false, 5],
    ]);
    for (const pattern of patterns) expect(text.slice(pattern.start, pattern.end)).toBe(pattern.raw);
    expect(patterns.map((pattern) => pattern.index)).toEqual([0, 1, 2]);
    expect(patterns.every((pattern) => pattern.error === undefined)).toBe(true);
  });

  it('strips a UTF-8 BOM on the first line only, so a BOM-prefixed # is still a comment', () => {
    const { patterns } = parseDockerignore('\uFEFF# comment\nfoo\n');
    expect(patterns.map((pattern) => pattern.pattern)).toEqual(['foo']);
    expect(parseDockerignore('\uFEFFfoo').patterns[0].start).toBe(1);
  });

  it('trims with Go rules: U+0085 is space, U+FEFF is not', () => {
    expect(parseDockerignore('\u0085foo\u0085').patterns[0].pattern).toBe('foo');
    expect(parseDockerignore('a\n\uFEFFfoo').patterns[1].pattern).toBe('\uFEFFfoo');
  });

  it('re-trims and re-cleans like patternmatcher.New', () => {
    expect(parseDockerignore('/ foo').patterns[0].pattern).toBe('foo');
    const sneakyException = parseDockerignore('/!foo').patterns[0];
    expect([sneakyException.negated, sneakyException.pattern]).toEqual([true, 'foo']);
    expect(parseDockerignore('! foo').patterns[0]).toMatchObject({ negated: true, pattern: 'foo', error: undefined });
  });

  it('flags the build-breaking patterns', () => {
    const errors = (text: string) => parseDockerignore(text).patterns.map((pattern) => pattern.error !== undefined);
    expect(errors('!\n')).toEqual([true]);
    expect(errors('!/\n')).toEqual([true]);
    expect(errors('a[b\n[]\n[a-]\nfoo\\\n[z-a]\n')).toEqual([true, true, true, true, true]);
    expect(errors('foo\\e\nx\\8\n\\pQ\n')).toEqual([true, true, true]);
    expect(errors('\\d\n\\pL\n\\x41\n\\101\n\\.\n[[:alpha:]]\n')).toEqual([false, false, false, false, false, false]);
    expect(errors('x'.repeat(70_000))).toEqual([true]);
  });

  it('never throws on random input', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = ['*', '?', '[', ']', '^', '!', '\\', '/', '.', '-', '#', ' ', '\n', '\r', 'a', 'b', 'é', '😀', '{', '}', '(', ')', ':', 'p', 'Q', 'E', 'x', '0', '\uFEFF', '\u0000'];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = random() % 24;
      for (let index = 0; index < length; index++) {
        text += random() % 5 === 0 ? String.fromCharCode(random() % 0x10000) : alphabet[random() % alphabet.length];
      }
      const matcher = DockerignoreMatcher.fromText(text);
      for (const path of ['a', 'a/b', 'é/😀', '*', ']', 'x/y/z']) {
        expect(() => matcher.match(path, false)).not.toThrow();
        expect(() => matcher.canPruneDirectory(path)).not.toThrow();
        // The walker's shortcut agrees with match(), for files and directories, with and without the parent given.
        const slash = path.lastIndexOf('/');
        const parent = slash < 0 ? undefined : path.slice(0, slash);
        for (const isDir of [false, true]) {
          const expected = DockerignoreMatcher.fromText(text).match(path, isDir).excluded;
          expect(matcher.isExcluded(path, isDir, parent)).toBe(expected);
          expect(DockerignoreMatcher.fromText(text).isExcluded(path, isDir)).toBe(expected);
        }
      }
    }
  });
});

describe('Go regexp side effects of escapes', () => {
  const excluded = (text: string, path: string) => DockerignoreMatcher.fromText(text).match(path, false).excluded;

  it('reads \\d, \\w and \\s as Go classes', () => {
    expect(excluded('file\\d.txt', 'file7.txt')).toBe(true);
    expect(excluded('file\\d.txt', 'filed.txt')).toBe(false);
    expect(excluded('a\\wb', 'a_b')).toBe(true);
    expect(excluded('a\\sb', 'a\u00a0b')).toBe(false);
  });

  it('reads hex and octal escapes as characters', () => {
    expect(excluded('\\x41', 'A')).toBe(true);
    expect(excluded('\\101', 'A')).toBe(true);
  });

  it('reads \\pL as a Unicode class, with Go 1.25+ case-insensitive names', () => {
    expect(excluded('x\\pL', 'xé')).toBe(true);
    expect(excluded('x\\pl', 'xé')).toBe(true);
    expect(excluded('x\\PL', 'xé')).toBe(false);
    expect(excluded('x\\pN', 'x٣')).toBe(true);
  });

  it('keeps ^ as an anchor once the pattern is a regexp, but literal otherwise', () => {
    expect(excluded('a^b', 'a^b')).toBe(true);
    expect(excluded('a^b*', 'a^bc')).toBe(false);
  });

  it('treats * inside a class the way the generated regexp does', () => {
    // [*] becomes [[^/]*], a class of "[", "^" and "/" repeated, then a literal "]".
    expect(excluded('x[*]', 'x]')).toBe(true);
    expect(excluded('x[*]', 'x*')).toBe(false);
  });

  it('supports POSIX classes and \\Q quoting', () => {
    expect(excluded('[[:digit:]].log', '5.log')).toBe(true);
    expect(excluded('\\Q*', '*')).toBe(false);
    expect(excluded('a\\Q*', 'a[^/]*$')).toBe(true);
  });
});

describe('DockerignoreMatcher', () => {
  it('reports the deciding pattern', () => {
    const matcher = DockerignoreMatcher.fromText('*.md\n!README.md\n');
    expect(matcher.match('a.md', false).pattern?.raw).toBe('*.md');
    expect(matcher.match('README.md', false)).toMatchObject({ excluded: false, pattern: { raw: '!README.md' } });
    expect(matcher.match('a.txt', false)).toEqual({ excluded: false, pattern: undefined });
  });

  it('prunes only where BuildKit does', () => {
    expect(DockerignoreMatcher.fromText('node_modules\n').canPruneDirectory('node_modules')).toBe(true);
    expect(DockerignoreMatcher.fromText('node_modules\n').canPruneDirectory('src')).toBe(false);
    const plainException = DockerignoreMatcher.fromText('dir\n!dir/sub/keep\n');
    expect(plainException.canPruneDirectory('dir')).toBe(false);
    expect(plainException.canPruneDirectory('dir/other')).toBe(true);
    expect(plainException.canPruneDirectory('dir/other/deeper')).toBe(true);
    const globException = DockerignoreMatcher.fromText('dir\n!**/keep\n');
    expect(globException.canPruneDirectory('dir/other')).toBe(false);
    const trailingGlob = DockerignoreMatcher.fromText('logs\n!logs/keep/**\n');
    expect(trailingGlob.canPruneDirectory('logs')).toBe(false);
    expect(trailingGlob.canPruneDirectory('logs/old')).toBe(true);
  });

  it('carries parent match state like BuildKit (not MatchesOrParentMatches)', () => {
    // The walk skips "!a" for directory "a" (nothing excluded it yet), so "a/b" stays excluded.
    const matcher = DockerignoreMatcher.fromText('!a\na/b\n');
    expect(matcher.match('a/b/c', false).excluded).toBe(true);
    expect(matcher.match('a/x', false).excluded).toBe(false);
  });

  it('matchesPattern tests the path itself, not its parents', () => {
    const [pattern] = parseDockerignore('dir\n').patterns;
    expect(matchesPattern(pattern, 'dir')).toBe(true);
    expect(matchesPattern(pattern, 'dir/x')).toBe(false);
  });

  it('orders errors like Docker: unreadable file, then New, then regexp', () => {
    expect(DockerignoreMatcher.fromText('foo\\e\na[b\n').buildError?.raw).toBe('a[b');
    expect(DockerignoreMatcher.fromText('foo\\e\nbar\\e\n').buildError?.raw).toBe('foo\\e');
    expect(DockerignoreMatcher.fromText('ok\n').buildError).toBeUndefined();
  });
});

describe('properties', () => {
  const names = ['a', 'b.txt', '.env', 'node_modules', 'x y', 'dir-1', 'é', 'A'];
  const paths: string[] = [];
  for (const first of names) {
    paths.push(first);
    for (const second of names) {
      paths.push(`${first}/${second}`);
      paths.push(`${first}/${second}/${names[(first.length + second.length) % names.length]}`);
    }
  }
  const literalPatterns = ['a', 'node_modules', 'dir-1/a', '.env', 'x y/é', 'A/b.txt'];

  it('a pattern excludes itself and everything below it', () => {
    for (const pattern of literalPatterns) {
      const matcher = DockerignoreMatcher.fromText(`${pattern}\n`);
      expect(matcher.match(pattern, false).excluded).toBe(true);
      for (const child of names) {
        expect(matcher.match(`${pattern}/${child}`, false).excluded).toBe(true);
        expect(matcher.match(`${pattern}/${child}/deeper`, true).excluded).toBe(true);
      }
    }
  });

  it('the same pattern negated afterwards re-includes everything it excluded', () => {
    for (const pattern of [...literalPatterns, '*.txt', '**/a', 'dir-1/**', '[ab]*']) {
      const matcher = DockerignoreMatcher.fromText(`${pattern}\n!${pattern}\n`);
      for (const path of paths) expect(matcher.match(path, false).excluded).toBe(false);
    }
  });

  it('**/p matches p at any depth, and p only at the top', () => {
    for (const name of names) {
      const deep = DockerignoreMatcher.fromText(`**/${name}\n`);
      const anchored = DockerignoreMatcher.fromText(`${name}\n`);
      for (const prefix of ['', 'q/', 'q/r/', 'q/r/s/']) {
        expect(deep.match(`${prefix}${name}`, false).excluded).toBe(true);
        expect(anchored.match(`${prefix}${name}`, false).excluded).toBe(prefix === '');
      }
    }
  });

  it('* and ? never cross a slash', () => {
    const matcher = DockerignoreMatcher.fromText('*\n');
    const question = DockerignoreMatcher.fromText('a?b\n');
    expect(question.match('a/b', false).excluded).toBe(false);
    for (const path of paths) {
      // Everything sits under an excluded top-level entry, yet "*" itself only matches that top-level name.
      expect(matcher.match(path, false).excluded).toBe(true);
      const [pattern] = parseDockerignore('*').patterns;
      expect(matchesPattern(pattern, path)).toBe(!path.includes('/'));
    }
  });

  it('a directory and a file at the same path get the same answer unless a parent is pruned', () => {
    const texts = ['*.md\n!README.md\n', 'dir\n!dir/sub/keep\n', '**/x\n!a/x\n', 'a\n!a/b\na\n'];
    for (const text of texts) {
      const matcher = DockerignoreMatcher.fromText(text);
      for (const path of paths) expect(matcher.match(path, true).excluded).toBe(matcher.match(path, false).excluded);
    }
  });

  it('goCleanPath matches Go filepath.Clean on samples', () => {
    const samples: [string, string][] = [
      ['', '.'],
      ['./a', 'a'],
      ['a/', 'a'],
      ['a//b', 'a/b'],
      ['a/../b', 'b'],
      ['../a', '../a'],
      ['/../a', '/a'],
      ['a/../..', '..'],
      ['/', '/'],
      ['//', '/'],
      ['.', '.'],
    ];
    for (const [input, output] of samples) expect(goCleanPath(input)).toBe(output);
  });
});
