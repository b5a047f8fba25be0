import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/shell/parse.js';
import type { ShellScript } from '../../src/shell/ast.js';

/** Each command as `joiner nesting | source text`, the shape most tests compare. */
function outline(script: string): string[] {
  return parseShell(script).commands.map(
    (command) => `${command.joiner ?? '-'} ${command.nesting} | ${script.slice(command.start, command.end)}`,
  );
}

function names(script: string): (string | undefined)[] {
  return parseShell(script).commands.map((command) => command.name?.value);
}

describe('parseShell: lists and operators', () => {
  it('splits on && || ; & and newlines and records the joiner', () => {
    expect(outline('a && b || c; d & e\nf')).toEqual([
      '- top | a',
      '&& top | b',
      '|| top | c',
      '; top | d',
      '& top | e',
      'newline top | f',
    ]);
  });

  it('keeps an operator before a line break as the joiner', () => {
    expect(outline('a &&\n  b')).toEqual(['- top | a', '&& top | b']);
  });

  it('groups pipes into pipelines, with |& and negation', () => {
    const script = parseShell('! curl -fsSL x |& tee log | sh && echo ok');
    expect(script.commands.map((command) => command.joiner)).toEqual([undefined, '|', '|', '&&']);
    expect(script.pipelines).toEqual([
      { commands: [0, 1, 2], start: 0, end: 31, negated: true },
      { commands: [3], start: 34, end: 41, negated: false },
    ]);
    expect(script.commands.map((command) => command.pipeline)).toEqual([0, 0, 0, 1]);
  });

  it('reads the set -eux idiom with a folded continuation as separate commands', () => {
    // The Dockerfile model turns `\`-newline into spaces before parsing.
    expect(names('set -eux;   apt-get update;   apt-get install -y curl')).toEqual(['set', 'apt-get', 'apt-get']);
  });

  it('treats backslash-newline inside a heredoc script as a continuation', () => {
    const script = parseShell('apt-get install -y \\\n  curl \\\n  git\n');
    expect(script.commands).toHaveLength(1);
    expect(script.commands[0].args.map((word) => word.value)).toEqual(['install', '-y', 'curl', 'git']);
  });

  it('skips comments, but not a # inside a word', () => {
    expect(outline('# setup\necho a#b # trailing\nls')).toEqual(['- top | echo a#b', 'newline top | ls']);
  });
});

describe('parseShell: words', () => {
  it('removes quotes and escapes in values but keeps raw text and exact offsets', () => {
    const script = 'pip install "requests==2.*" \'x y\' a\\ b --index-url=$URL';
    const [command] = parseShell(script).commands;
    expect(command.args.map((word) => word.value)).toEqual(['install', 'requests==2.*', 'x y', 'a b', '--index-url=$URL']);
    expect(command.args.map((word) => script.slice(word.start, word.end))).toEqual(command.args.map((word) => word.raw));
    expect(command.args.map((word) => [word.quoted, word.dynamic])).toEqual([
      [false, false], [true, false], [true, false], [true, false], [false, true],
    ]);
  });

  it('keeps expansions literally and marks them dynamic', () => {
    const [command] = parseShell('echo ${HOME:-/root}/x "$(id -u)" $((1 + 2)) $1 `pwd` $').commands;
    expect(command.args.map((word) => [word.value, word.dynamic])).toEqual([
      ['${HOME:-/root}/x', true],
      ['$(id -u)', true],
      ['$((1 + 2))', true],
      ['$1', true],
      ['`pwd`', true],
      ['$', false],
    ]);
  });

  it("decodes $'…' strings", () => {
    const [command] = parseShell("printf $'a\\tb\\n'").commands;
    expect(command.args[0].value).toBe('a\tb\n');
  });

  it('does not unescape single-quoted backslashes, and keeps unknown escapes in double quotes', () => {
    const [command] = parseShell(`echo 'a\\nb' "c\\d\\"e"`).commands;
    expect(command.args.map((word) => word.value)).toEqual(['a\\nb', 'c\\d"e']);
  });

  it('parses prefix assignments, bare assignment lists and array assignments', () => {
    const script = 'DEBIAN_FRONTEND=noninteractive TZ="Etc/UTC" apt-get install -y tzdata; A=1 B=; arr=(x y) ls';
    const commands = parseShell(script).commands;
    expect(commands.map((command) => command.name?.value)).toEqual(['apt-get', undefined, 'ls']);
    expect(commands[0].assignments.map((assignment) => [assignment.name, assignment.value?.value])).toEqual([
      ['DEBIAN_FRONTEND', 'noninteractive'],
      ['TZ', 'Etc/UTC'],
    ]);
    expect(script.slice(commands[0].assignments[1].value!.start, commands[0].assignments[1].value!.end)).toBe('"Etc/UTC"');
    expect(commands[1].assignments.map((assignment) => [assignment.name, assignment.value?.value])).toEqual([
      ['A', '1'],
      ['B', undefined],
    ]);
    expect(commands[2].assignments.map((assignment) => assignment.name)).toEqual(['arr']);
  });

  it('does not take a word with = after the command name for an assignment', () => {
    const [command] = parseShell('env A=1 node x.js').commands;
    expect(command.name?.value).toBe('env');
    expect(command.assignments).toEqual([]);
    expect(command.args.map((word) => word.value)).toEqual(['A=1', 'node', 'x.js']);
  });
});

