import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HclSyntaxError, parseHcl, UNKNOWN } from '../../src/context/hcl.js';
import { loadBuildProjects } from '../../src/context/projects.js';
import type { ProjectWarning } from '../../src/context/projects.js';
import { BuildContextProvider } from '../../src/context/provider.js';
import { findLintTargets, lintFile, lintFiles } from '../../src/lint.js';
import { main } from '../../src/cli.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A temp project: keys are relative paths, values contents. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dockfix-projects-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function load(root: string, names: string[]) {
  const warnings: ProjectWarning[] = [];
  const projects = loadBuildProjects(names.map((name) => join(root, name)), (warning) => warnings.push(warning));
  const builds = projects.builds.map((build) => ({
    origin: build.origin,
    dockerfile: build.dockerfile.slice(root.length + 1),
    context: build.context === root ? '.' : build.context.slice(root.length + 1),
    target: build.targetKnown ? build.target : '?',
  }));
  return { builds, warnings: warnings.map((warning) => `${warning.file.slice(root.length + 1)}: ${warning.message}`) };
}

describe('parseHcl', () => {
  it('reads blocks, labels, attributes and literal values', () => {
    const body = parseHcl([
      '# comment',
      'variable "TAG" { default = "latest" }',
      'target "app" {',
      '  context = "."   // trailing comment',
      '  /* block',
      '     comment */',
      '  inherits = ["base", "other",]',
      '  args = {',
      '    A = "1"',
      '    "B": 2, C = true',
      '  }',
      '  platforms = [',
      '    "linux/amd64",',
      '    "linux/arm64"',
      '  ]',
      '  quoted = "a \\"b\\" \\u00e9 $${literal}"',
      '  none = null',
      '}',
    ].join('\n'));
    expect(body.blocks.map((block) => [block.type, block.labels, block.line])).toEqual([['variable', ['TAG'], 2], ['target', ['app'], 3]]);
    const app = body.blocks[1].body.attributes;
    expect(app.get('context')).toBe('.');
    expect(app.get('inherits')).toEqual(['base', 'other']);
    expect(app.get('args')).toEqual({ A: '1', B: 2, C: true });
    expect(app.get('platforms')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(app.get('quoted')).toBe('a "b" é ${literal}');
    expect(app.get('none')).toBeNull();
  });

  it('marks what needs evaluation as UNKNOWN and reads on', () => {
    const body = parseHcl([
      'target "t" {',
      '  a = "${TAG}"',
      '  b = "x-${join(",", ["}", "{"])}-y"',
      '  c = notequal("a", "b") ? "x" : "y"',
      '  d = var.name',
      '  e = [for v in list : upper(v)]',
      '  f = { for k, v in map : k => v }',
      '  g = 1 + 2',
      '  h = <<EOT',
      '  text ${TAG}',
      '  EOT',
      '  i = <<-EOT',
      '    plain',
      '      indented',
      '    EOT',
      '  j = ["known", VAR]',
      '  k = "%{ if true }x%{ endif }"',
      '  l = (1)',
      '  m = !true',
      '  dockerfile = "Dockerfile"',
      '}',
    ].join('\n'));
    const attributes = body.blocks[0].body.attributes;
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k', 'l', 'm']) expect([key, attributes.get(key)]).toEqual([key, UNKNOWN]);
    expect(attributes.get('i')).toBe('plain\n  indented\n');
    expect(attributes.get('j')).toEqual(['known', UNKNOWN]);
    expect(attributes.get('dockerfile')).toBe('Dockerfile');
  });

  it.each([
    ['target "a" {\n  context = "."\n', /line 3.*"\}" is missing/],
    ['target "a" {\n  context = ".\n}\n', /line 2.*unterminated string/],
    ['target "a" {\n  = "x"\n}\n', /line 2, column 3/],
    ['}\n', /unexpected "\}"/],
    ['a = 1\nb c d\n', /line 2.*expected "=" or "\{" after "b"/],
    ['target "a" { x = 1 } y\n', /expected a line break/],
    ['x = ' + '['.repeat(200) + ']'.repeat(200) + '\n', /nested more than 64 levels/],
    ['x = <<EOT\nnever closed\n', /unterminated heredoc/],
  ])('reports a syntax error with its line: %j', (text, message) => {
    expect(() => parseHcl(text)).toThrow(HclSyntaxError);
    expect(() => parseHcl(text)).toThrow(message);
  });

  it('never throws anything but HclSyntaxError on mangled input', () => {
    const sample = 'variable "V" { default = "x" }\ntarget "a" {\n  context = "${V}/x"\n  args = { A = [1, "b", c(d)] }\n  h = <<EOT\nx\nEOT\n}\n';
    for (let cut = 0; cut < sample.length; cut++) {
      for (const text of [sample.slice(0, cut), sample.slice(cut), sample.slice(0, cut) + '"{[(' + sample.slice(cut)]) {
        try {
          parseHcl(text);
        } catch (error) {
          expect(error).toBeInstanceOf(HclSyntaxError);
        }
      }
    }
  });
});

describe('Compose files', () => {
  it('reads string and mapping builds relative to the file, with the Dockerfile relative to the context', () => {
    const root = project({
      'compose.yaml': [
        'x-base: &base',
        '  context: ./app',
        'services:',
        '  web:',
        '    build: ./web',
        '  api:',
        '    build:',
        '      <<: *base',
        '      dockerfile: ../docker/api.Dockerfile',
        '      target: prod',
        '  abs:',
        '    build:',
        '      context: /srv/abs',
        '  remote:',
        '    build: https://github.com/example/repo.git#main',
        '  git:',
        '    build: { context: "git@github.com:example/repo.git" }',
        '  inline:',
        '    build:',
        '      dockerfile_inline: "FROM alpine"',
        '  env:',
        '    build:',
        '      context: ${APP_DIR:-.}',
        '  envtarget:',
        '    build:',
        '      context: .',
        '      dockerfile: Dockerfile.$${literal}',
        '      target: ${STAGE}',
        '  db:',
        '    image: postgres',
      ].join('\n'),
    });
    const { builds, warnings } = load(root, ['compose.yaml']);
    expect(warnings).toEqual([]);
    expect(builds).toEqual([
      { origin: 'service "web"', dockerfile: 'web/Dockerfile', context: 'web', target: undefined },
      { origin: 'service "api"', dockerfile: 'docker/api.Dockerfile', context: 'app', target: 'prod' },
      { origin: 'service "abs"', dockerfile: resolve('/srv/abs/Dockerfile').slice(root.length + 1), context: resolve('/srv/abs').slice(root.length + 1), target: undefined },
      { origin: 'service "envtarget"', dockerfile: 'Dockerfile.${literal}', context: '.', target: '?' },
    ]);
  });

  it('uses the first Compose file by docker compose preference, merged with its override', () => {
    const root = project({
      'compose.yaml': 'services:\n  api:\n    build: .\n  web:\n    build: { context: web, target: prod }\n',
      'docker-compose.yml': 'services:\n  ignored:\n    build: ignored\n',
      'compose.override.yaml': 'services:\n  api:\n    build:\n      target: dev\n  web:\n    environment: { A: "1" }\n',
    });
    const { builds } = load(root, ['compose.yaml', 'docker-compose.yml', 'compose.override.yaml']);
    expect(builds).toEqual([
      { origin: 'service "api"', dockerfile: 'Dockerfile', context: '.', target: 'dev' },
      { origin: 'service "web"', dockerfile: 'web/Dockerfile', context: 'web', target: 'prod' },
    ]);
  });

  it.each([
    ['services: [\n', /compose\.yaml: not valid YAML/],
    ['- a\n- b\n', /compose\.yaml: a Compose file must be a mapping/],
    ['services: nope\n', /"services" must be a mapping/],
    ['services:\n  a:\n    build: 3\n  b:\n    build: .\n', /service "a": "build" must be a path or a mapping/],
    ['services:\n  a:\n    build: { context: [x] }\n', /service "a": build.context must be a string/],
    // An alias bomb is refused by the parser, not expanded.
    [['a: &a [x,x,x,x,x,x,x,x,x,x]', ...'abcd'.split('').map((name, index) => `${'bcde'[index]}: &${'bcde'[index]} [${`*${name},`.repeat(10).slice(0, -1)}]`)].join('\n'), /not valid YAML \(Excessive alias count/],
  ])('warns about a broken Compose file and goes on: %j', (text, message) => {
    const root = project({ 'compose.yaml': text, 'docker-bake.hcl': 'target "ok" {}\n' });
    const { builds, warnings } = load(root, ['compose.yaml', 'docker-bake.hcl']);
    expect(warnings).toEqual([expect.stringMatching(message)]);
    expect(builds.map((build) => build.origin)).toContain('target "ok"');
  });
});

describe('Bake files', () => {
  it('resolves inherits, skips templates and what cannot be evaluated, and merges files by target name', () => {
    const root = project({
      'docker-bake.hcl': [
        'variable "DIR" { default = "x" }',
        'group "default" { targets = ["app", "_shared"] }',
        'target "_base" {',
        '  context = "services/app"',
        '  dockerfile = "../../docker/app.Dockerfile"',
        '}',
        'target "_shared" { dockerfile = "Shared.Dockerfile" }',
        'target "app" {',
        '  inherits = ["_base"]',
        '  target = "runtime"',
        '}',
        'target "dev" {',
        '  inherits = ["app"]',
        '  target = "dev"',
        '}',
        'target "unknown-context" { context = "${DIR}" }',
        'target "unknown-dockerfile" { dockerfile = "${DIR}.Dockerfile" }',
        'target "unknown-target" {',
        '  context = "cwd://web"',
        '  target = lower("X")',
        '}',
        'target "remote" { context = "https://github.com/example/repo.git" }',
        'target "inline" { dockerfile-inline = "FROM alpine" }',
        'group "loops" { targets = ["loop-a"] }',
        'target "loop-a" { inherits = ["loop-b"] }',
        'target "loop-b" { inherits = ["loop-a"] }',
      ].join('\n'),
      'docker-bake.override.json': JSON.stringify({ target: { dev: { target: 'debug' }, json: { context: 'json', dockerfile: '${X}' } } }),
    });
    const { builds, warnings } = load(root, ['docker-bake.hcl', 'docker-bake.override.json']);
    expect(builds).toEqual([
      { origin: 'target "_shared"', dockerfile: 'Shared.Dockerfile', context: '.', target: undefined },
      { origin: 'target "app"', dockerfile: 'docker/app.Dockerfile', context: 'services/app', target: 'runtime' },
      { origin: 'target "dev"', dockerfile: 'docker/app.Dockerfile', context: 'services/app', target: 'debug' },
      { origin: 'target "unknown-target"', dockerfile: 'web/Dockerfile', context: 'web', target: '?' },
      { origin: 'target "loop-a"', dockerfile: 'Dockerfile', context: '.', target: undefined },
    ]);
    // "_base" is only inherited: a template. "app" is inherited too, but a group builds it.
    expect(warnings).toEqual(['docker-bake.hcl: target "loop-a" inherits from itself through "loop-a" → "loop-b" → "loop-a"; the loop is ignored']);
  });

  it('reads JSON Bake files', () => {
    const root = project({ 'docker-bake.json': JSON.stringify({ group: { default: { targets: ['api'] } }, target: { api: { context: 'api', target: 'prod' } } }) });
    expect(load(root, ['docker-bake.json']).builds).toEqual([{ origin: 'target "api"', dockerfile: 'api/Dockerfile', context: 'api', target: 'prod' }]);
  });

  it.each([
    ['docker-bake.hcl', 'target "a" {\n  context = \n}\n', /docker-bake\.hcl: not valid HCL \(line 2/],
    ['docker-bake.json', '{"target": ', /docker-bake\.json: not valid JSON/],
    ['docker-bake.json', '[1]', /must be an object/],
  ])('warns about a broken Bake file and keeps the others: %s %j', (name, text, message) => {
    const root = project({ [name]: text, 'docker-bake.override.hcl': 'target "ok" {}\n' });
    const { builds, warnings } = load(root, [name, 'docker-bake.override.hcl']);
    expect(warnings).toEqual([expect.stringMatching(message)]);
    expect(builds.map((build) => build.origin)).toEqual(['target "ok"']);
  });
});

describe('hostile project files', () => {
  it('survive absurd nesting with a warning for the file that cannot be read, keeping the others', () => {
    const root = project({
      'compose.yaml': `services:\n  a:\n    build: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
      'docker-bake.json': `{"target": {"deep": {"inherits": ${'['.repeat(100_000)}${']'.repeat(100_000)}}, "ok": {"context": "ok"}}}`,
      'docker-bake.hcl': `target "x" {\n  context = "${'${'.repeat(10_000)}"\n}\n`,
    });
    const { builds, warnings } = load(root, ['compose.yaml', 'docker-bake.json', 'docker-bake.hcl']);
    expect(warnings).toEqual([expect.stringMatching(/^compose\.yaml: not valid YAML/), expect.stringMatching(/^docker-bake\.hcl: not valid HCL .*nested more than 64/)]);
    expect(builds.map((build) => build.origin)).toEqual(['target "deep"', 'target "ok"']);
  });
});

describe('discovery with Compose and Bake files', () => {
  it('lints Dockerfiles a project file names, whatever their names, in walk order', () => {
    const root = project({
      '.git/HEAD': '',
      'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: build/api.df }\n  gone:\n    build: { context: ., dockerfile: build/missing.df }\n  out:\n    build: { context: ../elsewhere }\n',
      'build/api.df': 'FROM alpine:3.20\n',
      'build/Dockerfile': 'FROM alpine:3.20\n',
      'a/Dockerfile': 'FROM alpine:3.20\n',
      'vendor/odd.df': 'FROM alpine:3.20\n',
      '.gitignore': 'vendor/\n',
      'docker-bake.hcl': 'target "v" { dockerfile = "vendor/odd.df" }\n',
    });
    const warnings: string[] = [];
    const { discovery } = findLintTargets([root], { onWarning: (warning) => warnings.push(warning.message) });
    expect(discovery.targets.map((target) => target.path.slice(root.length + 1))).toEqual(['a/Dockerfile', 'build/Dockerfile', 'build/api.df']);
    expect(discovery.projectFiles.map((file) => file.slice(root.length + 1)).sort()).toEqual(['compose.yaml', 'docker-bake.hcl']);
    expect(warnings).toEqual(['service "gone" builds build/missing.df, which does not exist']);
  });

  it('finds project files above the linted path up to the repository root, not beyond', () => {
    const outer = project({ 'compose.yaml': 'services:\n  x:\n    build: repo/app\n' });
    mkdirSync(join(outer, 'repo', '.git'), { recursive: true });
    writeFileSync(join(outer, 'repo', 'docker-compose.yml'), 'services:\n  app:\n    build: { context: ., dockerfile: app/Dockerfile, target: prod }\n');
    mkdirSync(join(outer, 'repo', 'app'));
    writeFileSync(join(outer, 'repo', 'app', 'Dockerfile'), 'FROM alpine:3.20 AS prod\n');
    for (const path of [join(outer, 'repo', 'app'), join(outer, 'repo', 'app', 'Dockerfile')]) {
      const { discovery, builds } = findLintTargets([path], { cwd: outer });
      expect(discovery.projectFiles).toEqual([join(outer, 'repo', 'docker-compose.yml')]);
      expect(builds?.buildsOf(join(outer, 'repo', 'app', 'Dockerfile')).map((build) => build.context)).toEqual([join(outer, 'repo')]);
    }
  });

  it('outside a repository, searches up to the current directory only when the path is below it', () => {
    const root = project({ 'compose.yaml': 'services:\n  a:\n    build: app\n', 'app/Dockerfile': 'FROM alpine:3.20\n' });
    expect(findLintTargets([join(root, 'app')], { cwd: root }).discovery.projectFiles).toEqual([join(root, 'compose.yaml')]);
    expect(findLintTargets([join(root, 'app')], { cwd: join(root, 'app') }).discovery.projectFiles).toEqual([]);
    // The current directory is elsewhere: only the path itself is searched.
    expect(findLintTargets([join(root, 'app')], { cwd: join(root, 'elsewhere') }).discovery.projectFiles).toEqual([]);
    expect(findLintTargets([join(root, 'app', 'Dockerfile')], { cwd: join(root, 'elsewhere') }).discovery.projectFiles).toEqual([]);
  });

  it('does not read anything without project files', () => {
    const root = project({ Dockerfile: 'FROM alpine:3.20\n' });
    const { discovery, builds } = findLintTargets([root], { cwd: root });
    expect(builds).toBeUndefined();
    expect(discovery.projectFiles).toEqual([]);
  });
});

const ruleIds = (result: { diagnostics: readonly { ruleId: string }[] }) => result.diagnostics.map((d) => d.ruleId);

describe('linting with Compose and Bake builds', () => {
  const dockerfile = [
    'FROM node:22 AS dev',
    'COPY src /app/src',
    'CMD ["node", "/app/src/index.js"]',
    'FROM node:22 AS prod',
    'COPY dist /app',
    'USER node',
    'CMD ["node", "/app/index.js"]',
    '',
  ].join('\n');

  it('ships the union of the targets the builds name, unless --target is given', () => {
    const root = project({
      'compose.yaml': 'services:\n  api:\n    build: { context: ., target: prod }\n  dev:\n    build: { context: ., target: dev }\n',
      Dockerfile: dockerfile,
      'src/index.js': '',
      'dist/index.js': '',
    });
    const { builds } = findLintTargets([root], { cwd: root });
    const provider = new BuildContextProvider({ builds });
    // "dev" ships, and runs as root.
    expect(ruleIds(lintFile(join(root, 'Dockerfile'), { buildContexts: provider }))).toContain('non-root-user');
    expect(ruleIds(lintFile(join(root, 'Dockerfile'), { buildContexts: provider, targets: ['prod'] }))).not.toContain('non-root-user');
    expect(provider.targetsFor(join(root, 'Dockerfile'), dockerfile)).toEqual(['prod', 'dev']);
  });

  it('a build without a target adds the last stage by name; an unnamed one leaves the default', () => {
    const root = project({ 'compose.yaml': 'services:\n  a:\n    build: .\n  b:\n    build: { context: ., target: dev }\n' });
    const provider = new BuildContextProvider({ builds: loadBuildProjects([join(root, 'compose.yaml')]) });
    expect(provider.targetsFor(join(root, 'Dockerfile'), dockerfile)).toEqual(['dev', 'prod']);
    expect(provider.targetsFor(join(root, 'Dockerfile'), 'FROM alpine AS dev\nFROM alpine\n')).toBeUndefined();
    expect(provider.targetsFor(join(root, 'Other.Dockerfile'), dockerfile)).toBeUndefined();
  });

  it('runs the build-context rules in every context, once per finding, and says where a finding holds', () => {
    const root = project({
      '.git/HEAD': '',
      'compose.yaml': [
        'services:',
        '  root:',
        '    build: { context: ., dockerfile: app/Dockerfile, target: prod }',
        '  local:',
        '    build: { context: app, target: prod }',
      ].join('\n'),
      '.dockerignore': 'dist\nsrc\n',
      'dist/index.js': '',
      'src/index.js': '',
      'app/Dockerfile': dockerfile,
      'app/.dockerignore': 'tmp\nsrc\n',
      'app/dist/index.js': '',
      'app/src/index.js': '',
    });
    // The Compose file is found above the Dockerfile, up to the repository root.
    const [result] = lintFiles([join(root, 'app', 'Dockerfile')]);
    const copy = result.diagnostics.filter((d) => d.ruleId === 'dockerignore-excludes-copy-source').map((d) => [d.line, d.message]);
    expect(copy).toEqual([
      // src is excluded in both contexts: one finding, no context named.
      [2, expect.stringMatching(/^\.dockerignore excludes "src" \(pattern "src" on line 2\)/)],
      // dist only in the repository root's context.
      [5, expect.stringMatching(/^In build context "\.\.": \.dockerignore excludes "dist"/)],
    ]);
  });

  it('gives a .dockerignore the Dockerfiles that project files build in its directory', () => {
    const root = project({
      '.git/HEAD': '',
      'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: docker/api.Dockerfile }\n',
      '.dockerignore': 'dist\n',
      'docker/api.Dockerfile': 'FROM alpine:3.20\nCOPY dist /x\n',
      'dist/a': '',
    });
    const { builds } = findLintTargets([root], { cwd: root });
    const info = new BuildContextProvider({ builds }).forFile(join(root, '.dockerignore'), 'dockerignore');
    expect(info.dockerfiles.map((model) => model.path)).toEqual([join(root, 'docker', 'api.Dockerfile')]);
    // Without the Compose file the Dockerfile's context would be docker/, where nothing excludes dist.
    const [lint] = lintFiles([join(root, 'docker')]);
    expect(ruleIds(lint)).toContain('dockerignore-excludes-copy-source');
  });

  it('--context still wins over the contexts project files give', () => {
    const root = project({
      'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: docker/api.Dockerfile }\n',
      '.dockerignore': 'dist\n',
      'docker/api.Dockerfile': 'FROM alpine:3.20\nCOPY dist /x\n',
      'docker/dist/a': '',
    });
    const results = lintFiles([root], { contextDir: join(root, 'docker') });
    expect(ruleIds(results.find((result) => result.filePath.endsWith('api.Dockerfile'))!)).not.toContain('dockerignore-excludes-copy-source');
  });
});

describe('the CLI with project files', () => {
  async function run(args: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readStdin: async () => new Uint8Array(),
      cwd,
      env: {},
      stdoutIsTTY: false,
    });
    return { code, stdout, stderr };
  }

  it('warns about a broken Compose file, names it, and lints the rest with the same exit code', async () => {
    const root = project({ 'compose.yaml': 'services:\n  a: [\n', Dockerfile: 'FROM alpine:3.20\nUSER nobody\n' });
    const result = await run(['--format', 'compact', '.'], root);
    expect(result.stderr).toMatch(/^dockfix: warning: compose\.yaml: not valid YAML .*; its builds are ignored\n$/);
    expect(result.code).toBe(0);
  });

  it('lints the sample Compose and Bake projects in fixtures/ with their contexts and targets', async () => {
    const repository = resolve(import.meta.dirname, '..', '..');
    const result = await run(['--format', 'json', 'fixtures/compose-monorepo', 'fixtures/bake-app'], repository);
    expect(result.stderr).toBe('');
    const findings = (JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[])
      .map((file) => ({ file: file.filePath.slice(repository.length + 1), messages: file.messages }));
    const of = (file: string) => findings.find((entry) => entry.file === file)?.messages ?? [];
    // Built with the fixture's root as context (compose.yaml), so its .dockerignore applies.
    expect(of('fixtures/compose-monorepo/docker/api.Dockerfile')).toContainEqual(expect.objectContaining({ ruleId: 'dockerignore-excludes-copy-source', line: 14 }));
    // api-dev ships the "dev" stage.
    expect(of('fixtures/compose-monorepo/docker/api.Dockerfile')).toContainEqual(expect.objectContaining({ ruleId: 'non-root-user', message: expect.stringContaining('stage "dev"') }));
    // Named only by compose.yaml and bake files: linted all the same.
    expect(findings.map((entry) => entry.file)).toEqual(expect.arrayContaining(['fixtures/compose-monorepo/docker/worker.df', 'fixtures/bake-app/deploy/release.df']));
    // docker-bake.override.json turns "debug" into "builder", which runs as root.
    expect(of('fixtures/bake-app/deploy/release.df')).toContainEqual(expect.objectContaining({ ruleId: 'non-root-user', message: expect.stringContaining('stage "builder"') }));
  });

  it('lints the Dockerfile a Bake file names, with its targets', async () => {
    const root = project({
      'docker-bake.hcl': 'target "app" {\n  dockerfile = "deploy/app.df"\n  target = "dev"\n}\n',
      'deploy/app.df': 'FROM node:22 AS dev\nCMD ["node"]\nFROM node:22\nUSER node\nCMD ["node"]\n',
    });
    const result = await run(['--format', 'compact', '.'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/deploy\/app\.df:1:1: warning non-root-user The image runs as root: stage "dev"/);
  });
});
