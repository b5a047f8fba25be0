/**
 * End-to-end tests of the built CLI (`npm test` builds first): exit codes,
 * formats, stdin, config errors, fixing files on disk and --diff.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dockfix, ROOT, tempDir } from './helpers/cli.js';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it for you)');
  }
});

const SAMPLE = 'fixtures/sample/Dockerfile';

describe('exit codes and formats', () => {
  it('exits 0 on a clean Dockerfile and prints nothing', () => {
    const run = dockfix(['fixtures/node-app/Dockerfile']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('exits 1 on error-level findings and prints the stylish report', () => {
    const run = dockfix([SAMPLE]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('fixtures/sample/Dockerfile');
    expect(run.stdout).toMatch(/14:13 +error +No earlier stage is named "biuld".* copy-from-unknown-stage/);
    expect(run.stdout).toMatch(/✖ \d+ problems \(1 error, \d+ warnings, \d+ info\)/);
    expect(run.stdout).toMatch(/fixable with --fix/);
  });

  it('prints ESLint-shaped JSON', () => {
    const run = dockfix([SAMPLE, '--format', 'json']);
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout);
    expect(result.filePath).toBe(resolve(ROOT, SAMPLE));
    expect(result.errorCount).toBe(1);
    const casing = result.messages.find((m: { ruleId: string }) => m.ruleId === 'from-as-casing');
    expect(casing).toMatchObject({ severity: 1, level: 'warning', line: 5, column: 41, endLine: 5, endColumn: 43 });
    expect(casing.fix).toMatchObject({ text: 'AS', applicability: 'safe' });
    expect(result.fixableWarningCount).toBeGreaterThan(0);
  });

  it('--quiet shows errors only and --max-warnings counts warnings', () => {
    const quiet = dockfix([SAMPLE, '--quiet', '--format', 'json']);
    const [result] = JSON.parse(quiet.stdout);
    expect(result.messages.every((m: { severity: number }) => m.severity === 2)).toBe(true);
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nrun echo hi\n');
    expect(dockfix([join(dir, 'Dockerfile')]).status).toBe(0);
    const strict = dockfix([join(dir, 'Dockerfile'), '--max-warnings', '0']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('too many warnings (1)');
    expect(dockfix([join(dir, 'Dockerfile'), '--max-warnings', '1']).status).toBe(0);
  });

  it('--output writes the report to a file', () => {
    const dir = tempDir();
    const run = dockfix([SAMPLE, '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))[0].errorCount).toBe(1);
  });

  it('colours only when asked', () => {
    expect(dockfix([SAMPLE]).stdout).not.toContain('\u001b[');
    expect(dockfix([SAMPLE], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(dockfix([SAMPLE, '--color'], { env: { NO_COLOR: '' } }).stdout).toContain('\u001b[');
    expect(dockfix([SAMPLE, '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('reports an unknown instruction as a parse error at its line', () => {
    const run = dockfix(['-', '--format', 'json'], { input: 'FROM gcr.io/distroless/static-debian12:nonroot\nRUN echo hi\nCOPPY . /app\n' });
    const [result] = JSON.parse(run.stdout);
    expect(result.messages).toContainEqual(expect.objectContaining({ ruleId: 'parse-error', line: 3, message: 'Unknown instruction "COPPY"' }));
    expect(run.status).toBe(1);
  });
});

describe('input', () => {
  it('lints stdin under --stdin-filename', () => {
    const run = dockfix(['-', '--stdin-filename', 'services/api/Dockerfile', '--format', 'json'], { input: 'FROM gcr.io/distroless/static-debian12:nonroot\nrun echo hi\n' });
    const [result] = JSON.parse(run.stdout);
    expect(result.filePath).toBe(resolve(ROOT, 'services/api/Dockerfile'));
    expect(result.messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['instruction-casing']);
  });

  it('prints the fixed text for stdin with --fix and moves the report to stderr', () => {
    const run = dockfix(['-', '--fix'], { input: 'FROM gcr.io/distroless/static-debian12:nonroot as base\nRUN echo hi\n' });
    expect(run.stdout).toBe('FROM gcr.io/distroless/static-debian12:nonroot AS base\nRUN echo hi\n');
    expect(run.status).toBe(0);
  });

  it('finds Dockerfiles, Containerfiles and ignore files in directories, honouring .gitignore', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'services', 'api'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(dir, 'build'), { recursive: true });
    const df = 'FROM gcr.io/distroless/static-debian12:nonroot\n';
    for (const file of ['Dockerfile', 'services/api/Containerfile', 'services/api/Dockerfile.dev', 'services/api/worker.Dockerfile', 'node_modules/pkg/Dockerfile', 'build/Dockerfile', 'README.md', 'Dockerfile.md']) {
      writeFileSync(join(dir, file), df);
    }
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    const run = dockfix(['.', '--format', 'json'], { cwd: dir });
    const files = JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath.slice(dir.length + 1)).sort();
    expect(files).toEqual(['.dockerignore', 'Dockerfile', 'services/api/Containerfile', 'services/api/Dockerfile.dev', 'services/api/worker.Dockerfile']);
  });

  it('says so when a directory has nothing to lint', () => {
    const dir = tempDir();
    const run = dockfix([dir]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('no Dockerfile, Containerfile or .dockerignore found');
    expect(dockfix([dir, '--error-on-unmatched']).status).toBe(2);
  });

  it('names a missing path and exits 2', () => {
    const run = dockfix(['does/not/exist/Dockerfile']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('dockfix: does/not/exist/Dockerfile: no such file or directory\n');
  });

  it('refuses binary and oversized files but lints the others', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), Buffer.from([0x46, 0x52, 0x00, 0x01, 0xff]));
    writeFileSync(join(dir, 'big.Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\n' + '# padding\n'.repeat(1_100_000));
    writeFileSync(join(dir, 'ok.Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nrun echo hi\n');
    const run = dockfix([dir, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Dockerfile: looks like a binary file');
    expect(run.stderr).toContain('big.Dockerfile: file is larger than 10 MB');
    expect(run.stderr).not.toContain('    at ');
    const results = JSON.parse(run.stdout);
    expect(results.find((r: { filePath: string }) => r.filePath.endsWith('ok.Dockerfile')).warningCount).toBe(1);
  });

  it('rejects invalid UTF-8 with a clear message', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), Buffer.from('FROM alpine\nLABEL a=\xe9\xff\n', 'latin1'));
    const run = dockfix([join(dir, 'Dockerfile')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Dockerfile: is not valid UTF-8 text/);
  });
});

describe('config', () => {
  it('reads .dockfix.yaml upward from the file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, '.dockfix.yaml'), 'rules:\n  instruction-casing: off\n  from-as-casing: error\n');
    writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot as base\nrun echo hi\n');
    const run = dockfix(['app/Dockerfile', '--format', 'json'], { cwd: dir });
    const [result] = JSON.parse(run.stdout);
    expect(result.messages.map((m: { ruleId: string; severity: number }) => [m.ruleId, m.severity])).toEqual([['from-as-casing', 2]]);
    expect(run.status).toBe(1);
  });

  it('--rule and aliases override the config', () => {
    const run = dockfix(['-', '--rule', 'ConsistentInstructionCasing=off', '--format', 'json'], { input: 'FROM gcr.io/distroless/static-debian12:nonroot\nrun echo hi\n' });
    expect(JSON.parse(run.stdout)[0].messages).toEqual([]);
  });

  it.each([
    ['rules:\n  no-such-rule: error\n', 'rules: unknown rule "no-such-rule"'],
    ['rulez: {}\n', 'unknown key "rulez"'],
    ['rules:\n  undefined-var: loud\n', 'rules.undefined-var: expected off, info, warning or error, got "loud"'],
    ['ignorePaths: vendor\n', '"ignorePaths" must be a list of strings'],
    ['rules: [\n', 'not valid YAML'],
  ])('rejects a broken config: %j', (config, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, '.dockfix.yaml'), config);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\n');
    const run = dockfix(['Dockerfile'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(join(dir, '.dockfix.yaml'));
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
  });

  it('skips ignorePaths', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, '.dockfix.json'), JSON.stringify({ ignorePaths: ['vendor/**'] }));
    writeFileSync(join(dir, 'vendor', 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nrun x\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\n');
    const run = dockfix(['.', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => r.filePath)).toEqual([join(dir, 'Dockerfile')]);
  });

  it('reports unknown usage as exit 2', () => {
    const run = dockfix(['--no-such-flag']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown argument');
  });
});

describe('fixing files', () => {
  it('fixes in place keeping CRLF, BOM and file mode, and a second --fix changes nothing', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
    const crlf = join(dir, 'fixtures/python-crlf/Dockerfile');
    const bom = join(dir, 'fixtures/bom/Dockerfile');
    chmodSync(crlf, 0o640);
    const first = dockfix(['--fix', crlf, bom]);
    expect(first.stderr).toBe('');
    const fixedCrlf = readFileSync(crlf, 'utf8');
    expect(fixedCrlf).toContain('\r\nRUN python -m compileall .\r\n');
    expect(fixedCrlf.replace(/\r\n/g, '')).not.toContain('\n');
    expect(statSync(crlf).mode & 0o777).toBe(0o640);
    const fixedBom = readFileSync(bom);
    expect([...fixedBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fixedBom.toString('utf8')).toContain('ENV LISTEN_PORT=8080\n');
    const second = dockfix(['--fix', crlf, bom]);
    expect(readFileSync(crlf, 'utf8')).toBe(fixedCrlf);
    expect(readFileSync(bom)).toEqual(fixedBom);
    // What is left needs review (unsafe fixes) or has no fix at all.
    expect(second.stdout).not.toMatch(/problems? fixable with --fix \(/);
  });

  it('--fix-dry-run writes nothing and JSON carries the output', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot as base\n');
    const run = dockfix(['--fix-dry-run', '--format', 'json', join(dir, 'Dockerfile')]);
    expect(JSON.parse(run.stdout)[0].output).toBe('FROM gcr.io/distroless/static-debian12:nonroot AS base\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM gcr.io/distroless/static-debian12:nonroot as base\n');
  });

  it('applies unsafe fixes only with --unsafe-fixes', () => {
    const dir = tempDir();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM node:22\nCMD node server.js\n');
    dockfix(['--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe('FROM node:22\nCMD node server.js\n');
    dockfix(['--fix', '--unsafe-fixes', file]);
    expect(readFileSync(file, 'utf8')).toBe('FROM node:22\nUSER node\nCMD ["node", "server.js"]\n');
  });

  it('--diff output applies with git apply and patch -p1 and equals --fix', () => {
    for (const tool of ['git', 'patch']) {
      const dir = tempDir();
      cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
      const expected = tempDir();
      cpSync(join(ROOT, 'fixtures'), join(expected, 'fixtures'), { recursive: true });
      const diff = dockfix(['--diff', '--unsafe-fixes', 'fixtures'], { cwd: dir });
      expect(diff.status).toBe(1);
      expect(diff.stdout).toContain('--- a/fixtures/sample/Dockerfile');
      writeFileSync(join(dir, 'fix.patch'), diff.stdout);
      const apply = tool === 'git'
        ? spawnSync('git', ['apply', '--unsafe-paths', 'fix.patch'], { cwd: dir, encoding: 'utf8' })
        : spawnSync('patch', ['-p1', '-i', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
      expect(apply.stderr).toBe('');
      expect(apply.status).toBe(0);
      dockfix(['--fix', '--unsafe-fixes', 'fixtures'], { cwd: expected });
      for (const file of ['sample/Dockerfile', 'python-crlf/Dockerfile', 'bom/Dockerfile']) {
        expect(readFileSync(join(dir, 'fixtures', file)).equals(readFileSync(join(expected, 'fixtures', file)))).toBe(true);
      }
    }
  });

  it('--diff with nothing to change prints nothing and exits 0', () => {
    const run = dockfix(['--diff', 'fixtures/node-app/Dockerfile']);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('leaves a read-only file untouched with a clear error', () => {
    const dir = tempDir();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM gcr.io/distroless/static-debian12:nonroot as base\n');
    chmodSync(file, 0o444);
    const run = dockfix(['--fix', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot write the fix');
    expect(readFileSync(file, 'utf8')).toBe('FROM gcr.io/distroless/static-debian12:nonroot as base\n');
  });
});

describe('rules and explain', () => {
  it('lists rules as JSON', () => {
    const run = dockfix(['rules', '--format', 'json']);
    const rules = JSON.parse(run.stdout);
    expect(rules.find((rule: { id: string }) => rule.id === 'json-args-recommended')).toMatchObject({
      severity: 'warning',
      fixable: 'unsafe',
      aliases: ['DL3025', 'JSONArgsRecommended'],
    });
  });

  it('explains a rule by id or alias', () => {
    const byId = dockfix(['explain', 'maintainer-deprecated']);
    expect(byId.status).toBe(0);
    expect(byId.stdout).toContain('# maintainer-deprecated');
    expect(dockfix(['explain', 'DL4000']).stdout).toBe(byId.stdout);
    const unknown = dockfix(['explain', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "nope"');
  });
});

describe('suppressions', () => {
  it('silences the next instruction and reports unknown rule ids', () => {
    const input = 'FROM gcr.io/distroless/static-debian12:nonroot\n# dockfix-ignore instruction-casing -- generated file\nrun echo a\nrun echo b\n# dockfix-ignore no-such-rule\nCMD ["sh"]\n';
    const run = dockfix(['-', '--format', 'json', '--rule', 'consecutive-run=off'], { input });
    const messages = JSON.parse(run.stdout)[0].messages.map((m: { ruleId: string; line: number }) => `${m.line} ${m.ruleId}`);
    expect(messages).toEqual(['4 instruction-casing', '5 invalid-suppression']);
  });

  it('silences a whole file, also by alias', () => {
    const input = '# dockfix-ignore-file ConsistentInstructionCasing\nFROM gcr.io/distroless/static-debian12:nonroot\nrun echo a\n';
    const run = dockfix(['-', '--format', 'json'], { input });
    expect(JSON.parse(run.stdout)[0].messages).toEqual([]);
  });
});

const SARIF_SCHEMA = resolve(ROOT, '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json');
if (!existsSync(SARIF_SCHEMA)) console.warn(`[cli.test] ${SARIF_SCHEMA} is absent (not part of the repository): skipping the SARIF schema check.`);

describe('CI formats and several outputs', () => {
  // The schema is not in the repository; without ../shared/schemas this test is skipped (see test/formatters/sarif.test.ts).
  it.skipIf(!existsSync(SARIF_SCHEMA))('writes SARIF for every fixture that is valid against the 2.1.0 schema (needs ../shared/schemas)', async () => {
    const { sarifValidator } = await import('./formatters/sarif-schema.js');
    const validate = sarifValidator();
    const run = dockfix(['fixtures', '--format', 'sarif']);
    const log = JSON.parse(run.stdout);
    expect(log.runs[0].results.length).toBeGreaterThan(5);
    validate(log);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('writes SARIF and JUnit files while printing stylish', () => {
    const dir = tempDir();
    const run = dockfix([SAMPLE, '--output', `sarif:${join(dir, 'results.sarif')}`, '-o', `junit:${join(dir, 'report.xml')}`, '--sarif-category', 'docker/']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/14:13 +error +No earlier stage is named "biuld"/);
    const log = JSON.parse(readFileSync(join(dir, 'results.sarif'), 'utf8'));
    const [sarifRun] = log.runs;
    expect(sarifRun.automationDetails.id).toBe('docker/');
    expect(sarifRun.tool.driver.semanticVersion).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const rule = sarifRun.tool.driver.rules.find((r: { id: string }) => r.id === 'copy-from-unknown-stage');
    expect(rule.help.markdown).toContain('## Bad');
    expect(rule.helpUri).toMatch(/docs\/rules\/copy-from-unknown-stage\.md$/);
    const error = sarifRun.results.find((r: { level: string }) => r.level === 'error');
    expect(error.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'fixtures/sample/Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 13, endLine: 14, endColumn: 18 },
    });
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toContain('<testsuite name="fixtures/sample/Dockerfile"');
  });

  it('keeps a plain --output as the --format report and adds FORMAT:FILE ones', () => {
    const dir = tempDir();
    const run = dockfix([SAMPLE, '--format', 'json', '--output', join(dir, 'report.json'), '--output', `compact:${join(dir, 'report.txt')}`]);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))[0].errorCount).toBe(1);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('fixtures/sample/Dockerfile:14:13: error copy-from-unknown-stage ');
  });

  it('rejects an unknown format in --output and two plain --output files', () => {
    const unknown = dockfix([SAMPLE, '--output', 'sarf:x.sarif']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown format "sarf"');
    const two = dockfix([SAMPLE, '--output', 'a.json', '--output', 'b.json']);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('only one plain --output FILE');
  });

  it('prints GitHub annotations and a GitLab report', () => {
    const github = dockfix([SAMPLE, '--format', 'github']);
    expect(github.stdout).toContain('::error file=fixtures/sample/Dockerfile,line=14,col=13,endLine=14,endColumn=18,title=dockfix copy-from-unknown-stage::');
    const gitlab = JSON.parse(dockfix([SAMPLE, '--format', 'gitlab']).stdout);
    expect(gitlab).toContainEqual(expect.objectContaining({ check_name: 'copy-from-unknown-stage', severity: 'major', location: { path: 'fixtures/sample/Dockerfile', lines: { begin: 14 } } }));
  });
});

describe('baselines', () => {
  it('records findings, then reports only new ones even after unrelated edits', () => {
    const dir = tempDir();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM gcr.io/distroless/static-debian12:nonroot AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=biuld /a /b\nRUN echo a\nCOPY a /a\nrun echo b\n');
    const write = dockfix(['Dockerfile', '--baseline-write', 'baseline.json'], { cwd: dir });
    expect(write.status).toBe(0);
    expect(write.stderr).toContain('recorded 2 findings in baseline.json');
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.fingerprints.map((entry: { ruleId: string; file: string; count: number }) => [entry.ruleId, entry.file, entry.count])).toEqual([
      ['copy-from-unknown-stage', 'Dockerfile', 1],
      ['instruction-casing', 'Dockerfile', 1],
    ]);
    // Lines added above move every finding; none resurfaces.
    writeFileSync(file, '# syntax=docker/dockerfile:1\n\n' + readFileSync(file, 'utf8'));
    const same = dockfix(['Dockerfile', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)[0].messages).toEqual([]);
    // A new finding is reported, and sets the exit code.
    writeFileSync(file, readFileSync(file, 'utf8') + 'COPY --from=biuld /c /d\n');
    const fresh = dockfix(['Dockerfile', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    expect(fresh.status).toBe(1);
    expect(JSON.parse(fresh.stdout)[0].messages.map((m: { ruleId: string; line: number }) => `${m.line} ${m.ruleId}`)).toEqual(['9 copy-from-unknown-stage']);
  });

  it('names a missing or invalid baseline and exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\n');
    const missing = dockfix(['Dockerfile', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`dockfix: ${join(dir, 'nope.json')}: baseline file not found (create it with --baseline-write)\n`);
    writeFileSync(join(dir, 'broken.json'), '{"version": 1, "fingerprints": {}}');
    const invalid = dockfix(['Dockerfile', '--baseline', 'broken.json'], { cwd: dir });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain(`${join(dir, 'broken.json')}: not a valid baseline: "fingerprints" must be a list`);
    writeFileSync(join(dir, 'garbage.json'), 'not json');
    expect(dockfix(['Dockerfile', '--baseline', 'garbage.json'], { cwd: dir }).stderr).toContain('garbage.json: not a valid baseline');
  });
});

describe('build context', () => {
  it('--context points every Dockerfile at one context, and a bad one is a usage error', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'docker'));
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'docker', 'app.Dockerfile'), 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY build/app /app\n');
    writeFileSync(join(dir, '.dockerignore'), 'build\n');
    writeFileSync(join(dir, 'build', 'app'), 'bin');
    const own = dockfix([join(dir, 'docker', 'app.Dockerfile'), '--format', 'json']);
    expect(JSON.parse(own.stdout)[0].messages).toEqual([]);
    const shared = dockfix([join(dir, 'docker', 'app.Dockerfile'), '--context', dir, '--format', 'json']);
    expect(shared.status).toBe(1);
    expect(JSON.parse(shared.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['dockerignore-excludes-copy-source']);
    const bad = dockfix([join(dir, 'docker', 'app.Dockerfile'), '--context', join(dir, 'nope')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--context');
  });
});

describe('dockfix context', () => {
  function contextDir(ignoreFileName?: string): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules', 'left-pad'), { recursive: true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'node_modules', 'left-pad', 'index.js'), 'x'.repeat(5000));
    writeFileSync(join(dir, 'src', 'app.js'), 'console.log(1)\n');
    writeFileSync(join(dir, '.env'), 'API_KEY=abc123\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22\nCOPY . /app\n');
    writeFileSync(join(dir, 'app.Dockerfile'), 'FROM node:22\nCOPY src /app\n');
    if (ignoreFileName) writeFileSync(join(dir, ignoreFileName), 'node_modules\n.env\n');
    return dir;
  }

  it('reports sizes, secrets and patterns that would shrink the context', () => {
    const dir = contextDir();
    const run = dockfix(['context', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ignore file: none (everything is sent)');
    expect(run.stdout).toMatch(/node_modules\/ +\(1 file\)/);
    expect(run.stdout).toMatch(/Possible secrets sent \(1\)\n +! \.env/);
    const json = JSON.parse(dockfix(['context', dir, '--format', 'json']).stdout);
    expect(json).toMatchObject({ schemaVersion: 1, sent: { files: 5 }, excluded: { files: 0 }, ignoreFile: null });
  });

  it('--dockerfile picks its own ignore file, and --list prints what would be sent', () => {
    const dir = contextDir('app.Dockerfile.dockerignore');
    const own = dockfix(['context', dir, '--dockerfile', join(dir, 'app.Dockerfile'), '--list']);
    expect(own.stdout.split('\n').filter(Boolean).sort()).toEqual(['Dockerfile', 'app.Dockerfile', 'app.Dockerfile.dockerignore', 'src/app.js']);
    // The default Dockerfile has no ignore file of its own, so everything is sent.
    const all = dockfix(['context', dir, '--list']);
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(6);
  });

  it('exits 2 for a path that is not a directory', () => {
    const run = dockfix(['context', join(tempDir(), 'missing')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/missing: not a directory/);
  });
});
