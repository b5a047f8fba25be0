import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import {
  enablesPipefail, enclosingShell, hasOption, insertArgumentAfter, invocationOf, invocations, optionValue, parseArgs, pipesOf, setsPipefail,
} from '../../src/knowledge/shell-commands.js';

function run(script: string) {
  const text = `FROM debian:12-slim\nRUN ${script}\n`;
  const model = parseDockerfile(text, 'Dockerfile');
  const instruction = model.instructions[1];
  return { text, model, instruction, commands: instruction.run!.commands, shell: instruction.run!.scripts[0].shell };
}

describe('invocationOf', () => {
  it.each([
    ['wget -q https://x', 'wget', []],
    ['/usr/bin/wget https://x', 'wget', []],
    ['sudo -u app -H bundle install', 'bundle', ['sudo']],
    ['sudo DEBIAN_FRONTEND=noninteractive apt-get install -y git', 'apt-get', ['sudo']],
    ['exec env -u HOME X=1 nice -n 10 make', 'make', ['exec', 'env', 'nice']],
    ['timeout 30 curl https://x', 'curl', ['timeout']],
    ['gosu app:app node server.js', 'node', ['gosu']],
    ['stdbuf -oL python app.py', 'python', ['stdbuf']],
    ['busybox wget https://x', 'wget', ['busybox']],
    ['command -v ps', 'command', []],
    ['command ps aux', 'ps', ['command']],
    ['sudo -l', 'sudo', []],
    ['exec', 'exec', []],
  ])('%s runs %s', (script, name, wrappers) => {
    const invocation = invocationOf(run(script).commands[0])!;
    expect(invocation.name).toBe(name);
    expect(invocation.wrappers).toEqual(wrappers);
  });

  it('lists the programs of every command, nested ones included', () => {
    expect(invocations(run('a && (b | c) && sh -c "d; e" && x=$(f)').commands).map((invocation) => invocation.name)).toEqual(['a', 'b', 'c', 'sh', 'd', 'e', 'f']);
  });

  it('skips bare assignments', () => {
    expect(invocationOf(run('A=1 B=2').commands[0])).toBeUndefined();
  });
});

describe('parseArgs', () => {
  const args = (script: string) => run(script).commands[0].args;

  it('reads bundles, attached and separate values, long options and --', () => {
    const parsed = parseArgs(args('useradd -lmu1000 -s /bin/bash --home-dir=/srv --comment "App user" app -- -weird'), {
      shortWithValue: 'us', longWithValue: ['--comment'],
    });
    expect(parsed.options.map((option) => [option.name, option.value])).toEqual([
      ['-l', undefined], ['-m', undefined], ['-u', '1000'], ['-s', '/bin/bash'], ['--home-dir', '/srv'], ['--comment', 'App user'],
    ]);
    expect(parsed.operands.map((word) => word.value)).toEqual(['app', '-weird']);
    expect(hasOption(parsed, '-l', '--no-log-init')).toBe(true);
    expect(optionValue(parsed, '-u', '--uid')).toBe('1000');
  });

  it('keeps options after operands (GNU permutation)', () => {
    const parsed = parseArgs(args('wget https://x -O out.tgz -q'), { shortWithValue: 'O' });
    expect(parsed.operands.map((word) => word.value)).toEqual(['https://x']);
    expect(hasOption(parsed, '-q')).toBe(true);
  });
});

describe('pipefail', () => {
  it.each([
    [['/bin/bash', '-o', 'pipefail', '-c'], true],
    [['/bin/bash', '-euxo', 'pipefail', '-c'], true],
    [['/bin/ash', '-eo', 'pipefail', '-c'], true],
    [['/bin/sh', '-c'], false],
    [['/bin/bash', '-c', 'pipefail'], false],
  ])('%j enables pipefail: %s', (words, expected) => {
    expect(enablesPipefail(words)).toBe(expected);
  });

  it('recognises set commands', () => {
    const { commands } = run('set -eux && set -o errexit -o pipefail && set -euo pipefail');
    expect(commands.map(setsPipefail)).toEqual([false, true, true]);
  });
});

describe('pipesOf', () => {
  it('finds the sides of simple and multi-stage pipes', () => {
    const { shell, text } = run('curl -fsSL https://x | gunzip | tar -x && echo ok');
    const pipes = pipesOf(shell, text);
    expect(pipes).toHaveLength(1);
    expect(pipes[0].left.map((command) => command.name?.value)).toEqual(['curl', 'gunzip']);
    expect(pipes[0].right.map((command) => command.name?.value)).toEqual(['tar']);
  });

  it('sees a group on the left and a subshell on the right', () => {
    const { shell, text } = run('{ echo a; echo b; } | tee /etc/list && wget -O- https://x | (cd /opt && tar -x)');
    const pipes = pipesOf(shell, text);
    expect(pipes.map((pipe) => pipe.left.map((command) => command.name?.value))).toEqual([['echo', 'echo'], ['wget']]);
    expect(pipes[1].right.map((command) => command.name?.value)).toEqual(['cd', 'tar']);
  });

  it('ignores || and lone commands', () => {
    const { shell, text } = run('a || b; c');
    expect(pipesOf(shell, text)).toEqual([]);
  });

  it('finds the sh -c that runs a nested pipe', () => {
    const { shell, text } = run('bash -o pipefail -c "curl https://x | sh"');
    const [pipe] = pipesOf(shell, text);
    expect(enclosingShell(shell, pipe.first.start)?.name?.value).toBe('bash');
    expect(enclosingShell(shell, shell.commands[0].start)).toBeUndefined();
  });
});

describe('insertArgumentAfter', () => {
  it('adds a word in a script and a JSON string in the exec form', () => {
    const shellForm = run('wget https://x');
    expect(insertArgumentAfter(shellForm.text, shellForm.instruction, shellForm.commands[0], shellForm.commands[0].name!, '-nv'))
      .toEqual({ start: shellForm.commands[0].name!.end, end: shellForm.commands[0].name!.end, text: ' -nv' });
    const exec = run('["wget", "https://x"]');
    expect(insertArgumentAfter(exec.text, exec.instruction, exec.commands[0], exec.commands[0].name!, '-nv')?.text).toBe(', "-nv"');
  });

  it('refuses arguments that need quoting', () => {
    const { text, instruction, commands } = run('wget https://x');
    expect(insertArgumentAfter(text, instruction, commands[0], commands[0].name!, 'a b')).toBeUndefined();
  });
});
