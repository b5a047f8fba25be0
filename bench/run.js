// npm run bench: end-to-end speed of the built CLI, written to docs/performance.md (between the
// bench markers) and printed. Needs ../shared/corpus for the corpus rows.
//
//   node bench/run.js [--no-peers] [--no-context]
//   BENCH_HUGE=1   also scan a generated 1,000,000-file tree (slow: several minutes, ~4 GB of inodes)
//   BENCH_RUNS=N   runs per corpus measurement (default 5); the single-file row always takes 20
//
// Rows: the corpus linted in one command (worker threads on, and on one thread), one Dockerfile
// next to `node -e 0`, --fix over a copy of the corpus, the build-context scan (bench/context.js),
// and the peers installable from npm (installed into ~/.cache/dockfix-bench-peers, never into this
// project), in one batch and one process per file.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, homedir, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'dockfix.js');
const corpus = resolve(root, '..', 'shared', 'corpus');
const options = new Set(process.argv.slice(2));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PEERS_DIR = join(homedir(), '.cache', 'dockfix-bench-peers');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const int = (value) => Math.round(value).toLocaleString('en-US');
const log = (text) => process.stderr.write(`${text}\n`);

/** Runs a command; the wall time in ms, the result, and whether it failed (crash, signal, timeout). */
function run(command, args, { env = {}, cwd = root, timeout = 600_000, ok = [0, 1] } = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const crashed = result.error !== undefined || result.signal !== null
    || /^\s+at .+:\d+(:\d+)?\)?$/m.test(result.stderr ?? '') || /^(panic:|goroutine \d+)/m.test(result.stderr ?? '');
  return { ms, result, failed: crashed || (ok !== undefined && !ok.includes(result.status)) };
}

function node(args, runOptions) {
  return run(process.execPath, args, runOptions);
}

/** Median wall time of `count` runs (after one unmeasured run that warms the file cache). */
function timed(label, fn, count = RUNS) {
  fn();
  const runs = [];
  for (let index = 0; index < count; index++) {
    const outcome = fn();
    if (outcome.failed) throw new Error(`${label} failed: ${outcome.result.stderr?.slice(0, 500)}`);
    runs.push(outcome.ms);
  }
  log(`  ${label}: ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  return { median: median(runs), min: Math.min(...runs) };
}

// ---- the machine ----
const cores = availableParallelism();
const model = cpus()[0]?.model?.trim() ?? 'unknown CPU';
const machine = `Node ${process.version} on ${cores} cores (${model}), ${process.platform}-${process.arch}; load average ${loadavg()[0].toFixed(2)} at the start`;
log(`dockfix bench: ${machine}`);

const rows = [];
const peerRows = [];
const notes = [];

const manifest = join(corpus, 'MANIFEST.tsv');
const hasCorpus = existsSync(manifest);
const dockerfiles = hasCorpus
  ? readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'))
    .filter((columns) => columns[4] === 'dockerfile')
    .map((columns) => join(corpus, 'files', columns[0].replace('/', '__'), columns[2]))
  : [];
const corpusFiles = join(corpus, 'files');
const allFiles = hasCorpus ? readFileSync(manifest, 'utf8').trim().split('\n').length - 1 : 0;

// ---- 1. the corpus in one command ----
if (hasCorpus) {
  log('corpus lint');
  const args = [bin, '--format', 'json', corpusFiles];
  const auto = timed('worker threads (default)', () => node(args));
  const single = timed('one thread (DOCKFIX_THREADS=1)', () => node(args, { env: { DOCKFIX_THREADS: '1' } }));
  rows.push([`Lint the corpus, all rules, one command (${cores} cores)`, `${int(dockerfiles.length)} Dockerfiles (+${allFiles - dockerfiles.length} ignore files)`, `${int(auto.median)} ms`, `**${int(dockerfiles.length / (auto.median / 1000))} files/s**`]);
  rows.push(['… on one thread (`DOCKFIX_THREADS=1`)', `${int(dockerfiles.length)} Dockerfiles`, `${int(single.median)} ms`, `${int(dockerfiles.length / (single.median / 1000))} files/s`]);
} else {
  notes.push('../shared/corpus was not found: the corpus rows were skipped.');
  log('../shared/corpus not found: corpus rows skipped');
}

// ---- 2. one file, next to bare node ----
{
  log('one Dockerfile, 20 runs each');
  const single = join(root, 'fixtures', 'node-app', 'Dockerfile');
  node([bin, single]); // fills the compile cache, as any earlier run would have
  const bare = [];
  const cached = [];
  const uncached = [];
  for (let index = 0; index < 20; index++) {
    bare.push(node(['-e', '0']).ms);
    cached.push(node([bin, single]).ms);
    uncached.push(node([bin, single], { env: { DOCKFIX_COMPILE_CACHE: '0' } }).ms);
  }
  const bareMs = median(bare);
  const cachedMs = median(cached);
  const uncachedMs = median(uncached);
  log(`  node -e 0 ${bareMs.toFixed(1)} ms, dockfix ${cachedMs.toFixed(1)} ms, without the compile cache ${uncachedMs.toFixed(1)} ms`);
  rows.push(['`node -e 0` (baseline)', '20 runs', `${bareMs.toFixed(1)} ms`, '1.00×']);
  rows.push([`\`dockfix ${relative(root, single)}\``, '20 runs, median', `${cachedMs.toFixed(1)} ms`, `**${(cachedMs / bareMs).toFixed(2)}× node**`]);
  rows.push(['… the first run, before the compile cache (`DOCKFIX_COMPILE_CACHE=0`)', '20 runs, median', `${uncachedMs.toFixed(1)} ms`, `${(uncachedMs / bareMs).toFixed(2)}× node`]);
}

