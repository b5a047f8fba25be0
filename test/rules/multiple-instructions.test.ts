import rule from '../../rules/multiple-instructions.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    'FROM node:22\nCMD ["node", "a.js"]\n',
    { name: 'one per stage', code: 'FROM node:22 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:22\nCMD ["node", "a.js"]\n' },
    { name: 'ENTRYPOINT plus CMD', code: 'FROM node:22\nENTRYPOINT ["node"]\nCMD ["a.js"]\nHEALTHCHECK CMD ["node", "health.js"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nCMD ["node", "a.js"]\nRUN npm ci\nCMD ["node", "b.js"]\n',
      errors: [{ message: 'This CMD has no effect: the CMD at line 4 replaces it. Remove one of them.', line: 2, column: 1, suggestions: 1 }],
    },
    {
      name: 'three ENTRYPOINTs',
      code: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nENTRYPOINT ["c"]\n',
      errors: [
        { message: 'This ENTRYPOINT has no effect: the ENTRYPOINT at line 4 replaces it. Remove one of them.', line: 2, column: 1 },
        { message: 'This ENTRYPOINT has no effect: the ENTRYPOINT at line 4 replaces it. Remove one of them.', line: 3, column: 1 },
      ],
    },
    {
      name: 'HEALTHCHECK twice',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
      errors: [{ message: /HEALTHCHECK at line 3/, line: 2, column: 1 }],
    },
  ],
});
