/**
 * Suppressions users bring from hadolint and BuildKit, alias-level settings,
 * `--report-unused-ignores` and `# hadolint shell=`: through lintText/fixText
 * with the built-in rules.
 */
import { describe, expect, it } from 'vitest';
import { fixText, lintText } from '../src/lint.js';
import { EMPTY_CONFIG } from '../src/config.js';
import type { DockfixConfig } from '../src/config.js';
import { parseCheckDirective } from '../src/suppressions.js';

/** A final stage that runs as a user, so only the findings under test remain. */
const TWO_CMDS = 'FROM alpine:3.20\nUSER 1000\nCMD ["a"]\nCMD ["b"]\n';
const TWO_ENTRYPOINTS_AND_CMDS = 'FROM alpine:3.20\nUSER 1000\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nCMD ["c"]\nCMD ["d"]\n';

function findings(text: string, options: Parameters<typeof lintText>[1] = {}): string[] {
  return lintText(text, options).diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.severity}`);
}

function config(rules: Record<string, string>): DockfixConfig {
  const aliasLevels = new Map(Object.entries(rules).filter(([name]) => /^[A-Z]/.test(name))) as DockfixConfig['aliasLevels'];
  const ruleLevels = new Map(
    Object.entries(rules).filter(([name]) => !/^[A-Z]/.test(name)).map(([id, level]) => [id, { level: level as 'off', options: {} }]),
  );
  return { ...EMPTY_CONFIG, path: '/project/.dockfix.yaml', rules: ruleLevels, aliasLevels };
}

describe('# hadolint ignore=', () => {
  it('silences the next instruction by hadolint code', () => {
    expect(findings(TWO_CMDS)).toEqual(['3 multiple-instructions warning']);
    expect(findings('FROM alpine:3.20\nUSER 1000\n# hadolint ignore=DL4003\nCMD ["a"]\nCMD ["b"]\n')).toEqual([]);
  });

  it('reaches only the findings that stand for the code it names', () => {
    const text = 'FROM alpine:3.20\nUSER 1000\n# hadolint ignore=DL4003\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n';
    expect(findings(text)).toEqual(['4 multiple-instructions warning']);
  });

  it('accepts several codes, spaces, the hadolint/ prefix and codes dockfix does not have', () => {
    const text = 'FROM alpine:3.20\nUSER 1000\n# hadolint ignore=SC2086, hadolint/DL4003,DL3005\nCMD ["a"]\nCMD ["b"]\n';
    expect(findings(text)).toEqual([]);
  });

  it('global ignore covers the whole file', () => {
    expect(findings(`# hadolint global ignore=DL4003,DL4004\n${TWO_ENTRYPOINTS_AND_CMDS}`)).toEqual([]);
  });

  it('does not report unknown hadolint codes as invalid suppressions', () => {
    expect(findings(`# hadolint ignore=DL9999\n${TWO_CMDS}`)).toEqual(['4 multiple-instructions warning']);
  });
});

describe('# check= (BuildKit)', () => {
  it('skip= silences the named checks in the whole file', () => {
    expect(findings(`# check=skip=MultipleInstructionsDisallowed\n${TWO_ENTRYPOINTS_AND_CMDS}`)).toEqual([]);
  });

  it('skip=all silences every rule that covers a BuildKit check, and no other', () => {
    const text = '# check=skip=all\nFROM alpine:3.20\nMAINTAINER me\nCMD ["a"]\nCMD ["b"]\n';
    expect(findings(text)).toEqual(['2 non-root-user warning']);
  });

  it('error=true raises the findings of BuildKit checks to errors', () => {
    const text = `# check=error=true\n${TWO_CMDS}`;
    expect(findings(text)).toEqual(['4 multiple-instructions error']);
    expect(findings(`# check=skip=JSONArgsRecommended;error=true\n${TWO_CMDS}`)).toEqual(['4 multiple-instructions error']);
  });

  it('reads the directive as BuildKit does', () => {
    expect(parseCheckDirective('skip=A,B;error=true')).toEqual({ skip: ['A', 'B'], skipAll: false, error: true });
    expect(parseCheckDirective(' skip = all ')).toEqual({ skip: [], skipAll: true, error: false });
    expect(parseCheckDirective('error=false')).toEqual({ skip: [], skipAll: false, error: false });
  });

  it('is only a directive at the top of the file', () => {
    const text = 'FROM alpine:3.20\n# check=skip=MultipleInstructionsDisallowed\nUSER 1000\nCMD ["a"]\nCMD ["b"]\n';
    expect(findings(text)).toEqual(['4 multiple-instructions warning']);
  });
});

