/** `npm run fuzz`, first half: Dockerfiles generated from the grammar. */
import { it } from 'vitest';
import { grammarDockerfile, robustnessProblems } from '../test/helpers/dockerfile-arbitraries.js';
import { fuzz, selected } from './shared.js';

it.runIf(selected('grammar Dockerfiles'))('grammar Dockerfiles', () => {
  fuzz('grammar Dockerfiles', grammarDockerfile, (text) => text, (text) => robustnessProblems(text, { kind: 'dockerfile' }));
});
