import { describe, expect, it } from 'vitest';
import { exposeWords, isValidHostIp, isValidPortSpec, parsePortRange, parsePortSpec } from '../../src/knowledge/expose.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';

const parts = (text: string) => {
  const spec = parsePortSpec(text, 10);
  return {
    ip: spec.ip?.text,
    host: spec.hostPort?.text,
    container: spec.containerPort.text,
    protocol: spec.protocol?.text,
  };
};

describe('parsePortSpec', () => {
  it.each([
    ['80', { ip: undefined, host: undefined, container: '80', protocol: undefined }],
    ['80/udp', { ip: undefined, host: undefined, container: '80', protocol: 'udp' }],
    ['8080:80', { ip: undefined, host: '8080', container: '80', protocol: undefined }],
    ['127.0.0.1:80:80/TCP', { ip: '127.0.0.1', host: '80', container: '80', protocol: 'TCP' }],
    ['[::1]:80:80', { ip: '[::1]', host: '80', container: '80', protocol: undefined }],
    ['::1:80:80', { ip: '::1', host: '80', container: '80', protocol: undefined }],
    ['::::80', { ip: '::', host: undefined, container: '80', protocol: undefined }],
    [':80', { ip: undefined, host: undefined, container: '80', protocol: undefined }],
    ['8000-8010/tcp', { ip: undefined, host: undefined, container: '8000-8010', protocol: 'tcp' }],
    ['${PORT:-8080}', { ip: undefined, host: undefined, container: '${PORT:-8080}', protocol: undefined }],
    ['${HOST_PORT}:${PORT}/udp', { ip: undefined, host: '${HOST_PORT}', container: '${PORT}', protocol: 'udp' }],
  ])('%s', (text, expected) => {
    expect(parts(text)).toEqual(expected);
  });

  it('keeps file offsets and marks variable parts', () => {
    const spec = parsePortSpec('8080:$PORT/tcp', 100);
    expect(spec.hostPort).toEqual({ text: '8080', start: 100, end: 104, variable: false });
    expect(spec.containerPort).toEqual({ text: '$PORT', start: 105, end: 110, variable: true });
    expect(spec.protocol).toEqual({ text: 'tcp', start: 111, end: 114, variable: false });
  });
});

describe('parsePortRange', () => {
  it.each([
    ['80', { kind: 'ok', start: 80, end: 80 }],
    ['0', { kind: 'ok', start: 0, end: 0 }],
    ['65535', { kind: 'ok', start: 65535, end: 65535 }],
    ['8000-9000', { kind: 'ok', start: 8000, end: 9000 }],
    ['65536', { kind: 'out-of-range', value: '65536' }],
    ['40000-80000', { kind: 'out-of-range', value: '80000' }],
    ['9000-8000', { kind: 'reversed', start: 9000, end: 8000 }],
    ['', { kind: 'invalid' }],
    ['http', { kind: 'invalid' }],
    ['1-2-3', { kind: 'invalid' }],
    ['-80', { kind: 'invalid' }],
  ])('%s', (text, expected) => {
    expect(parsePortRange(text)).toEqual(expected);
  });
});

describe('validity', () => {
  it('accepts IPv4 and IPv6 host addresses, not host names', () => {
    expect(isValidHostIp('0.0.0.0')).toBe(true);
    expect(isValidHostIp('[::1]')).toBe(true);
    expect(isValidHostIp('2001:db8::68')).toBe(true);
    expect(isValidHostIp('localhost')).toBe(false);
    expect(isValidHostIp('[::1')).toBe(false);
  });

  it.each([
    ['127.0.0.1:80:80', true],
    ['1234-1235:3333-3334/tcp', true],
    ['8000-8010:80', true],
    ['80:8000-8010', false],
    ['localhost:80:80', false],
    ['70000:80', false],
    ['8080:80/http', false],
  ])('%s valid: %s', (text, valid) => {
    expect(isValidPortSpec(parsePortSpec(text, 0))).toBe(valid);
  });
});

describe('exposeWords', () => {
  it('expands the ARG and ENV defaults in scope, one word into several', () => {
    const model = parseDockerfile('FROM alpine:3.20\nARG PORT=8080\nENV PORTS="80 443/udp"\nEXPOSE $PORT ${PORTS} $UNKNOWN\n', 'Dockerfile');
    const words = exposeWords(model, model.instructions[3]);
    expect(words.map((word) => word.expanded?.map((spec) => spec.text))).toEqual([['8080'], ['80', '443/udp'], undefined]);
  });

  it('ignores other instructions', () => {
    const model = parseDockerfile('FROM alpine:3.20\nLABEL port=80\n', 'Dockerfile');
    expect(exposeWords(model, model.instructions[1])).toEqual([]);
  });
});
