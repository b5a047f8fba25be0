/** Glob matching through micromatch, loaded on first use to keep start-up fast. */
import { createRequire } from 'node:module';
import type Micromatch from 'micromatch';

const requireModule = createRequire(import.meta.url);
let micromatchModule: typeof Micromatch | undefined;

export function matchesAnyGlob(value: string, globs: readonly string[], options: Micromatch.Options = { dot: true }): boolean {
  if (globs.length === 0) return false;
  micromatchModule ??= requireModule('micromatch') as typeof Micromatch;
  return micromatchModule.isMatch(value, [...globs], options);
}
