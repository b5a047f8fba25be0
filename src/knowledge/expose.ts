/**
 * EXPOSE port specs as Docker reads them: `[ip:][hostPort:]containerPort[/protocol]`,
 * where each port may be a range (`8000-8010`). Docker keeps only the container
 * port and protocol in the image; the IP and host port are checked, then dropped.
 *
 * Specs are read from the text as written, with variable references kept whole
 * (a `${PORT:-80}` holds a colon that is not a separator), and, where the ARG and
 * ENV defaults in scope allow, from the expanded text too.
 */
import { isIP } from 'node:net';
import type { DockerfileModel, Instruction } from '../model/dockerfile.js';
import { readReference } from '../model/variables.js';

/** A piece of a port spec, with file offsets. */
export interface SpecPart {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The piece holds a variable reference, so its value is not known from the text. */
  readonly variable: boolean;
}

export interface PortSpec {
  /** The whole word as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Host IP (`127.0.0.1`, `[::1]`), when one is written. */
  readonly ip: SpecPart | undefined;
  /** Host port or range, when one is written. */
  readonly hostPort: SpecPart | undefined;
  /** Container port or range, without the protocol. */
  readonly containerPort: SpecPart;
  /** The protocol after `/`, without the slash. */
  readonly protocol: SpecPart | undefined;
}

export const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;

/**
 * Splits a port spec the way Docker does: on `:`, the last part is the container
 * port, the one before it the host port, and anything before that the IP (an
 * IPv6 address keeps its own colons). Colons inside variable references do not
 * split. `offset` is the file offset of the word.
 */
export function parsePortSpec(text: string, offset: number): PortSpec {
  const masked = maskVariables(text);
  const colons: number[] = [];
  for (let index = 0; index < masked.length; index++) if (masked[index] === ':') colons.push(index);
  const part = (from: number, to: number): SpecPart => ({
    text: text.slice(from, to),
    start: offset + from,
    end: offset + to,
    variable: masked.slice(from, to) !== text.slice(from, to),
  });
  let ip: SpecPart | undefined;
  let hostPort: SpecPart | undefined;
  let containerStart = 0;
  if (colons.length === 1) {
    hostPort = part(0, colons[0]);
    containerStart = colons[0] + 1;
  } else if (colons.length >= 2) {
    const last = colons[colons.length - 1];
    const beforeLast = colons[colons.length - 2];
    ip = part(0, beforeLast);
    hostPort = part(beforeLast + 1, last);
    containerStart = last + 1;
  }
  const slash = masked.indexOf('/', containerStart);
  const containerPort = part(containerStart, slash < 0 ? text.length : slash);
  const protocol = slash < 0 ? undefined : part(slash + 1, text.length);
  return {
    text,
    start: offset,
    end: offset + text.length,
    ip: ip && ip.text !== '' ? ip : undefined,
    hostPort: hostPort && hostPort.text !== '' ? hostPort : undefined,
    containerPort,
    protocol,
  };
}

/** The text with each variable reference replaced by as many `x`s, so offsets still match. */
function maskVariables(text: string): string {
  if (!text.includes('$')) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    const reference = text[index] === '$' ? readReference(text, index) : undefined;
    if (reference) {
      out += 'x'.repeat(reference.end - reference.start);
      index = reference.end;
    } else {
      out += text[index];
      index++;
    }
  }
  return out;
}

export type PortRange =
  | { readonly kind: 'ok'; readonly start: number; readonly end: number }
  /** A port above 65535 (`value` is the first such number as written). */
  | { readonly kind: 'out-of-range'; readonly value: string }
  /** A range whose start is above its end. */
  | { readonly kind: 'reversed'; readonly start: number; readonly end: number }
  /** Not a number or range at all (empty, letters, `80-90-100`). */
  | { readonly kind: 'invalid' };

const MAX_PORT = 65535;

/** Reads a port or `start-end` range the way Docker validates it. */
export function parsePortRange(text: string): PortRange {
  const pieces = text.split('-');
  if (pieces.length > 2 || pieces.some((piece) => !/^\d+$/.test(piece))) return { kind: 'invalid' };
  const tooBig = pieces.find((piece) => Number(piece) > MAX_PORT);
  if (tooBig !== undefined) return { kind: 'out-of-range', value: tooBig };
  const start = Number(pieces[0]);
  const end = Number(pieces[pieces.length - 1]);
  if (end < start) return { kind: 'reversed', start, end };
  return { kind: 'ok', start, end };
}

/** Whether Docker accepts the host IP of a port spec (an IPv4 or IPv6 address, IPv6 possibly in brackets). */
export function isValidHostIp(text: string): boolean {
  let ip = text;
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) return false;
    ip = ip.slice(1, -1);
  }
  return isIP(ip) !== 0;
}

/**
 * Whether Docker accepts a port spec without variables: a valid IP, valid port
 * ranges of matching sizes (a single container port may take a host range) and
 * a known protocol.
 */
export function isValidPortSpec(spec: PortSpec): boolean {
  if (spec.ip && !isValidHostIp(spec.ip.text)) return false;
  const container = parsePortRange(spec.containerPort.text);
  if (container.kind !== 'ok') return false;
  if (spec.protocol && !(PROTOCOLS as readonly string[]).includes(spec.protocol.text.toLowerCase())) return false;
  if (spec.hostPort) {
    const host = parsePortRange(spec.hostPort.text);
    if (host.kind !== 'ok') return false;
    if (host.end - host.start !== container.end - container.start && container.end !== container.start) return false;
  }
  return true;
}

export interface ExposeWord {
  /** The spec as written, with file offsets. */
  readonly spec: PortSpec;
  /**
   * The specs after expanding the ARG and ENV values in scope (one written word can
   * become several), with quotes removed; undefined when a variable has no known value.
   * Their offsets all point at the start of the written word.
   */
  readonly expanded: readonly PortSpec[] | undefined;
}

/** The port specs of an EXPOSE instruction (or ONBUILD EXPOSE trigger). */
export function exposeWords(file: DockerfileModel, instruction: Instruction): ExposeWord[] {
  if (instruction.keyword !== 'EXPOSE') return [];
  return instruction.args.map((word) => {
    const spec = parsePortSpec(word.value, word.start);
    let expanded: PortSpec[] | undefined;
    const value = word.value.includes('$') ? file.expand(word.value, instruction.state) : word.value;
    if (!/\$(\{|[A-Za-z_])/.test(value)) {
      expanded = value
        .replace(/["']/g, '')
        .split(/\s+/)
        .filter((piece) => piece !== '')
        .map((piece) => parsePortSpec(piece, word.start));
    }
    return { spec, expanded };
  });
}
