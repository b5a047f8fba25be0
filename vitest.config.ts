import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/**/*.test.ts'],
    // CI has 2 cores; the CLI tests spawn processes, so keep the pool small.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