// ---- 3. --fix over a copy of the corpus ----
if (hasCorpus) {
  log('--fix over a copy of the corpus');
  const runs = [];
  let fixed = 0;
  for (let index = 0; index < Math.max(3, Math.min(RUNS, 5)); index++) {
    const copy = mkdtempSync(join(tmpdir(), 'dockfix-bench-fix-'));
    try {
      cpSync(corpusFiles, join(copy, 'files'), { recursive: true });
      makeWritable(join(copy, 'files'));
      const outcome = node([bin, '--fix', '--format', 'json', join(copy, 'files')]);
      if (outcome.failed) throw new Error(`--fix failed: ${outcome.result.stderr.slice(0, 500)}`);
      runs.push(outcome.ms);
      fixed = countChanged(corpusFiles, join(copy, 'files'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  const ms = median(runs);
  log(`  ${runs.map((value) => value.toFixed(0)).join(', ')} ms; ${fixed} files changed`);
  rows.push(['`--fix` over a copy of the corpus', `${int(dockerfiles.length)} Dockerfiles, ${fixed} files rewritten`, `${int(ms)} ms`, `**${int(dockerfiles.length / (ms / 1000))} files/s**`]);
}

/** The corpus is read-only, and dockfix refuses to fix read-only files: the copy gets u+w. */
function makeWritable(directory) {
  chmodSync(directory, 0o755);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else if (entry.isFile()) chmodSync(path, 0o644);
  }
}

function countChanged(original, copy) {
  let changed = 0;
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !readFileSync(path).equals(readFileSync(join(copy, relative(original, path))))) changed++;
    }
  };
  walk(original);
  return changed;
}

// ---- 4. the build-context scan ----
let contextTable = '';
if (!options.has('--no-context')) {
  log('build-context scan (bench/context.js)');
  const args = [join(root, 'bench', 'context.js')];
  if (process.env.BENCH_HUGE === '1') args.push('--huge');
  const outcome = node(args, { ok: [0], timeout: 3_600_000 });
  if (outcome.failed) throw new Error(`bench/context.js failed: ${outcome.result.stderr.slice(0, 500)}`);
  contextTable = outcome.result.stdout.trim();
  log(contextTable.split('\n').map((line) => `  ${line}`).join('\n'));
}

