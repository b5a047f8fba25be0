/**
 * What counts as development-only in a Dockerfile: requirement files and
 * extras named for dev/test/lint, commands that need dev tools (builds, tests,
 * linters), and files or stages that are meant to hold dev tools.
 */
import type { ShellWord, SimpleCommand } from '../shell/ast.js';
import type { Ecosystem } from './package-managers.js';

/** Words that name a development-only set of packages. */
const DEV_WORD = /^(dev|devel|develop|development|test|tests|testing|lint|linting|linter|linters|qa|tox|check|checks|ci|typing|typecheck)$/i;

function tokens(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/**
 * A pip requirement file named for dev/test/lint: `requirements-dev.txt`,
 * `requirements_test.txt`, `requirements/test.txt`, `dev-requirements.txt`,
 * `requirements.dev.in`, `test_requirements.txt`.
 */
export function isDevRequirementsFile(path: string): boolean {
  if (path.includes('$')) return false;
  const parts = path.split('/').filter(Boolean);
  const base = parts.pop() ?? '';
  const stem = base.replace(/\.(txt|in|pip|lock)$/i, '');
  const words = tokens(stem);
  if (words.some((word) => /^requirements?$|^reqs?$/i.test(word))) return words.some((word) => DEV_WORD.test(word));
  // requirements/test.txt, requirements/dev.txt
  const dir = parts[parts.length - 1] ?? '';
  return /^requirements?$|^reqs?$/i.test(dir) && words.length > 0 && words.every((word) => DEV_WORD.test(word));
}

/** The extras of a local project operand (`.[dev,test]`, `./pkg[lint]`, `-e .[test]`) that are dev-only. */
export function devExtras(operand: string): { extras: string[]; dev: string[] } | undefined {
  const match = /^(\.{1,2}(?:\/[^[\]]*)?|\/[^[\]]*|[A-Za-z0-9_./-]*)\[([^\]]*)\]$/.exec(operand);
  if (!match || !/^(\.|\/)/.test(match[1])) return undefined;
  const extras = match[2].split(',').map((extra) => extra.trim()).filter(Boolean);
  const dev = extras.filter((extra) => tokens(extra).some((word) => DEV_WORD.test(word)) || extra === 'all');
  return dev.length > 0 ? { extras, dev } : undefined;
}

/** Folders that hold tests, fixtures or dev-container setups rather than images that ship. */
const DEV_FOLDER = /^(tests?|testdata|testing|__tests__|e2e|fixtures?|\.?devcontainers?)$/i;

/**
 * A Dockerfile meant for development or tests: `Dockerfile.dev`, `test.Dockerfile`,
 * `.devcontainer/Dockerfile`, `tests/…/Dockerfile`, `app_dev/Dockerfile`.
 */
export function isDevDockerfilePath(path: string): boolean {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const base = parts.pop() ?? '';
  if (parts.some((part, index) => DEV_FOLDER.test(part) && !/^(home|users)$/i.test(parts[index - 1] ?? ''))) return true;
  const parent = parts[parts.length - 1] ?? '';
  if (tokens(parent).some((word) => isDevName(word))) return true;
  const words = tokens(base.toLowerCase()).filter((word) => word !== 'dockerfile' && word !== 'containerfile');
  return words.some((word) => isDevName(word) || word === 'tilt' || word === 'skaffold');
}

/** A stage name meant for development, tests or debugging: `dev`, `test`, `ci`, `debug`, `app-dev`. */
export function isDevStageName(name: string | undefined): boolean {
  if (!name) return false;
  return tokens(name).some((word) => isDevName(word));
}

function isDevName(word: string): boolean {
  return /^(dev|devel|develop|development|test|tests|testing|ci|debug|lint|e2e|local|devcontainer|unittest|unittests|integration)$/i.test(word);
}

/** Programs that are build, test or lint tools installed as dev dependencies. */
const NODE_TOOLS = new Set([
  'tsc', 'webpack', 'webpack-cli', 'vite', 'rollup', 'esbuild', 'babel', 'nest', 'next', 'nuxt', 'nuxi', 'ng', 'gulp', 'grunt',
  'jest', 'vitest', 'mocha', 'ava', 'eslint', 'prettier', 'tsup', 'parcel', 'swc', 'turbo', 'nx', 'lerna', 'react-scripts',
  'vue-cli-service', 'svelte-kit', 'astro', 'remix', 'gatsby', 'ts-node', 'tsx', 'playwright', 'cypress', 'quasar', 'ember',
  'craco', 'unbuild', 'rspack', 'microbundle', 'prisma', 'tailwindcss', 'postcss', 'sass', 'lessc', 'storybook', 'vue-tsc',
]);
const PYTHON_TOOLS = new Set([
  'pytest', 'py.test', 'tox', 'nox', 'mypy', 'ruff', 'flake8', 'pylint', 'black', 'isort', 'coverage', 'bandit', 'pyright',
  'sphinx-build', 'mkdocs', 'pre-commit',
]);
const RUBY_TOOLS = new Set(['rspec', 'rubocop', 'cucumber', 'brakeman']);
const PHP_TOOLS = new Set(['phpunit', 'phpstan', 'psalm', 'php-cs-fixer', 'phpcs', 'pest', 'rector']);

