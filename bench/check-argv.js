// Checks that the CLI's fast reading of command lines (fastArguments in src/cli.ts) gives exactly
// what yargs gives, on generated command lines. Run after `npm run build`:
//   node bench/check-argv.js [--cases N]
// Exits 1 and prints the first differences when there are any.
import { isDeepStrictEqual } from 'node:util';
import { fastArguments, yargsArguments } from '../dist/src/cli.js';

const argv = process.argv.slice(2);
const CASES = argv.includes('--cases') ? Number(argv[argv.indexOf('--cases') + 1]) : 20_000;
let seed = 12345;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const WORDS = [
  'Dockerfile', 'services/api', '.', '-', 'rules', 'explain', 'context', 'migrate', 'json', 'sarif', 'github', 'x=off', 'DL3008=error',
  'out.sarif', 'sarif:out.sarif', '3', '0', '1e3', '0x1f', '-1', 'true', 'false', '', 'a b', 'build', './Dockerfile',
];
const FLAGS = [
  '--format', '-f', '--output', '-o', '--sarif-category', '--baseline', '--baseline-write', '--fix', '--unsafe-fixes', '--fix-dry-run',
  '--diff', '--config', '-c', '--rule', '--target', '--dockerfile', '--list', '--context', '--quiet', '-q', '--max-warnings',
  '--fail-level', '--report-unused-ignores', '--color', '--no-color', '--no-fix', '--no-quiet', '--stdin-filename', '--error-on-unmatched',
  '--format=json', '--rule=x=off', '--max-warnings=2', '--', '--help', '-h', '--version', '-v', '--unknown', '-qf', '--no-format', '--FIX',
];

const common = [
  [], ['Dockerfile'], ['.'], ['--format', 'json', 'Dockerfile'], ['--fix', 'Dockerfile'], ['--diff'], ['-q', '.'], ['-f', 'sarif', '-o', 'out.sarif'],
  ['--rule', 'x=off'], ['--rule', 'x=off', '--rule', 'y=error', 'Dockerfile'], ['--no-color', 'Dockerfile'], ['-', '--stdin-filename', 'Dockerfile'],
  ['--max-warnings', '0', 'Dockerfile'], ['rules', '--format', 'json'], ['explain', 'DL3008'], ['context', '.', '--list'], ['--target', 'prod', '.'],
  ['--fix', '--unsafe-fixes', 'Dockerfile'], ['--output', 'sarif:out.sarif', '--output', 'junit:out.xml'], ['--baseline', 'b.json', '.'],
];

let fast = 0;
let checked = 0;
const differences = [];
async function check(args) {
  checked++;
  const quick = fastArguments(args);
  if (quick === undefined) return;
  fast++;
  let slow;
  try {
    slow = await yargsArguments(args);
  } catch (error) {
    differences.push({ args, quick, slow: `throws ${error.message}` });
    return;
  }
  if (!isDeepStrictEqual(quick, slow)) differences.push({ args, quick, slow });
}

let commonFast = 0;
for (const args of common) {
  if (fastArguments(args) !== undefined) commonFast++;
  await check(args);
}
for (let i = 0; i < CASES; i++) {
  const args = [];
  const length = Math.floor(random() * 6);
  for (let j = 0; j < length; j++) args.push(random() < 0.5 ? pick(WORDS) : pick(FLAGS));
  await check(args);
}
for (const { args, quick, slow } of differences.slice(0, 10)) {
  console.log(`DIFFERENT for ${JSON.stringify(args)}\n  fast:  ${JSON.stringify(quick)}\n  yargs: ${JSON.stringify(slow)}`);
}
console.log(`${checked} command lines, ${fast} read without yargs (${commonFast} of ${common.length} common ones), ${differences.length} different`);
process.exit(differences.length > 0 ? 1 : 0);
