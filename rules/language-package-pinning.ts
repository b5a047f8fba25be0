import type { DockerfileRule, Report } from '../src/types.js';
import type { ShellWord } from '../src/shell/ast.js';
import { instructionsWithTriggers, report } from '../src/rule-kit.js';
import { readPackageCommand } from '../src/knowledge/package-managers.js';
import type { PackageCommand } from '../src/knowledge/package-managers.js';
import { hasOption, parseArgs } from '../src/knowledge/shell-commands.js';
import type { OptionSpec } from '../src/knowledge/shell-commands.js';

type Language = 'pip' | 'npm' | 'gem' | 'go';

const CODES: Readonly<Record<Language, string>> = { pip: 'DL3013', npm: 'DL3016', gem: 'DL3028', go: 'DL3062' };

/** Options that take a value, so their values are not read as package names. */
const OPTIONS: Readonly<Record<Exclude<Language, 'go'>, OptionSpec>> = {
  pip: {
    shortWithValue: 'rcieftbp',
    longWithValue: [
      '--requirement', '--constraint', '--index-url', '--extra-index-url', '--find-links', '--target', '--prefix', '--root',
      '--cache-dir', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--only-binary',
      '--no-binary', '--editable', '--src', '--progress-bar', '--timeout', '--retries', '--log', '--proxy',
      '--upgrade-strategy', '--build', '--global-option', '--install-option', '--config-settings', '--report',
      // uv pip install
      '--requirements', '--constraints', '--overrides', '--override', '--build-constraints', '--build-constraint', '--index',
      '--default-index', '--python', '--python-preference', '--python-platform', '--index-strategy', '--resolution',
      '--prerelease', '--exclude-newer', '--keyring-provider', '--link-mode', '--torch-backend', '--config-setting',
      '--refresh-package', '--reinstall-package', '--upgrade-package', '--extra', '--group', '--fork-strategy',
      '--allow-insecure-host', '--project', '--directory', '--config-file', '--color',
    ],
  },
  npm: {
    shortWithValue: 'wC',
    longWithValue: ['--prefix', '--registry', '--cache', '--omit', '--include', '--workspace', '--loglevel', '--tag', '--userconfig', '--install-strategy', '--before'],
  },
  gem: {
    shortWithValue: 'vinsPg',
    longWithValue: ['--version', '--install-dir', '--bindir', '--source', '--platform', '--trust-policy', '--file', '--build-root', '--document', '--target-rbconfig'],
  },
};

/** go build flags are single-dash words; these take the next word as their value. */
const GO_VALUE_FLAGS = new Set([
  '-o', '-ldflags', '-gcflags', '-asmflags', '-tags', '-mod', '-modfile', '-p', '-C', '-pkgdir', '-toolexec', '-overlay',
  '-pgo', '-exec', '-buildmode', '-compiler', '-gccgoflags', '-installsuffix', '-covermode', '-coverpkg',
]);

/** The packaging tools pip manages itself (`pip install --upgrade pip setuptools wheel`). */
const PIP_TOOLING = new Set(['pip', 'setuptools', 'wheel']);
/** Go version queries that name no fixed version. */
const GO_MOVING = new Set(['latest', 'upgrade', 'patch', 'master', 'main', 'head', 'HEAD', 'none']);

const rule: DockerfileRule = {
  meta: {
    id: 'language-package-pinning',
    description: 'pip, npm, gem and go installs of named packages should pin a version, so rebuilds install the same code.',
    category: 'maintainability',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL3013', 'DL3016', 'DL3028', 'DL3062'],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      if (!run || run.shellKind !== 'posix') continue;
      const pipConstrained = ['PIP_CONSTRAINT', 'UV_CONSTRAINT', 'PIP_NO_INDEX'].some((name) => instruction.state.env.has(name));
      for (const command of run.commands) {
        const read = readPackageCommand(command);
        if (!read) continue;
        const finding = unpinned(read, pipConstrained);
        if (!finding) continue;
        const names = finding.packages.map((word) => word.value);
        reports.push(report({ start: command.start, end: command.end }, messageFor(finding.language, finding.label, names), { codes: [CODES[finding.language]] }));
      }
    }
    return reports;
  },
};
export default rule;

interface Finding {
  readonly language: Language;
  readonly label: string;
  readonly packages: readonly ShellWord[];
}

