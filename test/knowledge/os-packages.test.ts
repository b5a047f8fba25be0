import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import type { Instruction } from '../../src/model/dockerfile.js';
import {
  answeredByPipe, appendToChain, aptQuietLevel, deletedPaths, deletesDir, hasOption, hasRpmVersion, insertAfterWord, isPackageFile, isPinned,
  laterRuns, osCommands, readOsCommand, textBefore, throwawayMounts,
} from '../../src/knowledge/os-packages.js';

const runs = (text: string): Instruction[] => parseDockerfile(text, 'Dockerfile').instructions.filter((instruction) => instruction.keyword === 'RUN');
const lastRun = (text: string) => {
  const model = parseDockerfile(text, 'Dockerfile');
  const run = [...model.instructions].reverse().find((instruction) => instruction.keyword === 'RUN')!;
  return { model, run, info: run.run! };
};
const commandsOf = (script: string) => runs(`FROM debian:12-slim\nRUN ${script}\n`)[0].run!.commands;
const apply = (text: string, edit: { start: number; end: number; text: string } | undefined) => edit && text.slice(0, edit.start) + edit.text + text.slice(edit.end);

describe('readOsCommand', () => {
  it('reads the program, global options and subcommand', () => {
    const [command] = osCommands(commandsOf('sudo DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confnew -y install curl'));
    expect(command.tool).toBe('apt');
    expect(command.programName).toBe('apt-get');
    expect(command.subcommand).toBe('install');
    expect(command.subcommandWord?.value).toBe('install');
    expect(command.globalWords.map((word) => word.value)).toEqual(['-o', 'Dpkg::Options::=--force-confnew', '-y']);
    expect(command.operands.map((word) => word.value)).toEqual(['curl']);
    expect(hasOption(command, '-y')).toBe(true);
  });

  it('reads subcommands that install nothing', () => {
    expect(osCommands(commandsOf('apt-get purge -y gnupg && zypper dup && dnf clean all')).map((command) => `${command.programName} ${command.subcommand}`))
      .toEqual(['apt-get purge', 'zypper dup', 'dnf clean']);
  });

  it('skips value options before the subcommand', () => {
    const [apk] = osCommands(commandsOf('apk -X https://dl-cdn.alpinelinux.org/alpine/edge/main add --no-cache lttng-ust'));
    expect(apk.subcommand).toBe('add');
    const [zypper] = osCommands(commandsOf('zypper --root /mnt -n in vim'));
    expect(zypper.subcommand).toBe('in');
    expect(zypper.globalWords.map((word) => word.value)).toEqual(['--root', '/mnt', '-n']);
  });

  it('ignores language tools and other programs', () => {
    expect(readOsCommand(commandsOf('pip install flask')[0])).toBeUndefined();
    expect(readOsCommand(commandsOf('apt-cache policy curl')[0])).toBeUndefined();
  });

  it('reads dnf5 as dnf', () => {
    expect(osCommands(commandsOf('dnf5 install -y git'))[0].tool).toBe('dnf');
  });
});

describe('options', () => {
  it.each([
    ['apt-get install x', 0],
    ['apt-get -q install x', 1],
    ['apt-get -qq install x', 2],
    ['apt-get -q -q install x', 2],
    ['apt-get -q=2 install x', 2],
    ['apt-get --quiet=2 install x', 2],
    ['apt-get -yqq install x', 2],
  ])('quiet level of %s is %i', (script, level) => {
    expect(aptQuietLevel(osCommands(commandsOf(script))[0])).toBe(level);
  });
});

describe('deletedPaths', () => {
  it.each([
    ['rm -rf /var/lib/apt/lists/*', ['/var/lib/apt/lists']],
    ['rm -rf /var/lib/apt/lists/*_*', ['/var/lib/apt/lists']],
    ['rm -f /var/cache/apk/*.tar.gz', ['/var/cache/apk']],
    ['rm -rf ~/.cache $HOME/.npm', ['/root/.cache', '/root/.npm']],
    ['rm -rf tmp/', ['/app/tmp']],
    ['rm -rf $DIR', []],
    ['find /var/lib/apt/lists -type f -delete', ['/var/lib/apt/lists']],
    ['find /var/cache/yum -mindepth 1 -exec rm -rf {} +', ['/var/cache/yum']],
    ['find /var/lib/apt/lists -name "*.gz"', []],
    ['echo /var/lib/apt/lists', []],
  ])('%s', (script, expected) => {
    expect(deletedPaths(commandsOf(script)[0], '/root', '/app')).toEqual(expected);
  });

  it('knows which deletions empty a directory', () => {
    expect(deletesDir(['/var/cache'], '/var/cache/apk')).toBe(true);
    expect(deletesDir(['/var/lib/apt/lists/partial'], '/var/lib/apt/lists')).toBe(false);
  });
});

describe('versions', () => {
  it.each([
    ['apt', 'curl=7.88.1-10', true],
    ['apt', 'curl', false],
    ['apk', 'curl~8', true],
    ['apk', 'curl>8.0', true],
    ['apk', 'curl@edge', false],
    ['dnf', 'nginx-1.20.1', true],
    ['dnf', 'libcurl-7.61.1-22.el8', true],
    ['dnf', 'python3-devel', false],
    ['dnf', 'gcc-c++', false],
    ['yum', 'epel-release', false],
    ['zypper', 'vim=9.0', true],
    ['zypper', 'vim>=9', true],
    ['zypper', 'vim', false],
  ] as const)('%s %s pinned: %s', (tool, value, pinned) => {
    expect(isPinned(tool, value)).toBe(pinned);
  });

  it('knows package files and rpm versions', () => {
    expect(isPackageFile('./pkg.deb')).toBe(true);
    expect(isPackageFile('https://example.com/x.rpm')).toBe(true);
    expect(isPackageFile('pkg/bookworm-backports')).toBe(true);
    expect(isPackageFile('curl')).toBe(false);
    expect(hasRpmVersion('x.rpm')).toBe(true);
    expect(hasRpmVersion('java-17-openjdk')).toBe(true);
  });
});

