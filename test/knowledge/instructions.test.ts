import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import {
  basename, copyOperands, expandWord, globMayMatchArchive, hasDetachedFlagValue, imageRegistry, isAbsoluteImagePath, isRemoteSource,
  isUnpackedArchiveName, keywordInCase, leavesWorkdirAtRoot, mayBeArchiveName, propertyTexts, stripQuotes,
} from '../../src/knowledge/instructions.js';
import { variableReferences } from '../../src/knowledge/build-args.js';

describe('copyOperands', () => {
  it('splits sources from the destination, exec form included', () => {
    const file = parseDockerfile('FROM alpine:3.20\nCOPY a b /dst/\nCOPY ["x y", "/z"]\nCOPY <<EOF /etc/motd\nhi\nEOF\n', 'Dockerfile');
    const [, shell, json, heredoc] = file.instructions;
    expect(copyOperands(shell).sources.map((word) => word.value)).toEqual(['a', 'b']);
    expect(copyOperands(shell).destination?.value).toBe('/dst/');
    expect(copyOperands(json)).toMatchObject({ json: true, destination: { value: '/z' } });
    expect(copyOperands(json).sources.map((word) => word.value)).toEqual(['x y']);
    expect(copyOperands(heredoc).sources.map((word) => word.value)).toEqual(['<<EOF']);
  });
  it('notices a value flag written without "="', () => {
    const file = parseDockerfile('FROM alpine:3.20\nCOPY --chown app a /b\nCOPY --link a /b\n', 'Dockerfile');
    expect(hasDetachedFlagValue(file.instructions[1])).toBe(true);
    expect(hasDetachedFlagValue(file.instructions[2])).toBe(false);
  });
});

describe('archives and sources', () => {
  it('knows what ADD unpacks', () => {
    expect(['a.tar', 'a.tar.gz', 'a.TGZ', 'a.tar.bz2', 'a.tbz2', 'a.tar.xz', 'a.txz'].every(isUnpackedArchiveName)).toBe(true);
    expect(['a.zip', 'a.tar.zst', 'a.gz', 'a.txt'].some(isUnpackedArchiveName)).toBe(false);
    expect(['a.tar.zst', 'a.gz', 'a.bz2', 'a.xz', 'a.Z'].every(mayBeArchiveName)).toBe(true);
    expect(mayBeArchiveName('app.py')).toBe(false);
  });
  it('knows which globs may match an archive', () => {
    expect(globMayMatchArchive('dist/*')).toBe(true);
    expect(globMayMatchArchive('*.tar.gz')).toBe(true);
    expect(globMayMatchArchive('app-*')).toBe(true);
    expect(globMayMatchArchive('conf/*.json')).toBe(false);
    expect(globMayMatchArchive('[ab].txt')).toBe(false);
  });
  it('recognises remote sources', () => {
    expect(isRemoteSource('https://example.com/x')).toBe(true);
    expect(isRemoteSource('git@github.com:acme/repo.git')).toBe(true);
    expect(isRemoteSource('./src')).toBe(false);
  });
  it('splits paths', () => {
    expect(basename('/tmp/app.tar.gz')).toBe('app.tar.gz');
    expect(basename('dir/')).toBe('dir');
    expect(basename('C:\\tmp\\x.tar')).toBe('x.tar');
    expect(isAbsoluteImagePath('/app')).toBe(true);
    expect(isAbsoluteImagePath('C:\\app')).toBe(true);
    expect(isAbsoluteImagePath('c:/app')).toBe(true);
    expect(isAbsoluteImagePath('app')).toBe(false);
  });
});

describe('keywordInCase', () => {
  it('follows the written case', () => {
    expect(keywordInCase('ADD', 'copy')).toBe('COPY');
    expect(keywordInCase('add', 'COPY')).toBe('copy');
    expect(keywordInCase('Add', 'COPY')).toBe('Copy');
    expect(keywordInCase('aDd', 'COPY')).toBe('COPY');
  });
});

describe('imageRegistry', () => {
  it('finds the registry host', () => {
    expect(imageRegistry('node:22')).toBe('docker.io');
    expect(imageRegistry('bitnami/redis:7')).toBe('docker.io');
    expect(imageRegistry('index.docker.io/library/node')).toBe('docker.io');
    expect(imageRegistry('GHCR.io/acme/app')).toBe('ghcr.io');
    expect(imageRegistry('localhost/app')).toBe('localhost');
    expect(imageRegistry('localhost:5000/app')).toBe('localhost:5000');
    expect(imageRegistry('${REGISTRY}/app')).toBeUndefined();
    expect(imageRegistry('$IMAGE')).toBeUndefined();
  });
});

describe('leavesWorkdirAtRoot', () => {
  it('knows official images without WORKDIR', () => {
    expect(leavesWorkdirAtRoot('node')).toBe(true);
    expect(leavesWorkdirAtRoot('docker.io/library/python')).toBe(true);
    expect(leavesWorkdirAtRoot('registry.access.redhat.com/ubi9/ubi-minimal')).toBe(true);
    expect(leavesWorkdirAtRoot('scratch')).toBe(true);
    expect(leavesWorkdirAtRoot('golang')).toBe(false);
    expect(leavesWorkdirAtRoot('php')).toBe(false);
    expect(leavesWorkdirAtRoot('registry.access.redhat.com/ubi9/python-311')).toBe(false);
    expect(leavesWorkdirAtRoot('acme/node')).toBe(false);
  });
});

describe('words and values', () => {
  it('strips quotes and expands', () => {
    const file = parseDockerfile('ARG DIR="/srv/app"\nFROM alpine:3.20\nARG DIR\nCOPY a "${DIR}/b"\n', 'Dockerfile');
    const copy = file.instructions[3];
    expect(expandWord(file, copy.args[1].value, copy.state)).toBe('/srv/app/b');
    expect(stripQuotes('a\\"b"c\'d')).toBe('a"bcd');
  });
  it('reads property values as Docker does', () => {
    const file = parseDockerfile('FROM alpine:3.20\nLABEL a="x y" b=\'$NOPE\' c=$YES d= e\\ f=g\n', 'Dockerfile');
    const values = propertyTexts(file, file.instructions[1]);
    expect(values.map((value) => [value.property.name, value.value, value.raw, value.hasVariable])).toEqual([
      ['a', 'x y', '"x y"', false],
      ['b', '$NOPE', "'$NOPE'", false],
      ['c', '$YES', '$YES', true],
      ['d', '', '', false],
      ['e f', 'g', 'g', false],
    ]);
    expect(file.text.slice(values[2].rawStart, values[2].rawStart + 4)).toBe('$YES');
  });
  it('finds variable references outside single quotes', () => {
    expect(variableReferences('"$A/${B:-x}" \'$C\' \\$D $1 ${E}', '\\', 0, true).map((reference) => reference.name)).toEqual(['A', 'B', 'E']);
    expect(variableReferences('`$A $B', '`', 0, true).map((reference) => reference.name)).toEqual(['B']);
    expect(variableReferences('${A:-$B}', '\\', 0, true).map((reference) => reference.name)).toEqual(['A', 'B']);
  });
});