/** Subcommands of yarn, pnpm and bun that are not package.json scripts. */
const YARN_BUILTINS = new Set([
  '', 'install', 'add', 'remove', 'upgrade', 'up', 'cache', 'config', 'global', 'info', 'init', 'link', 'unlink', 'pack', 'publish',
  'set', 'plugin', 'workspaces', 'why', 'list', 'licenses', 'autoclean', 'check', 'import', 'bin', 'dlx', 'node', 'version', 'npm',
  'audit', 'dedupe', 'constraints', 'rebuild', 'patch', 'login', 'logout', 'owner', 'policies', 'tag', 'team', 'generate-lock-entry',
  'start', 'serve', 'help', 'env',
]);
const PNPM_BUILTINS = new Set([
  '', 'install', 'i', 'add', 'remove', 'rm', 'update', 'up', 'fetch', 'prune', 'store', 'config', 'link', 'unlink', 'import', 'rebuild',
  'deploy', 'pack', 'publish', 'list', 'ls', 'why', 'outdated', 'audit', 'env', 'setup', 'root', 'bin', 'install-test', 'start', 'serve',
  'dedupe', 'patch', 'licenses', 'server', 'self-update', 'approve-builds', 'help',
]);

function baseName(program: string): string {
  return program.split('/').pop() ?? program;
}

/** The first word after a tool's global flags. */
function firstOperand(args: readonly ShellWord[]): { word: ShellWord; index: number } | undefined {
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    if (value === '--prefix' || value === '--cwd' || value === '-C' || value === '--dir' || value === '--filter' || value === '-F' || value === '-w' || value === '--workspace') {
      index++;
      continue;
    }
    if (value.startsWith('-')) continue;
    return { word: args[index], index };
  }
  return undefined;
}

/**
 * When a command runs a build, test or lint step that needs dev dependencies
 * of `ecosystem`, the step as written for messages (`npm run build`).
 */
