// Build-context scan speed: scanContext on a generated tree vs `find DIR -type f | wc -l`.
// Usage: npm run build && node bench/context.js [--huge] [--keep]
//   --huge  also time a 1,000,000-file tree (a few GB of inodes; takes minutes to create); so does BENCH_HUGE=1
//   --keep  leave the generated trees in the temp directory
// Prints markdown table rows: tree, find medians, the Node floor, scan median, ratios, peak RSS.
// `find -type f` never stats a file (d_type from readdir); scanContext must lstat every regular
// file for its size, so `find -type f -printf %s` (one lstat per file too) is the like-for-like baseline.
// The "Node floor" is the least a size-aware walk costs in Node: readdirSync + lstatSync of every
// entry and nothing else (no matching, no entries kept), so scan / floor is the scanner's own overhead.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanContext } from '../dist/src/context/scan.js';

const args = new Set(process.argv.slice(2));
const RUNS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A tree shaped like a monorepo: `packages/pNNN/src/dDD/fFF.ts` plus a `node_modules`
 * with many small packages, 100 files per directory, and a .dockerignore excluding node_modules.
 */
function generate(files) {
  const root = mkdtempSync(join(tmpdir(), `dockfix-bench-context-${files}-`));
  const perDirectory = 100;
  const directories = Math.ceil(files / perDirectory);
  const body = 'export const value = 1;\n';
  let written = 0;
  for (let directory = 0; directory < directories && written < files; directory++) {
    const group = directory % 5 === 0 ? 'node_modules' : 'packages';
    const path = join(root, group, `p${Math.floor(directory / 100)}`, `d${directory % 100}`);
    mkdirSync(path, { recursive: true });
    for (let file = 0; file < perDirectory && written < files; file++, written++) {
      writeFileSync(join(path, `f${file}.ts`), body);
    }
  }
  writeFileSync(join(root, '.dockerignore'), 'node_modules\n.git\n');
  return root;
}

/** `find -type f` reads directories only (d_type); `-printf %s` also lstats every file, as a size-aware scan must. */
const FIND_COUNT = 'find "$1" -type f | wc -l';
const FIND_SIZES = 'find "$1" -type f -printf "%s\\n" | wc -l';

function timeFind(root, script = FIND_COUNT) {
  const start = process.hrtime.bigint();
  const out = execFileSync('sh', ['-c', script, 'sh', root], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, count: Number(out.trim()) };
}

/** readdirSync + lstatSync per entry, recursively: the floor for any walk that needs sizes. */
function timeFloor(root) {
  const start = process.hrtime.bigint();
  let files = 0;
  let bytes = 0;
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = `${directory}/${entry.name}`;
      const stats = lstatSync(path);
      if (entry.isDirectory()) walk(path);
      else {
        files++;
        bytes += stats.size;
      }
    }
  };
  walk(root);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, files, bytes };
}

async function timeScan(root, ignoreFile) {
  const start = process.hrtime.bigint();
  const scan = await scanContext(root, { ignoreFile, measureExcluded: true });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, scan };
}

async function bench(files) {
  const root = generate(files);
  try {
    const ignoreFile = { path: join(root, '.dockerignore'), kind: 'dockerignore', text: 'node_modules\n.git\n' };
    // Warm the dentry/inode caches once for both.
    timeFind(root);
    await timeScan(root, ignoreFile);
    timeFloor(root);
    const findRuns = [];
    const sizeRuns = [];
    const floorRuns = [];
    const scanRuns = [];
    let counts;
    for (let run = 0; run < RUNS; run++) {
      const found = timeFind(root);
      findRuns.push(found.ms);
      sizeRuns.push(timeFind(root, FIND_SIZES).ms);
      const floor = timeFloor(root);
      floorRuns.push(floor.ms);
      const scanned = await timeScan(root, ignoreFile);
      scanRuns.push(scanned.ms);
      counts = { find: found.count, floor: floor.files, scan: scanned.scan.sentFiles + scanned.scan.excludedFiles };
      if (floor.bytes !== scanned.scan.sentBytes + scanned.scan.excludedBytes) throw new Error(`byte counts differ: floor ${floor.bytes}, scan ${scanned.scan.sentBytes + scanned.scan.excludedBytes}`);
    }
    if (counts.find !== counts.scan || counts.floor !== counts.scan) throw new Error(`file counts differ: find ${counts.find}, floor ${counts.floor}, scan ${counts.scan}`);
    const findMs = median(findRuns);
    const sizeMs = median(sizeRuns);
    const floorMs = median(floorRuns);
    const scanMs = median(scanRuns);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    return (
      `| ${files.toLocaleString('en-US')} files | ${findMs.toFixed(0)} ms | ${sizeMs.toFixed(0)} ms | ${floorMs.toFixed(0)} ms | ${scanMs.toFixed(0)} ms ` +
      `| ${(scanMs / findMs).toFixed(2)}x | ${(scanMs / sizeMs).toFixed(2)}x | ${(scanMs / floorMs).toFixed(2)}x | ${rssMb.toFixed(0)} MB |`
    );
  } finally {
    if (!args.has('--keep')) rmSync(root, { recursive: true, force: true });
    else console.error(`kept ${root}`);
  }
}

console.log(`dockfix context bench: node ${process.version}, median of ${RUNS} runs, scan with measureExcluded (walks every file)\n`);
console.log('| tree | find -type f \\| wc -l | find -type f -printf %s | Node floor (readdir + lstat) | scanContext | ratio vs find | ratio vs find -printf | ratio vs floor | peak RSS (process) |');
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(await bench(100_000));
if (args.has('--huge') || process.env.BENCH_HUGE === '1') console.log(await bench(1_000_000));
