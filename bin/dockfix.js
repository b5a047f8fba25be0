#!/usr/bin/env node
// The dockfix command. It runs dist/cli.cjs, the command line that `npm run build` bundles into one
// file (scripts/bundle-cli.js), through vm.Script with V8's code cache: the first run saves the
// compiled code, later runs reuse it instead of compiling the bundle again (Node 20 has no
// module.enableCompileCache). Without the bundle it runs dist/src/cli.js. See docs/performance.md.
// DOCKFIX_COMPILE_CACHE=0 turns the cache off.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// A run lints each file once: V8's default optimizing compiler spends more on compiling the many
// briefly hot functions of the rules than it saves. Eight times the default interrupt budget
// (132 KB) leaves only the really hot ones to it: about a quarter less CPU on the corpus.
setFlagsFromString('--interrupt-budget=1056000');

const bundle = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));

/** Where this bundle's compiled code is kept: a directory only this user can write, or undefined. */
function cacheFileFor(stats) {
  if (process.env.DOCKFIX_COMPILE_CACHE === '0') return undefined;
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const directory = join(tmpdir(), `dockfix-compile-cache${uid === undefined ? '' : `-${uid}`}`);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const owner = statSync(directory);
    // Compiled code from a directory others can write to could run as this user: use none.
    if (!owner.isDirectory() || (uid !== undefined && (owner.uid !== uid || (owner.mode & 0o022) !== 0))) return undefined;
    let hash = 5381;
    for (let index = 0; index < bundle.length; index++) hash = (Math.imul(hash, 33) ^ bundle.charCodeAt(index)) >>> 0;
    // One file per bundle and Node version; a rebuilt bundle (another size, mtime or inode) replaces it.
    const prefix = `cli-${hash.toString(36)}-${process.version}-${process.arch}-`;
    return { directory, prefix, file: join(directory, `${prefix}${stats.size}-${Math.floor(stats.mtimeMs)}-${stats.ino}.bin`) };
  } catch {
    return undefined;
  }
}

/** Saves the code compiled during this run, replacing what an older build of the bundle left. */
function saveCache(script, cache, replacing) {
  try {
    const data = script.createCachedData();
    if (data.length <= replacing) return;
    const temporary = `${cache.file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, cache.file);
    for (const name of readdirSync(cache.directory)) {
      if (name.startsWith(cache.prefix) && join(cache.directory, name) !== cache.file && name.endsWith('.bin')) rmSync(join(cache.directory, name), { force: true });
    }
  } catch {
    // The cache only saves time.
  }
}

let main;
let finish = () => {};
let source;
let stats;
try {
  stats = statSync(bundle);
  // The bundle is ASCII (esbuild escapes the rest; scripts/bundle-cli.js checks), and latin1 reads faster.
  source = readFileSync(bundle, 'latin1');
} catch {
  source = undefined;
}
if (source === undefined) {
  ({ main } = await import('../dist/src/cli.js'));
} else {
  const cache = cacheFileFor(stats);
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(cache.file);
    } catch {
      cachedData = undefined;
    }
  }
  // The wrapper starts on the bundle's first line, so stack traces keep its line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __dockfixImportHook) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle), (specifier) => import(specifier));
  ({ main } = module.exports);
  // A cache written by a run that compiled little (--version) is replaced by a larger one later.
  if (cache && (cachedData === undefined || script.cachedDataRejected || cachedData.length < source.length / 2)) {
    finish = () => saveCache(script, cache, cachedData === undefined || script.cachedDataRejected ? 0 : cachedData.length);
  }
}

const chunks = [];
const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks);
  },
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

process.exitCode = await main(process.argv.slice(2), io);
finish();
