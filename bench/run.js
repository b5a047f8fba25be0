// npm run bench: end-to-end speed of the built CLI. Needs ../shared/corpus for the throughput row.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'dockfix.js');
const corpus = resolve(root, '..', 'shared', 'corpus');

function time(args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  }
  return { ms, result };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rows = [];
console.log(`dockfix bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})\n`);

if (existsSync(join(corpus, 'MANIFEST.tsv'))) {
  const dockerfiles = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
    .filter((line) => line.endsWith('\tdockerfile')).length;
  time([bin, '--format', 'json', join(corpus, 'files')]); // warm the file cache
  const runs = [1, 2, 3].map(() => time([bin, '--format', 'json', join(corpus, 'files')]).ms);
  const ms = median(runs);
  rows.push(['lint corpus, all rules (one command)', `${dockerfiles} Dockerfiles`, `${ms.toFixed(0)} ms`, `${(dockerfiles / (ms / 1000)).toFixed(0)} files/s`]);
} else {
  console.log('../shared/corpus not found: corpus throughput skipped\n');
}

const single = join(root, 'fixtures', 'node-app', 'Dockerfile');
const bare = [];
const cli = [];
for (let run = 0; run < 20; run++) {
  bare.push(time(['-e', '0']).ms);
  cli.push(time([bin, single]).ms);
}
const bareMedian = median(bare);
const cliMedian = median(cli);
rows.push(['node -e 0 (baseline)', '20 runs', `${bareMedian.toFixed(1)} ms`, '1.00x']);
rows.push(['dockfix one Dockerfile', '20 runs', `${cliMedian.toFixed(1)} ms`, `${(cliMedian / bareMedian).toFixed(2)}x node`]);

const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  |  '));
