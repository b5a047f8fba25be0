import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import {
  defaultGlobalArgValues, globalArgs, isValidImageReference, parsePlatform, processWord, variableReferences,
} from '../../src/knowledge/build-args.js';

describe('isValidImageReference', () => {
  it.each([
    'alpine', 'alpine:3.20', 'docker.io/library/node:22-alpine', 'gcr.io/distroless/static-debian12:nonroot',
    'localhost:5000/team/app:1.0', 'mcr.microsoft.com/windows/servercore:ltsc2022', 'scratch', 'MyRegistry.example.com/app:v1',
    'golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'busybox:stable', 'a__b/c-d:Tag_1',
  ])('accepts %s', (reference) => expect(isValidImageReference(reference)).toBe(true));
  it.each([
    '', 'alpine:', ':3.20', 'gcr.io//builder:1.0', 'Debian:12', 'docker:-dind', 'app/', 'node:"22"', 'a b',
    '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'alpine@sha256:short',
  ])('rejects %j', (reference) => expect(isValidImageReference(reference)).toBe(false));
});

describe('parsePlatform', () => {
  it('reads os/arch/variant and normalizes the architecture', () => {
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', arch: 'arm', archWritten: 'arm', variant: 'v7' });
    expect(parsePlatform('Linux/x86_64')).toEqual({ os: 'linux', arch: 'amd64', archWritten: 'x86_64', variant: undefined });
    expect(parsePlatform('windows')).toEqual({ os: 'windows', arch: undefined, archWritten: undefined, variant: undefined });
    expect(parsePlatform('aarch64')).toEqual({ os: undefined, arch: 'arm64', archWritten: 'aarch64', variant: undefined });
  });
  it('rejects what is not a platform', () => {
    for (const text of ['', 'foo', 'linux/amd64/v8/x', 'linux//amd64', '$TARGETPLATFORM']) expect(parsePlatform(text)).toBeUndefined();
  });
});

describe('processWord', () => {
  const values = new Map([['TAG', '3.20'], ['EMPTY', '']]);
  const value = (text: string, escape = '\\') => processWord(text, values, escape)?.value;
  it('expands like BuildKit, unset variables being empty', () => {
    expect(value('alpine:${TAG}')).toBe('alpine:3.20');
    expect(value('alpine:$TAG')).toBe('alpine:3.20');
    expect(value('alpine:${MISSING}')).toBe('alpine:');
    expect(value('alpine:${MISSING:-edge}')).toBe('alpine:edge');
    expect(value('alpine:${EMPTY:-edge}')).toBe('alpine:edge');
    expect(value('alpine:${EMPTY-edge}')).toBe('alpine:');
    expect(value('x${TAG:+set}${MISSING+set}')).toBe('xset');
    expect(value('${MISSING:-${TAG}}')).toBe('3.20');
  });
  it('removes quotes and escapes', () => {
    expect(value('"1.23"')).toBe('1.23');
    expect(value("'$TAG'")).toBe('$TAG');
    expect(value('node:"${TAG}"-slim')).toBe('node:3.20-slim');
    expect(value('a\\ b')).toBe('a b');
    expect(value('price`$5', '`')).toBe('price$5');
  });
  it('tracks which variables were set', () => {
    const result = processWord('${TAG}-${MISSING:-x}', values, '\\');
    expect([...result!.matched]).toEqual(['TAG']);
    expect([...result!.unmatched]).toEqual(['MISSING']);
  });
  it('gives up on what it does not evaluate', () => {
    expect(processWord('${templateOption:imageVariant}', values, '\\')).toBeUndefined();
    expect(processWord('${TAG#v}', values, '\\')).toBeUndefined();
    expect(processWord('"unterminated', values, '\\')).toBeUndefined();
  });
});

describe('variableReferences', () => {
  it('finds nested references with their offsets and skips escaped ones', () => {
    const references = variableReferences('${A:-$B}/\\$C/$D', '\\', 10);
    expect(references.map((reference) => [reference.name, reference.start, reference.end])).toEqual([['A', 10, 18], ['B', 15, 17], ['D', 23, 25]]);
  });
});

describe('global ARG defaults', () => {
  it('processes defaults in order, keeps automatic values, and leaves ARGs without defaults unset', () => {
    const file = parseDockerfile('ARG MAJOR="22"\nARG IMAGE=node:${MAJOR}-alpine\nARG TARGETARCH\nARG BASE\nFROM ${IMAGE}\n', 'Dockerfile');
    const values = defaultGlobalArgValues(file)!;
    expect(values.get('IMAGE')).toBe('node:22-alpine');
    expect(values.get('TARGETARCH')).toBe('amd64');
    expect(values.has('BASE')).toBe(false);
    expect([...globalArgs(file).keys()]).toEqual(['MAJOR', 'IMAGE', 'TARGETARCH', 'BASE']);
  });
  it('is undefined when a default cannot be evaluated', () => {
    expect(defaultGlobalArgValues(parseDockerfile('ARG V=${x:?required}\nFROM alpine:$V\n', 'Dockerfile'))).toBeUndefined();
  });
});