describe('parseShell: redirects and heredocs', () => {
  it('collects redirects with fd prefixes and targets, not as arguments', () => {
    const [command] = parseShell('curl -o /tmp/x 2>/dev/null url >>log &>all 2>&1 <in').commands;
    expect(command.args.map((word) => word.value)).toEqual(['-o', '/tmp/x', 'url']);
    expect(command.redirects.map((redirect) => [redirect.op, redirect.target?.value])).toEqual([
      ['2>', '/dev/null'],
      ['>>', 'log'],
      ['&>', 'all'],
      ['2>&', '1'],
      ['<', 'in'],
    ]);
  });

  it('skips heredoc bodies, including <<- with tabs and quoted delimiters', () => {
    const script = "cat <<'EOF' > /etc/conf\nnot && a command\nEOF\ncat <<-END\n\tx | y\n\tEND\napk add git\n";
    expect(outline(script)).toEqual([
      "- top | cat <<'EOF' > /etc/conf",
      'newline top | cat <<-END',
      'newline top | apk add git',
    ]);
    expect(parseShell(script).errors).toEqual([]);
  });

  it('reports an unterminated heredoc', () => {
    expect(parseShell('cat <<EOF\nbody\n').errors).toEqual([{ message: 'heredoc "EOF" is not terminated', offset: 15 }]);
  });

  it('leaves a RUN <<EOF head (body elsewhere) as a command without a name', () => {
    const [command] = parseShell('<<EOF').commands;
    expect(command.name).toBeUndefined();
    expect(command.redirects[0]).toMatchObject({ op: '<<', target: { value: 'EOF' } });
  });

  it('reads process substitution as a word and parses what is inside', () => {
    expect(outline('diff <(sort a) b')).toEqual(['- top | diff <(sort a) b', '- substitution | sort a']);
  });
});