describe('edits', () => {
  it('inserts an option after a word, in shell and exec form', () => {
    const shell = 'FROM debian:12-slim\nRUN apt-get install curl\n';
    const { info: shellRun } = lastRun(shell);
    const [command] = osCommands(shellRun.commands);
    expect(apply(shell, insertAfterWord(lastRun(shell).model, shellRun, command.command, command.subcommandWord!, '-y'))).toBe('FROM debian:12-slim\nRUN apt-get install -y curl\n');
    const exec = 'FROM debian:12-slim\nRUN ["apt-get", "install", "curl"]\n';
    const parsed = lastRun(exec);
    const [json] = osCommands(parsed.info.commands);
    expect(apply(exec, insertAfterWord(parsed.model, parsed.info, json.command, json.subcommandWord!, '-y'))).toBe('FROM debian:12-slim\nRUN ["apt-get", "install", "-y", "curl"]\n');
  });

  it.each([
    ['RUN apt-get update && apt-get install -y curl\n', 'RUN apt-get update && apt-get install -y curl && rm -rf /x\n'],
    ['RUN apt-get update; apt-get install -y curl; # done\n', 'RUN apt-get update; apt-get install -y curl && rm -rf /x; # done\n'],
    ['RUN apt-get update \\\n && apt-get install -y curl\n', 'RUN apt-get update \\\n && apt-get install -y curl && rm -rf /x\n'],
    ['RUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', 'RUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /x\nEOF\n'],
    ['RUN <<EOF\napt-get update\napt-get install -y curl\n# one\n\n# two\nEOF\n', 'RUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /x\n# one\n\n# two\nEOF\n'],
    ['RUN <<EOF\napt-get update\napt-get install -y curl\necho done &\nEOF\n', undefined],
    ['RUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n', 'RUN ["sh", "-c", "apt-get update && apt-get install -y curl && rm -rf /x"]\n'],
    ['RUN apt-get update && apt-get install -y curl || true\n', undefined],
    ['RUN apt-get update && apt-get install -y curl &\n', undefined],
    ['RUN if true; then apt-get update; fi\n', undefined],
    ['RUN (apt-get update && apt-get install -y curl)\n', undefined],
    ['RUN ["apt-get", "update"]\n', undefined],
  ])('appends to %j', (tail, expected) => {
    const text = `FROM debian:12-slim\n${tail}`;
    const { model, info } = lastRun(text);
    const anchors = osCommands(info.commands).map((command) => command.command);
    const result = apply(text, appendToChain(model, info, anchors, 'rm -rf /x'));
    expect(result).toBe(expected === undefined ? undefined : `FROM debian:12-slim\n${expected}`);
  });
});

describe('context', () => {
  it('reads settings written earlier in the stage chain, not later or in other stages', () => {
    const text = 'FROM debian:12-slim AS base\nRUN echo one\nFROM base\nRUN echo two && apt-get install x\nRUN echo three\nFROM debian:12-slim\nRUN echo four\n';
    const [, two] = runs(text);
    const model = parseDockerfile(text, 'Dockerfile');
    const target = model.instructions.find((instruction) => instruction.index === two.index)!;
    const settings = textBefore(model, target, target.run!.commands[1].start);
    expect(settings).toContain('echo one');
    expect(settings).toContain('echo two');
    expect(settings).not.toContain('apt-get');
    expect(settings).not.toContain('three');
    expect(settings).not.toContain('four');
  });

  it('lists the RUNs that build on a layer', () => {
    const text = 'FROM debian:12-slim AS base\nRUN echo one\nRUN echo two\nFROM base\nRUN echo three\nFROM debian:12-slim\nRUN echo four\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const one = model.instructions.find((instruction) => instruction.keyword === 'RUN')!;
    expect(laterRuns(model, one).map((instruction) => instruction.argsText)).toEqual(['echo two', 'echo three']);
  });

  it('resolves cache and tmpfs mounts', () => {
    const { model, run, info } = lastRun('FROM debian:12-slim\nWORKDIR /app\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=tmpfs,target=tmp --mount=type=bind,target=/src true\n');
    expect(throwawayMounts(model, run, info)).toEqual({ targets: ['/var/lib/apt', '/app/tmp'], unknown: false });
    const unknown = lastRun('FROM debian:12-slim\nRUN --mount=type=cache,target=$CACHE true\n');
    expect(throwawayMounts(unknown.model, unknown.run, unknown.info).unknown).toBe(true);
  });

  it('sees answers piped in', () => {
    const { info } = lastRun('FROM debian:12-slim\nRUN yes | apt-get install x && apt-get install y\n');
    const [first, second] = osCommands(info.commands);
    expect(answeredByPipe(info, first.command)).toBe(true);
    expect(answeredByPipe(info, second.command)).toBe(false);
  });
});

describe('deletedPaths through wrappers', () => {
  it('sees rm behind sudo and env', () => {
    expect(deletedPaths(commandsOf('sudo rm -rf /var/lib/apt/lists/*')[0], '/root', '/')).toEqual(['/var/lib/apt/lists']);
    expect(deletedPaths(commandsOf('env -i LANG=C rm -rf /tmp/x')[0], '/root', '/')).toEqual(['/tmp/x']);
  });
});
