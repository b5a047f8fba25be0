import type { DockerfileRule, OffsetRange, Report } from '../src/types.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import type { DockerfileModel, Instruction, Property } from '../src/model/dockerfile.js';

/** Words that make a name look like it holds a secret (BuildKit's list, plus plurals and a few one-word forms). */
const SECRET_WORDS = new Set([
  'apikey', 'apikeys', 'auth', 'credential', 'credentials', 'key', 'keys', 'password', 'passwords', 'passwd', 'pword',
  'passphrase', 'secret', 'secrets', 'token', 'tokens', 'privatekey', 'secretkey', 'accesskey', 'accesstoken',
  'authtoken', 'apitoken',
]);

/** Words that, anywhere in a name, say the value is not secret (public values, placeholders, versions). */
const HARMLESS_ANYWHERE = new Set(['public', 'dummy', 'placeholder', 'example', 'sample', 'version']);

/** Words that say a key is a public one (GPG fingerprints, publishable keys, SSH authorized keys). */
const PUBLIC_KEY_WORDS = new Set([
  'pub', 'pubkey', 'publishable', 'anon', 'gpg', 'pgp', 'gnupg', 'fingerprint', 'authorized', 'trusted',
]);

/** Last words that say the value is about a secret (where it is, how it is used), not the secret itself. */
const HARMLESS_LAST = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'dirs', 'directory', 'folder', 'location', 'url', 'urls', 'uri', 'endpoint',
  'host', 'hostname', 'server', 'port', 'addr', 'address', 'socket', 'sock', 'method', 'methods', 'type', 'types', 'mode',
  'provider', 'plugin', 'enabled', 'enable', 'disabled', 'disable', 'required', 'name', 'length', 'size', 'bits', 'ttl',
  'expiry', 'expires', 'expiration', 'timeout', 'lifetime', 'interval', 'header', 'algorithm', 'alg', 'user', 'username',
  'email', 'format', 'prefix', 'suffix', 'realm', 'scope', 'scopes', 'issuer', 'audience', 'domain', 'backend', 'strategy',
  'policy', 'helper', 'command', 'cmd',
]);

/** Names that hold a path or a flag, whatever their words say. */
const HARMLESS_NAMES = new Set(['GOOGLE_APPLICATION_CREDENTIALS', 'APT_KEY_DONT_WARN_ON_DANGEROUS_USAGE']);

/** Values that cannot be a secret: flags, paths, URLs without credentials or query. */
const HARMLESS_VALUE = /^(?:true|false|yes|no|on|off|none|null|nil|enabled?|disabled?|[01]|(?:\/|~\/|\.\.?\/|[A-Za-z]:\\)\S*|https?:\/\/[^\s@?]+)$/i;

interface SecretPattern {
  readonly pattern: RegExp;
  readonly what: string;
}

/** Credentials recognisable by their shape alone. */
const SECRET_VALUES: readonly SecretPattern[] = [
  { pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, what: 'a private key' },
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b(?<!EXAMPLE)/, what: 'an AWS access key ID' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b/, what: 'a GitHub token' },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, what: 'a GitLab token' },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/, what: 'a Slack token' },
  { pattern: /\bnpm_[A-Za-z0-9]{36}\b/, what: 'an npm token' },
  { pattern: /\b[rs]k_live_[A-Za-z0-9]{20,}/, what: 'a Stripe live key' },
];

const rule: DockerfileRule = {
  meta: {
    id: 'secrets-in-arg-or-env',
    description: 'An ARG or ENV is named like a secret or holds one, and ARG and ENV values stay in the image history and config.',
    category: 'security',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['SecretsUsedInArgOrEnv'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const property of instruction.properties) {
        const found = checkProperty(file, instruction, property);
        if (found) reports.push(found);
      }
    }
    return reports;
  },
};

function checkProperty(file: DockerfileModel, instruction: Instruction, property: Property): Report | undefined {
  const keyword = instruction.keyword;
  const where = keyword === 'ARG'
    ? 'build arguments are recorded in the image history of the RUNs that use them'
    : 'ENV values are stored in the image config for anyone who pulls the image';
  const value = property.value;
  const secret = value === undefined ? undefined : SECRET_VALUES.find(({ pattern }) => pattern.test(value));
  if (secret) {
    return report(
      valueRange(file, property),
      `${keyword} ${property.name} holds ${secret.what} in plain text, and ${where}: revoke it and pass it with RUN --mount=type=secret (docker build --secret) instead.`,
    );
  }
  if (!namedLikeSecret(property.name)) return undefined;
  if (value !== undefined && !value.includes('$')) {
    if (HARMLESS_VALUE.test(value.trim())) return undefined;
    // An empty ENV holds nothing; an empty ARG default still takes --build-arg values.
    if (keyword === 'ENV' && value.trim() === '') return undefined;
  }
  const instead = keyword === 'ARG'
    ? 'pass it with RUN --mount=type=secret (docker build --secret) instead'
    : 'pass it with RUN --mount=type=secret (docker build --secret) at build time, or set it when the container runs';
  return report(
    { start: property.start, end: property.nameEnd },
    `${keyword} ${property.name} is named like a secret, and ${where}: ${instead}.`,
  );
}

/** Whether a variable name reads like it holds a password, token or key. */
function namedLikeSecret(name: string): boolean {
  if (HARMLESS_NAMES.has(name.toUpperCase())) return false;
  const words = name
    .replace(/OAuth/g, 'Oauth')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.-]+/)
    .filter((word) => word !== '');
  const secretWords = words.filter((word) => SECRET_WORDS.has(word));
  if (secretWords.length === 0) return false;
  if (words.some((word) => HARMLESS_ANYWHERE.has(word))) return false;
  const onlyKeys = secretWords.every((word) => word === 'key' || word === 'keys');
  if (onlyKeys && words.some((word) => PUBLIC_KEY_WORDS.has(word))) return false;
  // A reCAPTCHA/Turnstile site key is published in every page that uses it.
  if (onlyKeys && words.length >= 2 && words[words.length - 2] === 'site') return false;
  return !HARMLESS_LAST.has(words[words.length - 1]);
}

/** The value part of `NAME=value` or `NAME value`. */
function valueRange(file: DockerfileModel, property: Property): OffsetRange {
  let start = property.nameEnd;
  if (file.text[start] === '=') start++;
  else while (start < property.end && /\s/.test(file.text[start])) start++;
  return start < property.end ? { start, end: property.end } : { start: property.start, end: property.end };
}
export default rule;
