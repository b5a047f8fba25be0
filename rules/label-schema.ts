import type { DockerfileRule, OffsetRange, Report } from '../src/types.js';
import { instructionRange, instructionsWithTriggers, report, shippedTargets } from '../src/rule-kit.js';
import { stageChain } from '../src/knowledge/images.js';
import { propertyTexts } from '../src/knowledge/instructions.js';

type LabelType = 'text' | 'url' | 'rfc3339' | 'spdx' | 'hash' | 'semver' | 'email';

const TYPE_CODES: Readonly<Record<Exclude<LabelType, 'text'>, string>> = {
  url: 'DL3052',
  rfc3339: 'DL3053',
  spdx: 'DL3054',
  hash: 'DL3055',
  semver: 'DL3056',
  email: 'DL3058',
};

const rule: DockerfileRule = {
  meta: {
    id: 'label-schema',
    description: 'LABEL keys follow Docker\'s key format, and labels match the project\'s label schema when one is configured.',
    category: 'maintainability',
    severity: 'warning',
    fileKind: 'dockerfile',
    aliases: ['DL3048', 'DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
    defaultOptions: { schema: {}, strict: false },
  },
  check({ file, options, settings }) {
    const schema = readSchema(options.schema);
    const strict = options.strict === true && schema.size > 0;
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      if (instruction.keyword !== 'LABEL') continue;
      for (const pair of propertyTexts(file, instruction)) {
        const key = pair.property.name;
        const keyRange = { start: pair.property.start, end: pair.property.nameEnd };
        const problem = key.includes('$') ? undefined : keyProblem(key);
        if (problem) reports.push(report(keyRange, problem, { codes: ['DL3048'] }));
        if (schema.size === 0 || key.includes('$')) continue;
        const type = schema.get(key);
        if (type === undefined) {
          if (strict) reports.push(report(keyRange, `Label "${key}" is not in the label schema, which is strict: remove it or add it to the schema.`, { codes: ['DL3050'] }));
          continue;
        }
        // Values that come from build arguments are known only at build time.
        if (pair.hasVariable) continue;
        const value = pair.value ?? '';
        const valueRange: OffsetRange = pair.raw === '' ? keyRange : { start: pair.rawStart, end: pair.property.end };
        if (value.trim() === '') {
          reports.push(report(valueRange, `Label "${key}" is empty: give it a value or remove it.`, { codes: ['DL3051'] }));
          continue;
        }
        if (type === 'text') continue;
        const expected = typeProblem(type, value);
        if (expected) reports.push(report(valueRange, `Label "${key}" should be ${expected}, but it is "${shorten(value)}".`, { codes: [TYPE_CODES[type]] }));
      }
    }
    if (schema.size > 0) {
      for (const target of shippedTargets(file, settings)) {
        const present = new Set<string>();
        for (const stage of stageChain(target)) {
          for (const instruction of stage.instructions) {
            if (instruction.keyword === 'LABEL') for (const property of instruction.properties) present.add(property.name);
          }
        }
        for (const key of schema.keys()) {
          if (present.has(key)) continue;
          reports.push(report(instructionRange(target.from), `The image has no "${key}" label, which the label schema requires: add LABEL ${key}=… to this stage.`, { codes: ['DL3049'] }));
        }
      }
    }
    return reports;
  },
};

