/**
 * SARIF: structure (always runs) and validity against the official 2.1.0
 * schema, which lives outside this repository in ../shared/schemas. A clone
 * without it skips the schema tests and says so.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import sarif, { docExample, docParagraph, pascalCase, toSarifLog } from '../../src/formatters/sarif.js';
import type { SarifLog } from '../../src/formatters/sarif.js';
import type { Diagnostic, FileResult } from '../../src/types.js';
import { CONTEXT, DOCS, RESULTS } from './sample.js';
import { HAS_SARIF_SCHEMA, SARIF_SCHEMA_PATH, sarifValidator } from './sarif-schema.js';

if (!HAS_SARIF_SCHEMA) {
  console.warn(`[sarif.test] ${SARIF_SCHEMA_PATH} is not present (it is not part of the repository): skipping the SARIF schema validation tests.`);
}

function validate(log: unknown): void {
  const validator = sarifValidator();
  const ok = validator(log);
  expect(validator.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const log = (): SarifLog => JSON.parse(sarif(RESULTS, CONTEXT));

function manyResults(count: number): FileResult[] {
  const source = 'FROM scratch\n'.repeat(count);
  const severities = ['info', 'warning', 'error'] as const;
  const diagnostics: Diagnostic[] = Array.from({ length: count }, (_, i) => ({
    ruleId: 'undefined-var',
    severity: severities[i % 3],
    message: `finding ${i}`,
    start: i * 13,
    end: i * 13 + 4,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 5,
  }));
  return [{ filePath: '/repo/Dockerfile', kind: 'dockerfile', source, diagnostics }];
}

describe('SARIF structure', () => {
  it('describes one dockfix run with the rules that ran', () => {
    const { runs, version, $schema } = log();
    expect(version).toBe('2.1.0');
    expect($schema).toContain('sarif-schema-2.1.0.json');
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run.automationDetails).toEqual({ id: 'dockerfiles/' });
    expect(run.tool.driver).toMatchObject({ name: 'dockfix', semanticVersion: '1.2.3', informationUri: 'https://example.com/dockfix' });
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(['from-as-casing', 'non-root-user', 'undefined-var']);
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'from-as-casing',
      name: 'FromAsCasing',
      shortDescription: { text: 'The from-as-casing rule.' },
      fullDescription: { text: 'The AS keyword should match the case of FROM.' },
      help: {
        text: 'The from-as-casing rule.\n\nBad:\nFROM node:22 as build\n\nGood:\nFROM node:22 AS build\n\nDocumentation: https://example.com/from-as-casing',
        markdown: 'The from-as-casing rule.\n\n## Bad\n\n```dockerfile\nFROM node:22 as build\n```\n\n## Good\n\n```dockerfile\nFROM node:22 AS build\n```\n\n[Documentation](https://example.com/from-as-casing)',
      },
      helpUri: 'https://example.com/from-as-casing',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['style', 'FromAsCasing'], precision: 'very-high' },
    });
  });

  it('gives security-severity to security rules only', () => {
    const rules = log().runs[0].tool.driver.rules;
    expect(rules[1].properties).toEqual({ tags: ['security', 'DL3002'], precision: 'high', 'security-severity': '5.5' });
    expect(rules.filter((rule) => 'security-severity' in rule.properties).map((rule) => rule.id)).toEqual(['non-root-user']);
  });

  it('writes results with level, region, repo-relative URI, fingerprint and fixes', () => {
    const results = log().runs[0].results;
    expect(results.map((result) => [result.ruleId, result.ruleIndex, result.level])).toEqual([
      ['from-as-casing', 0, 'warning'],
      ['undefined-var', 2, 'error'],
      ['non-root-user', 1, 'note'],
    ]);
    expect(results[1]).toEqual({
      ruleId: 'undefined-var',
      ruleIndex: 2,
      level: 'error',
      message: { text: 'Line one\nline two: 100% a,b' },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 16 },
        },
      }],
      partialFingerprints: { 'dockfix/v1': '12e5b879aa5034fc266471333e4c570d:1' },
    });
    expect(results[0].fixes).toEqual([{
      description: { text: 'Safe fix: dockfix --fix applies it.' },
      artifactChanges: [{
        artifactLocation: { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' },
        replacements: [{ deletedRegion: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 16 }, insertedContent: { text: 'AS' } }],
      }],
    }]);
    expect(results[2].fixes?.[0].description.text).toMatch(/^Unsafe fix/);
  });

  it('reports unreadable files as tool notifications and marks the run unsuccessful', () => {
    const [invocation] = log().runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([{
      level: 'error',
      message: { text: 'looks like a binary file' },
      descriptor: { id: 'io-error' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bin/Dockerfile', uriBaseId: '%SRCROOT%' } } }],
    }]);
  });

  it('defaults the category to dockfix/, adds the final slash, and describes rules it was not told about', () => {
    const bare = toSarifLog(RESULTS, { cwd: '/repo', color: false });
    expect(bare.runs[0].automationDetails.id).toBe('dockfix/');
    expect(bare.runs[0].tool.driver.rules.map((rule) => rule.id)).toEqual(['from-as-casing', 'undefined-var', 'non-root-user']);
    expect(toSarifLog(RESULTS, { ...CONTEXT, sarifCategory: 'api' }).runs[0].automationDetails.id).toBe('api/');
  });

  it('percent-encodes URIs, uses forward slashes, and gives files outside the root an absolute file URI', () => {
    const one = (filePath: string) => toSarifLog([{ ...RESULTS[0], filePath }], CONTEXT).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(one('/repo/my app/Dockerfile#1')).toEqual({ uri: 'my%20app/Dockerfile%231', uriBaseId: '%SRCROOT%' });
    expect(one('/elsewhere/Dockerfile')).toEqual({ uri: 'file:///elsewhere/Dockerfile' });
    expect(one('services/api/Dockerfile')).toEqual({ uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' });
  });

  it('writes fix text with the file\'s own line endings', () => {
    const crlf: FileResult = {
      ...RESULTS[0],
      source: RESULTS[0].source!.replace(/\n/g, '\r\n'),
      diagnostics: [{ ...RESULTS[0].diagnostics[2], start: 40, end: 49 }],
    };
    const [result] = toSarifLog([crlf], CONTEXT).runs[0].results;
    expect(result.fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('USER node\r\n# was root');
  });

  it('keeps the most severe results within the result limit and warns', () => {
    const warnings: string[] = [];
    const truncated = toSarifLog(manyResults(30), { ...CONTEXT, warn: (message) => warnings.push(message) }, { maxResults: 12, maxGzipBytes: 10 * 1024 * 1024 });
    const results = truncated.runs[0].results;
    expect(results).toHaveLength(12);
    expect(results.filter((result) => result.level === 'error')).toHaveLength(10);
    expect(results.filter((result) => result.level === 'warning')).toHaveLength(2);
    // Kept in file order.
    expect(results.map((result) => result.locations[0].physicalLocation.region.startLine)).toEqual([...results.map((r) => r.locations[0].physicalLocation.region.startLine)].sort((a, b) => a - b));
    expect(warnings).toEqual([expect.stringContaining('truncated to the 12 most severe of 30 results')]);
    expect(truncated.runs[0].invocations[0].toolExecutionNotifications.at(-1)).toMatchObject({ level: 'warning', descriptor: { id: 'sarif-truncated' } });
  });

  it('shrinks the log below the gzip size limit', () => {
    const warnings: string[] = [];
    const limits = { maxResults: 25_000, maxGzipBytes: 4_000 };
    const truncated = toSarifLog(manyResults(3_000), { ...CONTEXT, warn: (message) => warnings.push(message) }, limits);
    expect(gzipSync(JSON.stringify(truncated, null, 2) + '\n').length).toBeLessThanOrEqual(4_000);
    expect(truncated.runs[0].results.length).toBeGreaterThan(0);
    expect(truncated.runs[0].results.every((result) => result.level === 'error')).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('does not warn when everything fits', () => {
    const warnings: string[] = [];
    toSarifLog(manyResults(30), { ...CONTEXT, warn: (message) => warnings.push(message) });
    expect(warnings).toEqual([]);
  });

  it('reads the examples and the first paragraph of a rule\'s documentation', () => {
    expect(pascalCase('copy-from-unknown-stage')).toBe('CopyFromUnknownStage');
    expect(docExample(DOCS, 'Bad')).toEqual({ language: 'dockerfile', code: 'FROM node:22 as build' });
    expect(docExample(DOCS, 'Good')).toEqual({ language: 'dockerfile', code: 'FROM node:22 AS build' });
    expect(docExample('# x\n\n## Other\n', 'Bad')).toBeUndefined();
    expect(docParagraph(DOCS)).toBe('The AS keyword should match the case of FROM.');
  });
});

describe('SARIF schema validation (needs ../shared/schemas/sarif-schema-2.1.0.json)', () => {
  it.skipIf(!HAS_SARIF_SCHEMA)('the sample log is valid SARIF 2.1.0', () => {
    validate(log());
  });

  it.skipIf(!HAS_SARIF_SCHEMA)('a log without rules, results or version is valid', () => {
    validate(toSarifLog([], { cwd: '/repo', color: false }));
  });

  it.skipIf(!HAS_SARIF_SCHEMA)('a truncated log is still valid', () => {
    validate(toSarifLog(manyResults(30), CONTEXT, { maxResults: 5, maxGzipBytes: 10 * 1024 * 1024 }));
  });

  it.skipIf(!HAS_SARIF_SCHEMA)('the schema check rejects a broken log', () => {
    const broken = log() as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'fatal';
    expect(() => validate(broken)).toThrow();
  });
});
