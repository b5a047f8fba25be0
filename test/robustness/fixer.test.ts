/**
 * The fixer's guarantees that the property tests found broken: fixes that undo
 * each other, or one broken fix, no longer starve the other fixes of passes
 * (so a second --fix changes nothing), and fixes are not applied inside an
 * instruction Docker cannot parse (where they could only be rejected).
 */
import { describe, expect, it } from 'vitest';
import { builtinRuleSet, fixText } from '../../src/lint.js';
import { RuleSet } from '../../src/rules.js';
import type { DockerfileRule } from '../../src/types.js';

function internalErrors(result: { diagnostics: readonly { ruleId: string; message: string }[] }): string[] {
  return result.diagnostics.filter((d) => d.ruleId === 'internal-error').map((d) => d.message);
}

describe('fix passes', () => {
  it('fixes of two rules that undo each other on one line do not use up the passes', () => {
    // instruction-casing wants FROM, from-as-casing wants "as" to match "from": together they
    // still report, alone each holds. Twelve such lines once needed more than the 10 passes.
    const stages = Array.from({ length: 12 }, (_, index) => `from base AS s${index}\nRUN echo ${index}\n`).join('');
    const text = `FROM alpine:3.19 AS base\nRUN echo base\n${stages}`;
    const fixed = fixText(text, { filePath: 'Dockerfile' });
    expect(internalErrors(fixed)).toEqual([]);
    expect(fixed.output).toBe(text.replace(/^from /gm, 'FROM '));
    expect(fixText(fixed.output, { filePath: 'Dockerfile' }).output).toBe(fixed.output);
  });

  it('a fix that breaks the file is dropped and reported, and every other fix is still applied', () => {
    const breaker: DockerfileRule = {
      meta: { id: 'test-breaker', description: 'Test rule whose fix breaks the file.', category: 'style', severity: 'warning', fileKind: 'dockerfile', fixable: 'safe', aliases: [] },
      check: ({ file }) => {
        const from = file.instructions[0];
        return from ? [{ start: from.start, end: from.end, message: 'breaks', fix: { applicability: 'safe', edits: [{ start: from.start, end: from.keywordEnd, text: 'FORM' }] } }] : [];
      },
    };
    const ruleSet = new RuleSet([...builtinRuleSet().rules, breaker]);
    const lines = Array.from({ length: 6 }, (_, index) => `run echo ${index}\nRUN echo ${index}\nMAINTAINER team${index}\n`).join('');
    const text = `FROM alpine:3.19\n${lines}from alpine:3.19 AS last\nUSER nobody\n`;
    const fixed = fixText(text, { filePath: 'Dockerfile', ruleSet });
    const withoutBreaker = fixText(text, { filePath: 'Dockerfile' }).output;
    expect(withoutBreaker).not.toBe(text);
    expect(fixed.output).toBe(withoutBreaker);
    expect(internalErrors(fixed)).toHaveLength(1);
    expect(internalErrors(fixed)[0]).toContain('The fix of rule test-breaker was not applied because its result does not parse');
  });
});