describe('alias-level settings', () => {
  it('an alias turned off drops only its findings', () => {
    expect(findings(TWO_ENTRYPOINTS_AND_CMDS, { config: config({ DL4003: 'off' }) })).toEqual(['3 multiple-instructions warning']);
  });

  it('an alias severity applies to its findings only', () => {
    expect(findings(TWO_ENTRYPOINTS_AND_CMDS, { config: config({ DL4004: 'error' }) })).toEqual([
      '3 multiple-instructions error',
      '5 multiple-instructions warning',
    ]);
  });

  it('all aliases off turns the rule off; --rule on the rule id wins over the config', () => {
    const allOff = config({ DL4003: 'off', DL4004: 'off', DL3012: 'off', MultipleInstructionsDisallowed: 'off' });
    expect(findings(TWO_ENTRYPOINTS_AND_CMDS, { config: allOff })).toEqual([]);
    expect(findings(TWO_ENTRYPOINTS_AND_CMDS, { config: allOff, ruleOverrides: new Map([['multiple-instructions', 'info']]) })).toEqual([
      '3 multiple-instructions info',
      '5 multiple-instructions info',
    ]);
  });

  it('an alias can turn on part of a rule that is off', () => {
    const partial = config({ 'multiple-instructions': 'off', DL4004: 'warning' });
    expect(findings(TWO_ENTRYPOINTS_AND_CMDS, { config: partial })).toEqual(['3 multiple-instructions warning']);
  });
});

describe('--report-unused-ignores', () => {
  const stale = 'FROM alpine:3.20\nUSER 1000\n# dockfix-ignore multiple-instructions -- fixed long ago\nCMD ["a"]\n';

  it('reports a comment that silences nothing, with a safe fix that removes it', () => {
    const result = lintText(stale, { reportUnusedIgnores: true });
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([
      '3:1 unused-suppression This suppression comment silences nothing on the next instruction (multiple-instructions): remove it.',
    ]);
    expect(fixText(stale, { reportUnusedIgnores: true }).output).toBe('FROM alpine:3.20\nUSER 1000\nCMD ["a"]\n');
    expect(lintText(stale).diagnostics).toEqual([]);
  });

  it('names the unused part of a comment that is partly used, without a fix', () => {
    const partly = 'FROM alpine:3.20\nUSER 1000\n# hadolint ignore=DL4003,DL4004\nCMD ["a"]\nCMD ["b"]\n';
    expect(lintText(partly, { reportUnusedIgnores: true }).diagnostics.map((d) => `${d.line} ${d.message} ${d.fix ? 'fix' : 'no fix'}`)).toEqual([
      '3 DL4004 finds nothing to silence on the next instruction: remove it from this comment. no fix',
    ]);
  });

  it('leaves names of rules that did not run alone, and BuildKit directives', () => {
    const text = '# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nUSER 1000\n# dockfix-ignore multiple-instructions\nCMD ["a"]\n';
    const off = { ...EMPTY_CONFIG, rules: new Map([['multiple-instructions', { level: 'off' as const, options: {} }]]) };
    expect(lintText(text, { reportUnusedIgnores: true, config: off }).diagnostics).toEqual([]);
  });

  it('reports a bare dockfix-ignore that silences nothing', () => {
    const text = 'FROM alpine:3.20\nUSER 1000\n# dockfix-ignore\nCMD ["a"]\n';
    expect(findings(text, { reportUnusedIgnores: true })).toEqual(['3 unused-suppression warning']);
  });
});

describe('# hadolint shell=', () => {
  const apt = 'RUN apt-get update && apt-get install -y curl\n';

  it('a non-POSIX shell pragma keeps shell rules quiet', () => {
    const posix = findings(`FROM debian:12-slim\nUSER 1000\n${apt}`);
    expect(posix.some((line) => line.includes('cache-mount'))).toBe(true);
    expect(findings(`FROM debian:12-slim\n# hadolint shell=powershell\nUSER 1000\n${apt}`)).toEqual([]);
  });

  it('before the first FROM it sets the default shell of every stage', () => {
    expect(findings(`# hadolint shell=pwsh\nFROM debian:12-slim AS a\n${apt}FROM debian:12-slim\nUSER 1000\n${apt}`)).toEqual([]);
  });
});
