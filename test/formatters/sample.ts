/** A small fixed set of results that every formatter test renders. */
import type { FormatContext, RuleInfo } from '../../src/formatters/types.js';
import type { FileResult, RuleMeta } from '../../src/types.js';

export const CWD = '/repo';

const APP = 'FROM node:22 as build\nRUN echo "100%"\nUSER root\n';

export const RESULTS: FileResult[] = [
  {
    filePath: '/repo/app/Dockerfile',
    kind: 'dockerfile',
    source: APP,
    diagnostics: [
      {
        ruleId: 'from-as-casing', severity: 'warning', message: '"as" should be <AS> & match',
        start: 13, end: 15, line: 1, column: 14, endLine: 1, endColumn: 16,
        fix: { applicability: 'safe', edits: [{ start: 13, end: 15, text: 'AS' }] },
      },
      {
        ruleId: 'undefined-var', severity: 'error', message: 'Line one\nline two: 100% a,b',
        start: 22, end: 37, line: 2, column: 1, endLine: 2, endColumn: 16,
      },
      {
        ruleId: 'non-root-user', severity: 'info', message: "it's 'root'",
        start: 38, end: 47, line: 3, column: 1, endLine: 3, endColumn: 10,
        fix: { applicability: 'unsafe', edits: [{ start: 38, end: 47, text: 'USER node\n# was root' }] },
      },
    ],
  },
  { filePath: '/repo/clean/Dockerfile', kind: 'dockerfile', source: 'FROM scratch\n', diagnostics: [] },
  { filePath: '/repo/bin/Dockerfile', kind: 'dockerfile', diagnostics: [], fatal: '/repo/bin/Dockerfile: looks like a binary file' },
];

const meta = (id: string, category: RuleMeta['category'], severity: RuleMeta['severity'], aliases: string[]): RuleMeta => ({
  id, description: `The ${id} rule.`, category, severity, fileKind: 'dockerfile', aliases,
});

export const DOCS = [
  '# from-as-casing',
  '',
  '**Severity:** warning · **Category:** style',
  '',
  'The AS keyword should match',
  'the case of FROM.',
  '',
  '## Bad',
  '',
  '```dockerfile',
  'FROM node:22 as build',
  '```',
  '',
  '## Good',
  '',
  '```dockerfile',
  'FROM node:22 AS build',
  '```',
  '',
].join('\n');

export const RULES: RuleInfo[] = [
  { meta: meta('from-as-casing', 'style', 'warning', ['FromAsCasing']), helpUri: 'https://example.com/from-as-casing', docs: DOCS },
  { meta: meta('non-root-user', 'security', 'warning', ['DL3002']), helpUri: 'https://example.com/non-root-user' },
  { meta: meta('undefined-var', 'correctness', 'warning', []) },
];

export const CONTEXT: FormatContext = {
  cwd: CWD,
  color: false,
  toolVersion: '1.2.3',
  informationUri: 'https://example.com/dockfix',
  rules: RULES,
  sarifCategory: 'dockerfiles/',
};
