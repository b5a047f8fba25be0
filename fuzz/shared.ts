/**
 * What both fuzz files share: the seed, the share of FUZZ_RUNS each property
 * gets, FUZZ_ONLY to run one property, FUZZ_PATH to replay one failure, progress
 * and the report: one shrunk counterexample per distinct problem, and the
 * known issues seen.
 */
import type fc from 'fast-check';
import { KNOWN_ISSUES, runProperty, surveyProperty } from '../test/helpers/dockerfile-arbitraries.js';

/** Total inputs over all properties (default 100,000). */
export const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? '100000');
/** Every property uses this seed (fuzz/vitest.config.ts draws one per run); a failure prints the seed and path that replay it. */
export const SEED = Number(process.env.FUZZ_SEED ?? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0);

/** The share of the inputs each property gets (they add up to 1). */
export const SHARES: Readonly<Record<string, number>> = {
  'grammar Dockerfiles': 0.4,
  'grammar Dockerfiles in a build context': 0.1,
  'mutated corpus Dockerfiles': 0.3,
  'grammar ignore files': 0.12,
  'mutated corpus ignore files': 0.08,
};

export function selected(name: string): boolean {
  return process.env.FUZZ_ONLY === undefined || process.env.FUZZ_ONLY === name;
}

export function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, text: (input: T) => string, check: (input: T) => string[]): void {
  if (process.env.FUZZ_PATH !== undefined) {
    // Replay: stops at the failure and shrinks it again.
    runProperty({ name, arbitrary, text, check, numRuns: 1, seed: SEED, path: process.env.FUZZ_PATH });
    console.log(`fuzz: ${name}: FUZZ_PATH=${process.env.FUZZ_PATH} passes now`);
    return;
  }
  const numRuns = Math.max(1, Math.round(TOTAL_RUNS * (SHARES[name] ?? 0)));
  const started = Date.now();
  const every = Math.max(1000, Math.round(numRuns / 10));
  console.log(`fuzz: ${name}: ${numRuns} inputs, seed ${SEED}`);
  const { reports, known } = surveyProperty({
    name,
    arbitrary,
    text,
    check,
    numRuns,
    seed: SEED,
    onProgress: (checked) => {
      if (checked % every === 0) console.log(`fuzz: ${name}: ${checked}/${numRuns} (${Math.round((Date.now() - started) / 1000)} s)`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const [id, count] of known) {
    const issue = KNOWN_ISSUES.find((candidate) => candidate.id === id);
    console.log(`fuzz: ${name}: known issue ${id} (${issue?.where}) in ${count} input(s); FUZZ_STRICT=1 fails on it`);
  }
  if (reports.length === 0) {
    console.log(`fuzz: ${name}: ${numRuns} inputs passed in ${seconds} s (seed ${SEED})`);
    return;
  }
  const text_ = reports
    .map((report, index) =>
      [
        `#${index + 1} ${report.signature} (${report.count} input(s))`,
        `Replay: FUZZ_ONLY=${JSON.stringify(name)} FUZZ_SEED=${report.seed} FUZZ_PATH=${report.path} npm run fuzz`,
        'Counterexample (shrunk), as a JavaScript string:',
        JSON.stringify(report.counterexample),
        'Problems:',
        ...report.problems,
      ].join('\n'),
    )
    .join('\n\n');
  throw new Error(`Property "${name}": ${reports.length} distinct problem(s) in ${numRuns} inputs (${seconds} s, seed ${SEED}):\n\n${text_}`);
}
