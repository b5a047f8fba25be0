/**
 * `npm run fuzz`, second half: Dockerfiles in build contexts, mutated corpus
 * files (from ../shared/corpus; skipped, saying so, when it is absent) and
 * ignore files.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  grammarDockerfile,
  grammarIgnoreFile,
  loadCorpus,
  mutatedCorpusFile,
  robustnessProblems,
  syntheticContext,
} from '../test/helpers/dockerfile-arbitraries.js';
import { fuzz, selected } from './shared.js';

it.runIf(selected('grammar Dockerfiles in a build context'))('grammar Dockerfiles in a build context', () => {
  fuzz(
    'grammar Dockerfiles in a build context',
    fc.tuple(grammarDockerfile, fc.option(grammarIgnoreFile, { nil: undefined })),
    ([text]) => text,
    ([text, ignore]) => robustnessProblems(text, { kind: 'dockerfile', buildContext: syntheticContext(ignore) }),
  );
});

it.runIf(selected('grammar ignore files'))('grammar ignore files', () => {
  fuzz(
    'grammar ignore files',
    fc.tuple(grammarIgnoreFile, fc.boolean()),
    ([text]) => text,
    ([text, inContext]) => robustnessProblems(text, { kind: 'dockerignore', buildContext: inContext ? syntheticContext(text) : undefined }),
  );
});

const corpus = loadCorpus();

describe.skipIf(!corpus)('../shared/corpus', () => {
  const files = corpus ?? [];

  it.runIf(selected('mutated corpus Dockerfiles'))('mutated corpus Dockerfiles', () => {
    fuzz('mutated corpus Dockerfiles', mutatedCorpusFile(files, 'dockerfile'), ({ text }) => text, ({ text, path }) =>
      robustnessProblems(text, { kind: 'dockerfile', filePath: path }),
    );
  });

  it.runIf(selected('mutated corpus ignore files'))('mutated corpus ignore files', () => {
    fuzz('mutated corpus ignore files', mutatedCorpusFile(files, 'dockerignore'), ({ text }) => text, ({ text, path }) =>
      robustnessProblems(text, { kind: 'dockerignore', filePath: path, buildContext: syntheticContext(text) }),
    );
  });
});

describe.skipIf(corpus !== undefined)('corpus', () => {
  it.skip('../shared/corpus is not beside this checkout: the corpus mutation properties are skipped', () => {});
});
