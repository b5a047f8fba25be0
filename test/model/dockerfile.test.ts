import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

describe('instructions', () => {
  it('folds continuations and inner comments into same-length text', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n  # refresh first\n  && apt-get install -y \\\n     curl\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const run = model.instructions[1];
    expect(run.keyword).toBe('RUN');
    expect(run.args.map((word) => word.value)).toEqual(['apt-get', 'update', '&&', 'apt-get', 'install', '-y', 'curl']);
    for (const word of run.args) expect(slice(text, word)).toBe(word.value);
    expect(run.argsText).toHaveLength(run.argsEnd - run.argsStart);
    expect(run.argsText).not.toContain('refresh');
  });

  it('reads flags and keeps JSON strings whole', () => {
    const text = 'FROM node:22\nRUN --mount=type=cache,target=/root/.npm,sharing=locked --network=none npm ci\nCMD ["node", "a  b.js"]\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const run = model.instructions[1];
    expect(run.flags.map((flag) => [flag.name, flag.value])).toEqual([
      ['mount', 'type=cache,target=/root/.npm,sharing=locked'],
      ['network', 'none'],
    ]);
    expect(run.run?.mounts[0]).toMatchObject({ type: 'cache', target: '/root/.npm', sharing: 'locked' });
    expect(run.run?.network).toBe('none');
    const cmd = model.instructions[2];
    expect(cmd.json?.map((word) => word.value)).toEqual(['node', 'a  b.js']);
    expect(slice(text, cmd.json![1])).toBe('"a  b.js"');
  });

  it('treats an invalid JSON array as shell form', () => {
    const model = parseDockerfile("FROM alpine\nCMD ['sh', '-c']\n", 'Dockerfile');
    expect(model.instructions[1].json).toBeUndefined();
  });

  it('uses the backtick escape directive for continuations', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Write-Host a; `\n    Write-Host b\n';
    const model = parseDockerfile(text, 'Dockerfile');
    expect(model.escapeChar).toBe('`');
    expect(model.instructions[1].args.map((word) => word.value)).toEqual(['Write-Host', 'a;', 'Write-Host', 'b']);
    expect(model.stages[0].windows).toBe(true);
    expect(model.instructions[1].run?.shellKind).toBe('cmd');
  });

  it('reads CRLF files', () => {
    const text = 'FROM alpine\r\nRUN echo a \\\r\n  && echo b\r\n';
    const model = parseDockerfile(text, 'Dockerfile');
    expect(model.instructions[1].args.map((word) => word.value)).toEqual(['echo', 'a', '&&', 'echo', 'b']);
    expect(model.source.eol).toBe('\r\n');
  });
});

describe('stages and state', () => {
  const text = [
    'ARG NODE_VERSION=22',
    'ARG UNUSED',
    'FROM node:${NODE_VERSION}-alpine AS base',
    'ENV APP=/srv/app',
    'WORKDIR $APP',
    'USER node',
    'FROM base AS build',
    'ARG NODE_VERSION',
    'WORKDIR src',
    'RUN npm ci',
    'FROM gcr.io/distroless/nodejs22:nonroot',
    'COPY --from=build /srv/app /app',
    'COPY --from=0 /x /x',
    '',
  ].join('\n');
  const model = parseDockerfile(text, 'Dockerfile');

  it('finds stages, names, parents and images', () => {
    expect(model.stages.map((stage) => stage.name)).toEqual(['base', 'build', undefined]);
    expect(model.stages[0].image).toMatchObject({ raw: 'node:${NODE_VERSION}-alpine', resolved: 'node:22-alpine', name: 'node', tag: '22-alpine' });
    expect(model.stages[1].parent).toBe(model.stages[0]);
    expect(model.stages[2].image).toMatchObject({ name: 'gcr.io/distroless/nodejs22', tag: 'nonroot' });
    expect(model.stages.map((stage) => stage.isLast)).toEqual([false, false, true]);
    expect(model.stages[2].copiesFrom).toEqual([model.stages[1], model.stages[0]]);
    expect(model.globalArgs).toHaveLength(2);
  });

  it('tracks ENV, ARG, USER and WORKDIR through inheritance', () => {
    const run = model.stages[1].instructions.find((instruction) => instruction.keyword === 'RUN')!;
    expect(run.state.user).toBe('node');
    expect(run.state.workdir).toBe('/srv/app/src');
    expect(run.state.env.get('APP')).toBe('/srv/app');
    expect(run.state.args.get('NODE_VERSION')).toBe('22');
    expect(model.stages[2].instructions[0].state.user).toBeUndefined();
    expect(model.expand('$APP/${MISSING}', run.state)).toBe('/srv/app/${MISSING}');
  });

  it('finds stages by name or index, only before a point', () => {
    expect(model.findStage('BUILD')).toBe(model.stages[1]);
    expect(model.findStage('build', 1)).toBeUndefined();
    expect(model.findStage('0', 2)).toBe(model.stages[0]);
  });
});