// ---- 5. peers ----
if (hasCorpus && !options.has('--no-peers')) {
  log('peers');
  const peers = installPeers();
  if (!peers) {
    notes.push(`The peers were skipped: they could not be installed into ${PEERS_DIR.replace(homedir(), '~')} (registry unreachable?).`);
  } else {
    // One process per file: the same sample for every tool, every 10th Dockerfile, at most 30 s a tool.
    const sample = dockerfiles.filter((_file, index) => index % 10 === 0);
    const tools = [
      {
        name: 'dockfix',
        version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
        batch: (files, timeout) => node([bin, '--format', 'json', ...files], { timeout }),
        one: (file) => node([bin, '--format', 'json', file]),
      },
      ...peers,
    ];
    for (const tool of tools) {
      log(`  ${tool.name}`);
      const { good, bad } = tool.name === 'dockfix' ? { good: dockerfiles, bad: [] } : usableFiles(tool, dockerfiles);
      const batch = good.length > 0 ? timed(`${tool.name} batch (${good.length} files)`, () => tool.batch(good), 3) : undefined;
      const perFile = timePerFile(tool, sample.filter((file) => !bad.includes(file)));
      peerRows.push([
        tool.name === 'dockfix' ? '**dockfix**' : tool.name,
        tool.version,
        batch ? `${int(good.length / (batch.median / 1000))} files/s` : '—',
        `${perFile.rate.toFixed(1)} files/s (${perFile.files} files)`,
        bad.length === 0 ? '—' : `${bad.length} (${bad.map((file) => relative(corpusFiles, file)).slice(0, 3).join(', ')}${bad.length > 3 ? ', …' : ''})`,
      ]);
    }
  }
}