function readSchema(value: unknown): Map<string, LabelType> {
  const schema = new Map<string, LabelType>();
  if (!value || typeof value !== 'object' || Array.isArray(value)) return schema;
  for (const [key, type] of Object.entries(value as Record<string, unknown>)) {
    const name = typeof type === 'string' ? type.trim().toLowerCase() : 'text';
    schema.set(key, (['url', 'rfc3339', 'spdx', 'hash', 'semver', 'email'].includes(name) ? name : 'text') as LabelType);
  }
  return schema;
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

/** Extension labels Docker Desktop itself asks images to carry, although they sit in com.docker.*. */
const DOCKER_EXTENSION_KEYS = /^com\.docker\.(desktop\.)?extension\./;

function keyProblem(key: string): string | undefined {
  const reserved = ['com.docker.', 'io.docker.', 'org.dockerproject.'].find((prefix) => key.startsWith(prefix));
  if (reserved && !DOCKER_EXTENSION_KEYS.test(key)) {
    return `Label key "${key}" is in the ${reserved}* namespace, which Docker reserves for its own use: use your own reverse-DNS prefix.`;
  }
  if (isValidKey(key)) return undefined;
  if (isValidKey(key.toLowerCase())) return `Label key "${key}" has uppercase letters, but label keys are lowercase: write "${key.toLowerCase()}".`;
  return `Label key "${key}" should use only lowercase letters, digits, "." and "-", start with a letter, end with a letter or digit, and never repeat "." or "-".`;
}

function isValidKey(key: string): boolean {
  return /^[a-z]([a-z0-9.-]*[a-z0-9])?$/.test(key) && !key.includes('..') && !key.includes('--');
}

/** What the value should be, when it is not. */
function typeProblem(type: Exclude<LabelType, 'text'>, value: string): string | undefined {
  switch (type) {
    case 'url':
      return isUrl(value) ? undefined : 'an absolute URL (https://…)';
    case 'rfc3339':
      return isRfc3339(value) ? undefined : 'an RFC 3339 timestamp (2024-05-01T12:00:00Z)';
    case 'spdx':
      return isSpdxExpression(value) ? undefined : 'an SPDX license expression (MIT, Apache-2.0 OR MIT, LicenseRef-…)';
    case 'hash':
      return /^([0-9a-f]{7,40}|[0-9a-f]{64})$/i.test(value) ? undefined : 'a git commit hash (7 to 40 hex digits)';
    case 'semver':
      return isSemver(value) ? undefined : 'a semantic version (1.4.2, 2.0.0-rc.1)';
    case 'email':
      return isEmail(value) ? undefined : 'an email address (name@example.com)';
  }
}

function isUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function isRfc3339(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = match[9] === undefined || (Number(match[9]) < 24 && Number(match[10]) < 60);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second <= 60 && offsetOk;
}

/** Semantic Versioning 2.0.0; a leading "v" (as in git tags) is accepted. */
function isSemver(value: string): boolean {
  const number = '(0|[1-9]\\d*)';
  const identifier = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
  const pattern = new RegExp(`^v?${number}\\.${number}\\.${number}(?:-${identifier}(?:\\.${identifier})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);
  return pattern.test(value);
}

/** An RFC 5322 addr-spec (local@domain), without display names or comments. */
function isEmail(value: string): boolean {
  const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  const local = `(?:${atom}(?:\\.${atom})*|"(?:[^"\\\\\\r\\n]|\\\\.)*")`;
  const label = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
  const domain = `(?:${label}(?:\\.${label})*|\\[[^\\[\\]\\\\\\s]*\\])`;
  return new RegExp(`^${local}@${domain}$`).test(value) && value.length <= 320;
}

/**
 * SPDX identifiers dockfix knows: the licenses most software uses, OSI and
 * FSF approved ones, and the deprecated short forms (GPL-2.0, LGPL-2.1+) that
 * SPDX still accepts. Matched case-insensitively, as SPDX asks.
 */
const SPDX_LICENSES = new Set([
  '0BSD', 'AAL', 'AFL-1.1', 'AFL-1.2', 'AFL-2.0', 'AFL-2.1', 'AFL-3.0', 'AGPL-1.0', 'AGPL-1.0-only', 'AGPL-1.0-or-later',
  'AGPL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.0', 'Apache-1.1', 'Apache-2.0', 'APL-1.0', 'APSL-1.0',
  'APSL-1.1', 'APSL-1.2', 'APSL-2.0', 'Artistic-1.0', 'Artistic-1.0-cl8', 'Artistic-1.0-Perl', 'Artistic-2.0', 'BitTorrent-1.1',
  'BlueOak-1.0.0', 'BSD-1-Clause', 'BSD-2-Clause', 'BSD-2-Clause-Patent', 'BSD-2-Clause-Views', 'BSD-3-Clause',
  'BSD-3-Clause-Clear', 'BSD-3-Clause-LBNL', 'BSD-3-Clause-Attribution', 'BSD-4-Clause', 'BSD-Source-Code', 'BSL-1.0',
  'BUSL-1.1', 'bzip2-1.0.6', 'CAL-1.0', 'CATOSL-1.1', 'CC-BY-1.0', 'CC-BY-2.0', 'CC-BY-2.5', 'CC-BY-3.0', 'CC-BY-4.0',
  'CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-ND-4.0', 'CC-BY-SA-3.0', 'CC-BY-SA-4.0', 'CC-PDDC', 'CC0-1.0', 'CDDL-1.0',
  'CDDL-1.1', 'CDLA-Permissive-1.0', 'CDLA-Permissive-2.0', 'CDLA-Sharing-1.0', 'CECILL-2.0', 'CECILL-2.1', 'CECILL-B',
  'CECILL-C', 'ClArtistic', 'CNRI-Python', 'CPAL-1.0', 'CPL-1.0', 'CUA-OPL-1.0', 'curl', 'ECL-1.0', 'ECL-2.0', 'EFL-1.0',
  'EFL-2.0', 'Elastic-2.0', 'Entessa', 'EPL-1.0', 'EPL-2.0', 'ErlPL-1.1', 'EUDatagrid', 'EUPL-1.0', 'EUPL-1.1', 'EUPL-1.2',
  'Fair', 'Frameworx-1.0', 'FSFAP', 'FSFUL', 'FSFULLR', 'FTL', 'GFDL-1.1', 'GFDL-1.1-only', 'GFDL-1.1-or-later', 'GFDL-1.2',
  'GFDL-1.2-only', 'GFDL-1.2-or-later', 'GFDL-1.3', 'GFDL-1.3-only', 'GFDL-1.3-or-later', 'GPL-1.0', 'GPL-1.0+',
  'GPL-1.0-only', 'GPL-1.0-or-later', 'GPL-2.0', 'GPL-2.0+', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-2.0-with-classpath-exception',
  'GPL-3.0', 'GPL-3.0+', 'GPL-3.0-only', 'GPL-3.0-or-later', 'GPL-3.0-with-GCC-exception', 'HPND', 'ICU', 'IJG', 'Imlib2',
  'Intel', 'IPA', 'IPL-1.0', 'ISC', 'JSON', 'LAL-1.2', 'LAL-1.3', 'LGPL-2.0', 'LGPL-2.0+', 'LGPL-2.0-only', 'LGPL-2.0-or-later',
  'LGPL-2.1', 'LGPL-2.1+', 'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0', 'LGPL-3.0+', 'LGPL-3.0-only', 'LGPL-3.0-or-later',
  'LGPLLR', 'Libpng', 'libpng-2.0', 'libtiff', 'LiLiQ-P-1.1', 'LiLiQ-R-1.1', 'LiLiQ-Rplus-1.1', 'LPL-1.0', 'LPL-1.02',
  'LPPL-1.3c', 'MirOS', 'MIT', 'MIT-0', 'MIT-CMU', 'MIT-Modern-Variant', 'Motosoto', 'MPL-1.0', 'MPL-1.1', 'MPL-2.0',
  'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-1.0', 'MulanPSL-2.0', 'Multics', 'NASA-1.3', 'Naumen',
  'NCSA', 'NGPL', 'Nokia', 'NPOSL-3.0', 'NTP', 'ODbL-1.0', 'OFL-1.0', 'OFL-1.1', 'OGTSL', 'OLDAP-2.8', 'OpenSSL', 'OPL-1.0',
  'OSET-PL-2.1', 'OSL-1.0', 'OSL-2.0', 'OSL-2.1', 'OSL-3.0', 'PDDL-1.0', 'PHP-3.0', 'PHP-3.01', 'PostgreSQL', 'PSF-2.0',
  'Python-2.0', 'Python-2.0.1', 'QPL-1.0', 'RPL-1.1', 'RPL-1.5', 'RPSL-1.0', 'RSCPL', 'Ruby', 'SGI-B-2.0', 'SimPL-2.0',
  'SISSL', 'Sleepycat', 'SMLNJ', 'SPL-1.0', 'SSPL-1.0', 'UCL-1.0', 'Unicode-3.0', 'Unicode-DFS-2015', 'Unicode-DFS-2016',
  'Unlicense', 'UPL-1.0', 'Vim', 'VSL-1.0', 'W3C', 'W3C-20150513', 'Watcom-1.0', 'WTFPL', 'X11', 'XFree86-1.1', 'Xnet',
  'YPL-1.1', 'Zend-2.0', 'Zimbra-1.3', 'Zlib', 'zlib-acknowledgement', 'ZPL-1.1', 'ZPL-2.0', 'ZPL-2.1',
].map((id) => id.toLowerCase()));

const SPDX_EXCEPTIONS = new Set([
  '389-exception', 'Autoconf-exception-2.0', 'Autoconf-exception-3.0', 'Bison-exception-2.2', 'Bootloader-exception',
  'Classpath-exception-2.0', 'CLISP-exception-2.0', 'DigiRule-FOSS-exception', 'eCos-exception-2.0', 'Fawkes-Runtime-exception',
  'FLTK-exception', 'Font-exception-2.0', 'freertos-exception-2.0', 'GCC-exception-2.0', 'GCC-exception-3.1',
  'gnu-javamail-exception', 'GPL-3.0-linking-exception', 'GPL-3.0-linking-source-exception', 'GPL-CC-1.0',
  'i2p-gpl-java-exception', 'Libtool-exception', 'Linux-syscall-note', 'LLVM-exception', 'LZMA-exception', 'mif-exception',
  'OCaml-LGPL-linking-exception', 'OCCT-exception-1.0', 'OpenJDK-assembly-exception-1.0', 'openvpn-openssl-exception',
  'PS-or-PDF-font-exception-20170817', 'Qt-GPL-exception-1.0', 'Qt-LGPL-exception-1.1', 'Qwt-exception-1.0',
  'Swift-exception', 'u-boot-exception-2.0', 'Universal-FOSS-exception-1.0', 'WxWindows-exception-3.1',
].map((id) => id.toLowerCase()));

/** An SPDX license expression: identifiers (with `+`), LicenseRef-…, AND, OR, WITH and parentheses. */
function isSpdxExpression(value: string): boolean {
  const tokens = value.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let position = 0;
  const license = (): boolean => {
    const token = tokens[position];
    if (token === undefined) return false;
    if (token === '(') {
      position++;
      if (!expression() || tokens[position] !== ')') return false;
      position++;
      return true;
    }
    const known = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(token) || SPDX_LICENSES.has(token.toLowerCase())
      || (token.endsWith('+') && SPDX_LICENSES.has(token.slice(0, -1).toLowerCase()));
    if (!known) return false;
    position++;
    if (tokens[position] === 'WITH') {
      const exception = tokens[position + 1];
      if (exception === undefined || !(SPDX_EXCEPTIONS.has(exception.toLowerCase()) || /^(DocumentRef-[A-Za-z0-9.-]+:)?AdditionRef-[A-Za-z0-9.-]+$/.test(exception))) return false;
      position += 2;
    }
    return true;
  };
  const conjunction = (): boolean => {
    if (!license()) return false;
    while (tokens[position] === 'AND') {
      position++;
      if (!license()) return false;
    }
    return true;
  };
  const expression = (): boolean => {
    if (!conjunction()) return false;
    while (tokens[position] === 'OR') {
      position++;
      if (!conjunction()) return false;
    }
    return true;
  };
  return expression() && position === tokens.length;
}
export default rule;