export function devToolStep(command: SimpleCommand, ecosystem: Ecosystem): string | undefined {
  if (!command.name) return undefined;
  const words = [command.name, ...command.args];
  let start = 0;
  while (start < words.length && /^(sudo|env|exec|time|nice|command)$/.test(baseName(words[start].value))) {
    const sudo = baseName(words[start].value) === 'sudo';
    start++;
    while (start < words.length && (words[start].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[start].value))) {
      start += sudo && /^-[ugCDhpRrTt]$/.test(words[start].value) ? 2 : 1;
    }
  }
  if (start >= words.length) return undefined;
  const program = baseName(words[start].value);
  const rest = words.slice(start + 1);
  const shown = (count: number) => words.slice(start, start + 1 + count).map((word) => word.value).join(' ');
  const operand = firstOperand(rest);
  const sub = operand?.word.value ?? '';
  const upTo = operand ? operand.index + 1 : 0;

  switch (ecosystem) {
    case 'node': {
      if (words[start].value.includes('node_modules/.bin/')) return shown(0);
      if (NODE_TOOLS.has(program)) return shown(Math.min(1, rest.length));
      if (program === 'npx' || program === 'bunx' || program === 'pnpx') return operand ? shown(upTo) : undefined;
      if (program === 'npm') {
        if (['run', 'run-script', 'rum', 'urn', 'test', 't', 'tst', 'exec', 'x'].includes(sub)) {
          const script = firstOperand(rest.slice(upTo));
          return script && (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') ? shown(upTo + script.index + 1) : shown(upTo);
        }
        return undefined;
      }
      if (program === 'yarn' || program === 'yarnpkg') {
        if (!operand || YARN_BUILTINS.has(sub)) return undefined;
        if (sub === 'run' || sub === 'exec') {
          const script = firstOperand(rest.slice(upTo));
          return script && !['start', 'serve'].includes(script.word.value) ? shown(upTo + script.index + 1) : undefined;
        }
        return shown(upTo);
      }
      if (program === 'pnpm') {
        if (!operand || PNPM_BUILTINS.has(sub)) return undefined;
        if (sub === 'run' || sub === 'exec' || sub === 'dlx') {
          const script = firstOperand(rest.slice(upTo));
          return script && !['start', 'serve'].includes(script.word.value) ? shown(upTo + script.index + 1) : undefined;
        }
        return shown(upTo);
      }
      if (program === 'bun') {
        if (sub === 'build' || sub === 'test') return shown(upTo);
        if (sub === 'run' || sub === 'x') {
          const script = firstOperand(rest.slice(upTo));
          return script && !['start', 'serve'].includes(script.word.value) ? shown(upTo + script.index + 1) : undefined;
        }
        return undefined;
      }
      return undefined;
    }
    case 'python': {
      if (PYTHON_TOOLS.has(program)) return shown(0);
      if (/^python[\d.]*$/.test(program)) {
        const m = rest.findIndex((word) => word.value === '-m');
        if (m >= 0 && rest[m + 1] && PYTHON_TOOLS.has(rest[m + 1].value)) return shown(m + 2);
        return undefined;
      }
      if ((program === 'poetry' || program === 'uv' || program === 'pipenv' || program === 'hatch') && sub === 'run') {
        const tool = firstOperand(rest.slice(upTo));
        if (!tool) return undefined;
        const name = baseName(tool.word.value);
        if (PYTHON_TOOLS.has(name)) return shown(upTo + tool.index + 1);
        if (/^python[\d.]*$/.test(name)) {
          const after = rest.slice(upTo + tool.index + 1);
          const m = after.findIndex((word) => word.value === '-m');
          if (m >= 0 && after[m + 1] && PYTHON_TOOLS.has(after[m + 1].value)) return shown(upTo + tool.index + 1 + m + 2);
        }
      }
      if (program === 'tox' || program === 'nox') return shown(0);
      return undefined;
    }
    case 'ruby': {
      if (RUBY_TOOLS.has(program)) return shown(0);
      if ((program === 'bundle' || program === 'bundler') && sub === 'exec') {
        const tool = firstOperand(rest.slice(upTo));
        if (!tool) return undefined;
        const name = baseName(tool.word.value);
        const next = rest[upTo + tool.index + 1]?.value ?? '';
        if (RUBY_TOOLS.has(name) || ((name === 'rake' || name === 'rails') && /^(test|spec)(:|$)/.test(next))) {
          return shown(Math.min(rest.length, upTo + tool.index + 2));
        }
      }
      return undefined;
    }
    case 'php': {
      if (PHP_TOOLS.has(program) || (words[start].value.includes('vendor/bin/') && program !== 'doctrine')) return shown(0);
      if (/^composer(\.phar)?$/.test(program) && (sub === 'test' || sub === 'lint' || ((sub === 'run' || sub === 'run-script') && /^(test|tests|lint|phpunit|phpstan|analyse|analyze|cs)/.test(firstOperand(rest.slice(upTo))?.word.value ?? '')))) {
        return shown(upTo);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A path that holds installed packages of an ecosystem (`node_modules`, a virtualenv, `vendor`). */
export function dependencyDirEcosystem(path: string): Ecosystem | undefined {
  if (/(^|\/)node_modules(\/|$)/.test(path)) return 'node';
  if (/(^|\/)(\.?venv|virtualenv|\.virtualenvs)(\/|$)|(^|\/)site-packages(\/|$)/.test(path)) return 'python';
  if (/(^|\/)vendor\/bundle(\/|$)|^\/usr\/local\/bundle(\/|$)/.test(path)) return 'ruby';
  if (/(^|\/)vendor\/?$/.test(path)) return 'php';
  return undefined;
}

/**
 * A container command that starts a dev server, a watcher or the tests
 * (`npm run dev`, `nodemon`, `uvicorn --reload`, `yarn test`): the image is
 * meant for development, so its dev dependencies are wanted.
 */
export function isDevCommand(words: readonly string[]): boolean {
  return words.some((word, index) => {
    const base = baseName(word);
    if (['nodemon', 'ts-node-dev', 'tsx', 'vite', 'webpack-dev-server', 'pytest', 'jest', 'vitest'].includes(base)) return true;
    if (/^--(reload|watch|dev)$/.test(word)) return true;
    if (/^(npm|yarn|pnpm|bun)$/.test(base)) {
      const rest = words.slice(index + 1).filter((other) => !other.startsWith('-'));
      const script = rest[0] === 'run' || rest[0] === 'run-script' ? rest[1] : rest[0];
      return script !== undefined && /^(dev|develop|watch|test|tests|t|storybook)([:-].*)?$|^(start|serve)[:-]dev$/.test(script);
    }
    return /^(next|nuxt|nuxi|astro|ng)$/.test(base) && /^(dev|serve)$/.test(words[index + 1] ?? '');
  });
}