describe('RUN commands', () => {
  it('parses heredoc scripts and maps offsets to the file', () => {
    const text = 'FROM alpine\nRUN <<EOF\nset -eux\napk add --no-cache curl\nEOF\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const run = model.instructions[1].run!;
    expect(run.scripts.map((script) => script.origin)).toEqual(['inline', 'heredoc']);
    const apk = run.commands.find((command) => command.name?.value === 'apk')!;
    expect(slice(text, apk)).toBe('apk add --no-cache curl');
  });

  it('does not parse a heredoc fed to another program', () => {
    const model = parseDockerfile('FROM python:3.12\nRUN python3 <<EOF\nimport os\nEOF\n', 'Dockerfile');
    expect(model.instructions[1].run!.commands.map((command) => command.name?.value)).toEqual(['python3']);
  });

  it('parses exec-form shells and keeps other exec forms as one command', () => {
    const text = 'FROM alpine\nRUN ["/bin/sh", "-c", "apk add git && git --version"]\nRUN ["apk", "add", "curl"]\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const shell = model.instructions[1].run!;
    expect(shell.commands.map((command) => command.name?.value)).toEqual(['apk', 'git']);
    expect(slice(text, shell.commands[1])).toBe('git --version');
    const direct = model.instructions[2].run!;
    expect(direct.commands[0].name?.value).toBe('apk');
    expect(direct.commands[0].args.map((word) => word.value)).toEqual(['add', 'curl']);
  });

  it('leaves PowerShell RUNs unparsed', () => {
    const model = parseDockerfile('FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n', 'Dockerfile');
    expect(model.instructions[2].run).toMatchObject({ shellKind: 'powershell', commands: [] });
  });

  it('parses ONBUILD triggers', () => {
    const model = parseDockerfile('FROM node:22\nONBUILD RUN --mount=type=cache,target=/root/.npm npm ci\n', 'Dockerfile');
    const trigger = model.instructions[1].trigger!;
    expect(trigger).toMatchObject({ keyword: 'RUN', inOnbuild: true });
    expect(trigger.run?.commands[0].name?.value).toBe('npm');
    expect(trigger.run?.mounts[0].target).toBe('/root/.npm');
  });
});

describe('syntax errors', () => {
  it.each([
    ['FROM alpine\nRUNN echo\n', 'Unknown instruction "RUNN"', 2],
    ['RUN echo\nFROM alpine\n', 'RUN before the first FROM: only ARG may come before FROM', 1],
    ['FROM alpine\nWORKDIR\n', 'WORKDIR needs at least one argument', 2],
    ['FROM alpine\nRUN <<EOF\necho hi\n', 'Heredoc "EOF" is never terminated: add a line with only EOF', 2],
    ['# only a comment\n', 'The Dockerfile has no instructions', 1],
    ['ARG A=1\n', 'No FROM instruction: a Dockerfile needs at least one build stage', 1],
  ])('%j', (text, message, line) => {
    const model = parseDockerfile(text, 'Dockerfile');
    expect(model.syntaxErrors.map((error) => [error.message, model.source.position(error.start).line])).toContainEqual([message, line]);
  });

  it('accepts a valid multi-stage file', () => {
    expect(parseDockerfile('FROM a AS x\nRUN true\nFROM x\nCMD ["true"]\n', 'Dockerfile').syntaxErrors).toEqual([]);
  });
});