function unpinned(command: PackageCommand, pipConstrained: boolean): Finding | undefined {
  const sub = command.subcommand;
  if ((command.tool === 'pip' && sub === 'install') || (command.tool === 'uv' && sub === 'pip install')) {
    const parsed = parseArgs(command.args, OPTIONS.pip);
    // Constraints files and local wheel directories decide the versions.
    if (pipConstrained || hasOption(parsed, '-c', '--constraint', '--constraints', '--no-index', '--override', '--overrides')) return undefined;
    const packages = parsed.operands.filter((word) => !word.dynamic && !PIP_TOOLING.has(pipName(word.value)) && !pipPinned(word.value));
    return packages.length > 0 ? { language: 'pip', label: command.tool === 'uv' ? 'uv pip install' : 'pip install', packages } : undefined;
  }
  if (command.tool === 'npm' && ['install', 'i', 'in', 'add', 'isntall'].includes(sub)) {
    const parsed = parseArgs(command.args, OPTIONS.npm);
    const packages = parsed.operands.filter((word) => !word.dynamic && !npmPinned(word.value));
    const global = hasOption(parsed, '-g', '--global');
    return packages.length > 0 ? { language: 'npm', label: `npm ${sub}${global ? ' -g' : ''}`, packages } : undefined;
  }
  if (command.tool === 'gem' && (sub === 'install' || sub === 'i')) {
    const parsed = parseArgs(command.args, OPTIONS.gem);
    if (hasOption(parsed, '-v', '--version', '-g', '--file')) return undefined;
    const packages = parsed.operands.filter((word) => !word.dynamic && !gemPinned(word.value));
    return packages.length > 0 ? { language: 'gem', label: `gem ${sub}`, packages } : undefined;
  }
  if (command.tool === 'go' && ['install', 'get', 'run'].includes(sub)) {
    const all = goOperands(command.args);
    // `go run pkg@v1 args…`: only the first operand of go run is a package.
    const operands = sub === 'run' ? all.slice(0, 1) : all;
    const packages = operands.filter((word) => !word.dynamic && goUnpinned(word.value, sub));
    return packages.length > 0 ? { language: 'go', label: `go ${sub}`, packages } : undefined;
  }
  return undefined;
}

function messageFor(language: Language, label: string, names: readonly string[]): string {
  const list = names.length === 1 ? `\`${names[0]}\`` : names.map((name) => `\`${name}\``).join(', ');
  const them = names.length === 1 ? 'it' : 'them';
  const example = names[0].replace(/@(latest|upgrade|patch|master|main|head|HEAD|none|\*|x)?$/, '');
  switch (language) {
    case 'pip': {
      const pin = /^(git|hg|svn|bzr)(\+|:)/.test(example) ? `${example}@<tag or commit>` : `${example}==<version>`;
      return `\`${label}\` installs ${list} at whatever version is newest when the image builds. Pin ${them} (\`${pin}\`) or install from a requirements or constraints file.`;
    }
    case 'npm':
      return `\`${label}\` installs ${list} at whatever version is newest when the image builds. Pin ${them} (\`${example}@<version>\`).`;
    case 'gem':
      return `\`${label}\` installs ${list} at whatever version is newest when the image builds. Pin ${them} (\`${example}:<version>\` or -v <version>).`;
    case 'go':
      return `\`${label}\` fetches ${list} at whatever version is newest when the image builds. Pin ${them} (\`${example}@<version>\`).`;
  }
}

/** The project name of a requirement (`Flask[async]>=2` → `flask`). */
function pipName(requirement: string): string {
  return requirement.split(/[\s[<>=!~;@]/)[0].toLowerCase().replace(/_/g, '-');
}

/** A version specifier, a VCS URL at a ref, or a path, URL, wheel or archive (not a registry name). */
function pipPinned(requirement: string): boolean {
  if (/(===|==|>=|<=|~=|!=|<|>)/.test(requirement)) return true;
  if (/^(git|hg|svn|bzr)\+/.test(requirement) || requirement.startsWith('git://')) return /@[^/]+$/.test(requirement.replace(/#.*$/, '').replace(/^[^:]+:\/\/[^@/]*@/, ''));
  if (requirement === '.' || requirement.includes('/') || /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.test(requirement)) return true;
  // `pkg @ https://…` direct references
  return / @ /.test(requirement);
}

/** `pkg@1.2.3`, `@scope/pkg@^2`, tarballs, folders, git URLs at a commit or tag. */
function npmPinned(spec: string): boolean {
  if (spec === '.' || spec === '..' || /^(\.{0,2}\/|~\/|file:)/.test(spec) || /\.(tar|tar\.gz|tgz)$/.test(spec)) return true;
  if (/^(git(\+\w+)?:\/\/|github:|gitlab:|bitbucket:|https?:\/\/)/.test(spec) || (!spec.startsWith('@') && spec.includes('/'))) return spec.includes('#');
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at < 0) return false;
  const version = spec.slice(at + 1);
  return version !== '' && version !== 'latest' && version !== '*' && version !== 'x';
}

/** `name:1.2.3`, or a local `.gem` file. */
function gemPinned(gem: string): boolean {
  return gem.includes(':') || gem.endsWith('.gem') || gem.includes('/');
}

function goOperands(args: readonly ShellWord[]): ShellWord[] {
  const operands: ShellWord[] = [];
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    if (value === '--') continue;
    if (value.startsWith('-')) {
      if (!value.includes('=') && GO_VALUE_FLAGS.has(value.replace(/^--/, '-'))) index++;
      continue;
    }
    operands.push(args[index]);
  }
  return operands;
}

/**
 * `go install/run pkg@latest` and `go get pkg` (no version) pick the newest
 * release. `go install pkg` without a version builds what go.mod requires.
 * Local packages (`.`, `./cmd/x`, `tool`, paths without a domain) are the project.
 */
function goUnpinned(spec: string, subcommand: string): boolean {
  const at = spec.lastIndexOf('@');
  const path = at >= 0 ? spec.slice(0, at) : spec;
  if (/^(\.|\/|\.\.)/.test(path) || !path.split('/')[0].includes('.')) return false;
  if (at < 0) return subcommand === 'get';
  return GO_MOVING.has(spec.slice(at + 1));
}