describe('what a fix must not break', () => {
  it('an edit that ends between the CR and LF of a line ending keeps the CRLF', () => {
    // Ranges that take in the "\r" of a CRLF once cut line endings in half (cache-mount in CRLF heredocs).
    const eraser: DockerfileRule = {
      meta: { id: 'test-eraser', description: 'Test rule that empties LABEL lines.', category: 'style', severity: 'warning', fileKind: 'dockerfile', fixable: 'safe', aliases: [] },
      check: ({ file }) =>
        file.instructions
          .filter((instruction) => instruction.keyword === 'LABEL')
          .map((instruction) => {
            const lineEnd = file.source.text.indexOf('\n', instruction.start);
            return { start: instruction.start, end: instruction.end, message: 'erase', fix: { applicability: 'safe' as const, edits: [{ start: instruction.start, end: lineEnd, text: '' }] } };
          }),
    };
    const ruleSet = new RuleSet([...builtinRuleSet().rules, eraser]);
    const fixed = fixText('FROM alpine:3.19\r\nLABEL a=b\r\nUSER nobody\r\n', { filePath: 'Dockerfile', ruleSet });
    expect(internalErrors(fixed)).toEqual([]);
    expect(fixed.output).toBe('FROM alpine:3.19\r\n\r\nUSER nobody\r\n');
  });

  it('a fix that brings another finding of its rule to light still holds', () => {
    // Declaring VERSION fixes "$VERSION is a global ARG" and makes undefined-var ask "did you mean $VERSION?" of $VERSIONX.
    const text = 'ARG VERSION\nFROM alpine:3.19\nUSER nobody\nADD ${VERSIONX} ${VERSION} /x/\n';
    const fixed = fixText(text, { filePath: 'Dockerfile', unsafe: true });
    expect(internalErrors(fixed)).toEqual([]);
    expect(fixed.output).toContain('FROM alpine:3.19\nARG VERSION\n');
    expect(fixed.diagnostics.filter((d) => d.ruleId === 'undefined-var').map((d) => d.message)).toEqual([
      expect.stringContaining('did you mean $VERSION?'),
    ]);
  });
});

describe('fixes that do not fix', () => {
  it('a fix that moves its finding and reports it again is rejected, not applied pass after pass', () => {
    // Moves the last RUN up; the rule then reports the moved RUN (with a new message), so nothing was fixed.
    let round = 0;
    const mover: DockerfileRule = {
      meta: { id: 'test-mover', description: 'Test rule whose fix only moves its finding.', category: 'style', severity: 'warning', fileKind: 'dockerfile', fixable: 'unsafe', aliases: [] },
      check: ({ file }) => {
        const runs = file.instructions.filter((instruction) => instruction.keyword === 'RUN');
        const last = runs[runs.length - 1];
        if (!last || file.instructions.length < 3) return [];
        const text = file.source.text.slice(last.start, last.end);
        const first = file.instructions[1];
        round++;
        return [{
          start: last.start,
          end: last.end,
          message: `move it (${round})`,
          fix: { applicability: 'unsafe', edits: [{ start: first.start, end: first.start, text: `${text}\nCOPY x${round} /\n` }, { start: last.start, end: last.end + 1, text: '' }] },
        }];
      },
    };
    const ruleSet = new RuleSet([...builtinRuleSet().rules, mover]);
    const text = 'FROM alpine:3.19\nUSER nobody\nCOPY . /app\nRUN echo hi\n';
    const fixed = fixText(text, { filePath: 'Dockerfile', ruleSet, unsafe: true });
    expect(fixed.output).toBe(text);
    expect(internalErrors(fixed)).toEqual([expect.stringContaining('The fix of rule test-mover was not applied because its result still reports the finding')]);
  });
});

describe('instructions that do not parse', () => {
  it.each([
    ['MAINTAINER before FROM', 'MAINTAINER Jane <jane@example.com>\nFROM alpine:3.19\n'],
    ['ADD before FROM', 'ADD app.txt /app/\nFROM alpine:3.19\n'],
    ['lower-case RUN before FROM', 'run echo hi\nFROM alpine:3.19\nRUN echo there\n'],
    ['a variable in an unknown instruction', "FROM node:22\nRUN echo 'a\ncase $BUILDPLATFORM'\n"],
  ])('%s: the fix is not applied, and not reported as an internal error', (_name, text) => {
    for (const unsafe of [false, true]) {
      const fixed = fixText(text, { filePath: 'Dockerfile', unsafe });
      expect(internalErrors(fixed)).toEqual([]);
      expect(fixed.diagnostics.some((d) => d.ruleId === 'parse-error')).toBe(true);
      expect(fixText(fixed.output, { filePath: 'Dockerfile', unsafe }).output).toBe(fixed.output);
    }
  });

  it('fixes elsewhere in the file still apply', () => {
    const fixed = fixText('MAINTAINER Jane\nFROM alpine:3.19\nrun echo hi\nRUN echo there\n', { filePath: 'Dockerfile' });
    expect(fixed.output).toBe('MAINTAINER Jane\nFROM alpine:3.19\nRUN echo hi\nRUN echo there\n');
  });
});
