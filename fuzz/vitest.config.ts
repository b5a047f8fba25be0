/**
 * `npm run fuzz`: the robustness properties of test/robustness/properties.test.ts
 * on 100,000 inputs (FUZZ_RUNS) with a fresh seed (FUZZ_SEED), in two files so
 * that both cores work. Not part of `npm test`. See fuzz/README.md.
 */
import { defineConfig } from 'vitest/config';

// One seed for both files (the workers inherit the environment); printed by every property.
process.env.FUZZ_SEED ??= String((Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0);

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['fuzz/*.fuzz.ts'],
    maxWorkers: 2,
    // A full run takes minutes; a failure shrinks its counterexample before it reports.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