/** Installs (or finds) the peers; undefined when npm cannot reach the registry. */
function installPeers() {
  const packages = ['dockerfilelint@1.8.0', 'dockerfile_lint@0.3.4'];
  const tally = process.platform === 'linux' && process.arch === 'x64' ? '@wharflab/tally-linux-x64@0.45.0' : undefined;
  if (tally) packages.push(tally);
  mkdirSync(PEERS_DIR, { recursive: true });
  const modules = join(PEERS_DIR, 'node_modules');
  const missing = packages.some((spec) => !existsSync(join(modules, spec.slice(0, spec.lastIndexOf('@')), 'package.json')));
  if (missing) {
    log(`  npm install --prefix ${PEERS_DIR} ${packages.join(' ')}`);
    const install = run('npm', ['install', '--prefix', PEERS_DIR, '--no-save', '--no-audit', '--no-fund', ...packages], { cwd: PEERS_DIR, timeout: 300_000, ok: [0] });
    if (install.failed) {
      log(`  npm install failed: ${install.result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      return undefined;
    }
  }
  const version = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
  const peers = [
    {
      name: 'dockerfilelint',
      version: version('dockerfilelint'),
      batch: (files, timeout = 600_000) => node([join(modules, 'dockerfilelint', 'bin', 'dockerfilelint'), '-j', ...files], { ok: undefined, timeout }),
      one: (file) => node([join(modules, 'dockerfilelint', 'bin', 'dockerfilelint'), '-j', file], { ok: undefined, timeout: 60_000 }),
    },
    {
      name: 'dockerfile_lint',
      version: version('dockerfile_lint'),
      batch: (files, timeout = 600_000) => node([join(modules, 'dockerfile_lint', 'bin', 'dockerfile_lint'), '-j', ...files.flatMap((file) => ['-f', file])], { ok: undefined, timeout }),
      one: (file) => node([join(modules, 'dockerfile_lint', 'bin', 'dockerfile_lint'), '-j', '-f', file], { ok: undefined, timeout: 60_000 }),
    },
  ];
  if (tally) {
    const tallyBin = join(modules, '@wharflab', 'tally-linux-x64', 'bin', 'tally');
    peers.push({
      name: 'tally (`lint --slow-checks off --no-config`)',
      version: version('@wharflab/tally-linux-x64'),
      batch: (files, timeout = 1_800_000) => run(tallyBin, ['lint', '--slow-checks', 'off', '--no-config', ...files], { ok: undefined, timeout }),
      one: (file) => run(tallyBin, ['lint', '--slow-checks', 'off', '--no-config', file], { ok: undefined, timeout: 60_000 }),
    });
  } else {
    notes.push('tally was skipped: npm has its binary for linux-x64 only here.');
  }
  return peers;
}

/**
 * The files a tool gets through in one batch; files it crashes or hangs on are found by halving.
 * A batch that takes more than 10 s plus 20 ms a file counts as hanging (the peers need about 1 ms).
 * The files found are remembered in the peers' directory (halving through hangs takes minutes).
 */
function usableFiles(tool, files) {
  const memory = join(PEERS_DIR, 'left-out.json');
  const key = `${tool.name}@${tool.version}:${files.length}`;
  let remembered = {};
  try {
    remembered = JSON.parse(readFileSync(memory, 'utf8'));
  } catch {
    remembered = {};
  }
  if (Array.isArray(remembered[key])) {
    const bad = files.filter((file) => remembered[key].includes(relative(corpusFiles, file)));
    if (bad.length > 0) log(`    ${tool.name} crashes or hangs on ${bad.length} files (remembered in ${memory}); they are left out of its batch`);
    return { good: files.filter((file) => !bad.includes(file)), bad };
  }
  const bad = [];
  const check = (list) => {
    if (list.length === 0) return;
    if (!tool.batch(list, 10_000 + 20 * list.length).failed) return;
    if (list.length === 1) {
      bad.push(list[0]);
      return;
    }
    const half = list.length >> 1;
    check(list.slice(0, half));
    check(list.slice(half));
  };
  check(files);
  if (bad.length > 0) log(`    ${tool.name} crashes or hangs on ${bad.length} files; they are left out of its batch`);
  writeFileSync(memory, JSON.stringify({ ...remembered, [key]: bad.map((file) => relative(corpusFiles, file)) }, null, 2));
  return { good: files.filter((file) => !bad.includes(file)), bad };
}

/** One process per file over the sample, for at most 30 s. */
function timePerFile(tool, sample) {
  const start = process.hrtime.bigint();
  let files = 0;
  for (const file of sample) {
    tool.one(file);
    files++;
    if (Number(process.hrtime.bigint() - start) / 1e6 > 30_000) break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  log(`    one process per file: ${files} files in ${seconds.toFixed(1)} s`);
  return { files, rate: files / seconds };
}

// ---- report ----
const table = (header, body) => [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...body.map((row) => `| ${row.join(' | ')} |`),
].join('\n');

const sections = [
  `Measured ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
  '',
  table(['Measurement', 'Input', 'Time', 'Result'], rows),
];
if (contextTable) sections.push('', '**Build-context scan** (`bench/context.js`, median of 5 runs):', '', contextTable.split('\n').filter((line) => line.startsWith('|')).join('\n'));
if (peerRows.length > 0) {
  sections.push(
    '',
    '**Peers** on the same Dockerfiles. Batch: one command for all the files a tool gets through (median of 3); per file: one process per file over every 10th Dockerfile, at most 30 s a tool.',
    '',
    table(['Tool', 'Version', 'One batch', 'One process per file', 'Files it crashes or hangs on'], peerRows),
  );
}
for (const note of notes) sections.push('', `_${note}_`);
const report = sections.join('\n');
console.log(report);

const docs = join(root, 'docs', 'performance.md');
const START = '<!-- bench:start (written by npm run bench) -->';
const END = '<!-- bench:end -->';
if (existsSync(docs)) {
  const text = readFileSync(docs, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from >= 0 && to > from) {
    writeFileSync(docs, `${text.slice(0, from + START.length)}\n${report}\n${text.slice(to)}`);
    log(`wrote ${relative(root, docs)}`);
  }
}
