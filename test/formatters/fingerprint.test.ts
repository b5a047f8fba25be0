/** Fingerprints survive unrelated edits and change when the instruction does. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { fingerprintFile, instructionTexts, reportPath } from '../../src/fingerprint.js';
import { applyBaseline, createBaseline, parseBaseline } from '../../src/baseline.js';
import type { FileResult } from '../../src/types.js';

const BASE = 'FROM gcr.io/distroless/static-debian12:nonroot as base\nRUN echo a\nRUN echo b\nrun echo hi\nrun echo hi\n';

function prints(text: string, filePath = '/repo/Dockerfile'): Record<string, string[]> {
  // Two rules' findings are enough to follow; consecutive-run would add a third for the RUN lines.
  const result = lintText(text, { filePath, ruleOverrides: new Map([['consecutive-run', 'off']]) });
  const byRule: Record<string, string[]> = {};
  fingerprintFile(result, '/repo').forEach((print, index) => {
    (byRule[result.diagnostics[index].ruleId] ??= []).push(print.value);
  });
  return byRule;
}

describe('fingerprints', () => {
  it('are the same after blank lines and comments are added above and between', () => {
    const before = prints(BASE);
    expect(Object.keys(before).sort()).toEqual(['from-as-casing', 'instruction-casing']);
    const shifted = prints('# syntax=docker/dockerfile:1\n\n# a comment\n\nFROM gcr.io/distroless/static-debian12:nonroot as base\nRUN echo a\n\n# why\nRUN echo b\nrun echo hi\n\n\nrun   echo \\\n  hi\n');
    expect(shifted).toEqual(before);
  });

  it('count identical findings in order, and change when the instruction changes', () => {
    const before = prints(BASE);
    const [first, second] = before['instruction-casing'];
    expect(first.replace(/:\d+$/, '')).toBe(second.replace(/:\d+$/, ''));
    expect([first.slice(-2), second.slice(-2)]).toEqual([':1', ':2']);
    const changed = prints(BASE.replace('run echo hi\nrun', 'run echo bye\nrun'));
    expect(changed['instruction-casing']).not.toEqual(before['instruction-casing']);
    expect(changed['instruction-casing'][0]).not.toBe(first);
    expect(changed['from-as-casing']).toEqual(before['from-as-casing']);
  });

  it('depend on the file path and the rule', () => {
    expect(prints(BASE, '/repo/other/Dockerfile')['from-as-casing']).not.toEqual(prints(BASE)['from-as-casing']);
  });

  it('read a continued instruction as one, without its comment lines', () => {
    const texts = instructionTexts('FROM alpine\nRUN apk add \\\n# a comment\n    curl \\\n\n    git\nCMD ["sh"]\n', 'dockerfile');
    expect(texts.textAt(30)).toBe('RUN apk add curl git');
    expect(texts.textAt(0)).toBe('FROM alpine');
    expect(texts.textAt(60)).toBe('CMD ["sh"]');
    const backtick = instructionTexts('# escape=`\nFROM windows\nRUN a `\n  b\n', 'dockerfile');
    expect(backtick.textAt(26)).toBe('RUN a b');
    expect(instructionTexts('dist \\\nnode_modules\n', 'dockerignore').textAt(0)).toBe('dist \\');
  });

  it('show paths relative to the root with forward slashes', () => {
    expect(reportPath('/repo/a/Dockerfile', '/repo')).toBe('a/Dockerfile');
    expect(reportPath('a/Dockerfile', '/repo')).toBe('a/Dockerfile');
    expect(reportPath('/other/Dockerfile', '/repo')).toBe('/other/Dockerfile');
  });
});

describe('baselines', () => {
  const results = (text: string): FileResult[] => [lintText(text, { filePath: '/repo/Dockerfile', ruleOverrides: new Map([['consecutive-run', 'off']]) })];

  it('accept today\'s findings and report only new ones, also after unrelated edits', () => {
    const baseline = createBaseline(results(BASE), '/repo');
    expect(baseline.fingerprints.map((entry) => [entry.ruleId, entry.file, entry.count])).toEqual([
      ['from-as-casing', 'Dockerfile', 1],
      ['instruction-casing', 'Dockerfile', 2],
    ]);
    expect(applyBaseline(results(BASE), baseline, '/repo').results[0].diagnostics).toEqual([]);
    const edited = '# new comment\n\n' + BASE + 'RUN echo c\nRUN echo d\nrun echo hi\nrun echo new\n';
    const left = applyBaseline(results(edited), baseline, '/repo');
    expect(left.matched).toBe(3);
    expect(left.results[0].diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['10 instruction-casing', '11 instruction-casing']);
  });

  it('resolve relative result paths against cwd, not the baseline directory', () => {
    const relative: FileResult[] = [lintText(BASE, { filePath: 'app/Dockerfile' })];
    const baseline = createBaseline(relative, '/repo', '/repo');
    expect(baseline.fingerprints[0].file).toBe('app/Dockerfile');
    expect(applyBaseline([lintText(BASE, { filePath: '/repo/app/Dockerfile' })], baseline, '/repo').results[0].diagnostics).toEqual([]);
  });

  it('reject malformed baselines with the file name', () => {
    expect(() => parseBaseline([], 'b.json')).toThrow('b.json: not a valid baseline: expected a JSON object');
    expect(() => parseBaseline({ version: 2, fingerprints: [] }, 'b.json')).toThrow('unsupported version 2');
    expect(() => parseBaseline({ version: 1, fingerprints: [{ fingerprint: 'x', ruleId: 'r', file: 'f', count: 0 }] }, 'b.json')).toThrow('fingerprints[0]');
    expect(parseBaseline({ version: 1, fingerprints: [] }, 'b.json')).toEqual({ version: 1, fingerprints: [] });
  });
});