describe('parseShell: nesting', () => {
  it('parses subshells, groups and substitutions', () => {
    expect(outline('(cd /src && make) ; { echo a; echo b; } > out; echo "$(uname -m)" `id -u`')).toEqual([
      '- subshell | cd /src',
      '&& subshell | make',
      '- group | echo a',
      '; group | echo b',
      '; top | echo "$(uname -m)" `id -u`',
      '- substitution | uname -m',
      '- substitution | id -u',
    ]);
  });

  it('parses if/elif/else, while, until and for bodies as compound', () => {
    expect(outline('if [ -f a ]; then npm ci; elif true; then yarn; else npm i; fi; while false; do x; done; for f in a b; do rm $f; done; until y; do z; done; after')).toEqual([
      '- compound | [ -f a ]',
      '; compound | npm ci',
      '; compound | true',
      '; compound | yarn',
      '; compound | npm i',
      '; compound | false',
      '; compound | x',
      '; compound | rm $f',
      '; compound | y',
      '; compound | z',
      '; top | after',
    ]);
  });

  it('does not treat the words of a for header as commands', () => {
    expect(names('for pkg in curl git; do apk add $pkg; done')).toEqual(['apk']);
    expect(names('for ((i=0; i<3; i++)); do echo $i; done')).toEqual(['echo']);
  });

  it('parses case items, including patterns with | and (', () => {
    expect(outline('case "$(uname -m)" in x86_64|amd64) A=amd64 ;; (aarch64) A=arm64;; *) exit 1 ;; esac && echo $A')).toEqual([
      '- substitution | uname -m',
      '- compound | A=amd64',
      '- compound | A=arm64',
      '- compound | exit 1',
      '&& top | echo $A',
    ]);
  });

  it('parses function definitions in both forms without emitting the name', () => {
    expect(outline('install_deps() { npm ci; }; function build { npm run build; }; install_deps')).toEqual([
      '- compound | npm ci',
      '- compound | npm run build',
      '; top | install_deps',
    ]);
  });

  it('keeps reserved words as plain arguments after the command word', () => {
    expect(parseShell('echo if then fi done').commands[0].args.map((word) => word.value)).toEqual(['if', 'then', 'fi', 'done']);
  });

  it('reads [[ … ]] as one command whose && and < are operands', () => {
    const commands = parseShell('[[ -n "$X" && $A < $B ]] && echo ok').commands;
    expect(commands.map((command) => command.name?.value)).toEqual(['[[', 'echo']);
    expect(commands[0].args.map((word) => word.value)).toEqual(['-n', '$X', '&&', '$A', '<', '$B', ']]']);
  });
});

describe('parseShell: sh -c', () => {
  it('parses the script argument with offsets into the outer script', () => {
    const script = `su app -s /bin/sh -c true; bash -ec 'npm ci && npm run build'`;
    const lines = outline(script);
    expect(lines).toEqual([
      '- top | su app -s /bin/sh -c true',
      "; top | bash -ec 'npm ci && npm run build'",
      '- shell-c | npm ci',
      '&& shell-c | npm run build',
    ]);
  });

  it('keeps inner offsets inside the word when escapes make them inexact', () => {
    const script = 'sh -c "echo \\"a\\" && ls"';
    const commands = parseShell(script).commands;
    expect(commands.map((command) => command.name?.value)).toEqual(['sh', 'echo', 'ls']);
    for (const command of commands) {
      expect(command.start).toBeGreaterThanOrEqual(0);
      expect(command.end).toBeLessThanOrEqual(script.length);
    }
  });
});

describe('parseShell: robustness', () => {
  const hostile = [
    "echo 'unterminated",
    'echo "unterminated $(x',
    'a && && b',
    ') ; ;; | }',
    'if then fi fi done esac',
    'case x in',
    '$('.repeat(5_000),
    '('.repeat(5_000) + ')'.repeat(5_000),
    '`'.repeat(3),
    'x=$((1 +',
    '${',
    'f() ',
    '\\',
    '<<',
    '2>',
    '[[ a',
    '\u0000\uffff\ud800',
  ];
  it.each(hostile.map((input) => [input.length > 40 ? `${input.slice(0, 20)}… (${input.length} chars)` : input, input]))(
    'never throws on %j and reports problems as errors', (_label, input) => {
    let script: ShellScript | undefined;
    expect(() => {
      script = parseShell(input);
    }).not.toThrow();
    for (const command of script!.commands) {
      expect(command.start).toBeLessThanOrEqual(command.end);
      expect(command.end).toBeLessThanOrEqual(input.length);
    }
    expect(script!.errors.every((error) => !error.message.startsWith('shell parser failure'))).toBe(true);
  });

  it('reports syntax errors with offsets', () => {
    expect(parseShell('echo "open').errors).toEqual([{ message: 'unterminated double quote', offset: 5 }]);
    expect(parseShell('(ls').errors).toEqual([{ message: 'unterminated "("', offset: 0 }]);
  });

  it('parses a 1 MB script completely (its speed is measured in npm run bench)', () => {
    const long = 'apt-get install -y pkg && '.repeat(40_000) + 'true';
    const script = parseShell(long);
    expect(script.commands).toHaveLength(40_001);
    expect(script.commands[40_000].joiner).toBe('&&');
  });
});
