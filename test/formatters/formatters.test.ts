/**
 * Golden outputs of the CI formatters on one fixed set of results: a file with
 * findings whose messages need escaping (newline, %, <&>, quotes, `,` and `:`),
 * a clean file and a file that could not be read.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, loadFormatter } from '../../src/formatters/index.js';
import { escapeData, escapeProperty } from '../../src/formatters/github.js';
import { xmlEscape } from '../../src/formatters/shared.js';
import { CONTEXT, RESULTS } from './sample.js';

const render = async (name: string) => (await loadFormatter(name))(RESULTS, CONTEXT);

describe('formatter registry', () => {
  it('lists every format and loads each one lazily', async () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit', 'compact']);
    for (const name of FORMAT_NAMES) expect(typeof (await loadFormatter(name))).toBe('function');
    await expect(loadFormatter('nope')).rejects.toThrow('unknown format "nope"');
  });

  it('asks the CLI for rule documentation only for SARIF', async () => {
    for (const name of FORMAT_NAMES) {
      expect([name, (await loadFormatter(name)).needs?.ruleDocs ?? false]).toEqual([name, name === 'sarif']);
    }
  });
});

describe('compact', () => {
  it('prints one line per finding, with line breaks in messages folded', async () => {
    expect(await render('compact')).toBe(
      'app/Dockerfile:1:14: warning from-as-casing "as" should be <AS> & match\n' +
      'app/Dockerfile:2:1: error undefined-var Line one line two: 100% a,b\n' +
      "app/Dockerfile:3:1: info non-root-user it's 'root'\n" +
      'bin/Dockerfile:1:1: error io-error looks like a binary file\n',
    );
  });
});

describe('github', () => {
  it('prints workflow-command annotations, info as notice', async () => {
    expect(await render('github')).toBe(
      '::warning file=app/Dockerfile,line=1,col=14,endLine=1,endColumn=16,title=dockfix from-as-casing::"as" should be <AS> & match\n' +
      '::error file=app/Dockerfile,line=2,col=1,endLine=2,endColumn=16,title=dockfix undefined-var::Line one%0Aline two: 100%25 a,b\n' +
      "::notice file=app/Dockerfile,line=3,col=1,endLine=3,endColumn=10,title=dockfix non-root-user::it's 'root'\n" +
      '::error file=bin/Dockerfile,line=1,col=1,endLine=1,endColumn=1,title=dockfix io-error::looks like a binary file\n',
    );
  });

  it('escapes %, CR and LF in data, and also , and : in properties', () => {
    expect(escapeData('50%\r\nnext: a,b')).toBe('50%25%0D%0Anext: a,b');
    expect(escapeProperty('dir,1/we:ird%\n')).toBe('dir%2C1/we%3Aird%25%0A');
  });

  it('escapes a path with , and : in the file property', async () => {
    const out = (await loadFormatter('github'))(
      [{ ...RESULTS[0], filePath: '/repo/a,b:c/Dockerfile', diagnostics: [RESULTS[0].diagnostics[0]] }],
      CONTEXT,
    );
    expect(out).toMatch(/^::warning file=a%2Cb%3Ac\/Dockerfile,line=1,/);
  });
});

describe('gitlab', () => {
  it('writes a Code Quality report with fingerprints and GitLab severities', async () => {
    const report = JSON.parse(await render('gitlab'));
    expect(report).toEqual([
      {
        description: '"as" should be <AS> & match',
        check_name: 'from-as-casing',
        fingerprint: '8049eb67ee23de06a9ba46da4b67a6e5:1',
        severity: 'minor',
        location: { path: 'app/Dockerfile', lines: { begin: 1 } },
      },
      {
        description: 'Line one\nline two: 100% a,b',
        check_name: 'undefined-var',
        fingerprint: '12e5b879aa5034fc266471333e4c570d:1',
        severity: 'major',
        location: { path: 'app/Dockerfile', lines: { begin: 2 } },
      },
      {
        description: "it's 'root'",
        check_name: 'non-root-user',
        fingerprint: '2568c3c359f41b007b305e27b4b8fee3:1',
        severity: 'info',
        location: { path: 'app/Dockerfile', lines: { begin: 3 } },
      },
      {
        description: 'looks like a binary file',
        check_name: 'io-error',
        fingerprint: 'io-error:bin/Dockerfile',
        severity: 'blocker',
        location: { path: 'bin/Dockerfile', lines: { begin: 1 } },
      },
    ]);
    expect(await render('gitlab')).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('uses the same fingerprints as SARIF', async () => {
    const gitlab = JSON.parse(await render('gitlab')) as { fingerprint: string }[];
    const sarif = JSON.parse(await render('sarif'));
    const sarifPrints = sarif.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['dockfix/v1']);
    expect(gitlab.slice(0, 3).map((issue) => issue.fingerprint)).toEqual(sarifPrints);
  });
});

describe('checkstyle', () => {
  it('writes escaped Checkstyle XML with every file', async () => {
    expect(await render('checkstyle')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
      '<checkstyle version="4.3">\n' +
      '  <file name="app/Dockerfile">\n' +
      '    <error line="1" column="14" severity="warning" message="&quot;as&quot; should be &lt;AS&gt; &amp; match" source="dockfix.from-as-casing"/>\n' +
      '    <error line="2" column="1" severity="error" message="Line one&#10;line two: 100% a,b" source="dockfix.undefined-var"/>\n' +
      '    <error line="3" column="1" severity="info" message="it&apos;s &apos;root&apos;" source="dockfix.non-root-user"/>\n' +
      '  </file>\n' +
      '  <file name="clean/Dockerfile">\n' +
      '  </file>\n' +
      '  <file name="bin/Dockerfile">\n' +
      '    <error line="1" column="1" severity="error" message="looks like a binary file" source="dockfix.io-error"/>\n' +
      '  </file>\n' +
      '</checkstyle>\n',
    );
  });

  it('replaces characters XML cannot carry', () => {
    expect(xmlEscape('a\u0000b\u001bc\ud800d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(xmlEscape('tab\there')).toBe('tab&#9;here');
  });
});

describe('junit', () => {
  it('writes a testsuite per file, a failing testcase per finding and a passing one for a clean file', async () => {
    expect(await render('junit')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<testsuites name="dockfix" tests="5" failures="3" errors="1">\n' +
      '  <testsuite name="app/Dockerfile" tests="3" failures="3" errors="0">\n' +
      '    <testcase name="from-as-casing at 1:14" classname="app/Dockerfile">\n' +
      '      <failure message="&quot;as&quot; should be &lt;AS&gt; &amp; match" type="warning">warning at line 1, column 14: "as" should be &lt;AS&gt; &amp; match (from-as-casing)</failure>\n' +
      '    </testcase>\n' +
      '    <testcase name="undefined-var at 2:1" classname="app/Dockerfile">\n' +
      '      <failure message="Line one&#10;line two: 100% a,b" type="error">error at line 2, column 1: Line one\nline two: 100% a,b (undefined-var)</failure>\n' +
      '    </testcase>\n' +
      '    <testcase name="non-root-user at 3:1" classname="app/Dockerfile">\n' +
      "      <failure message=\"it&apos;s &apos;root&apos;\" type=\"info\">info at line 3, column 1: it's 'root' (non-root-user)</failure>\n" +
      '    </testcase>\n' +
      '  </testsuite>\n' +
      '  <testsuite name="clean/Dockerfile" tests="1" failures="0" errors="0">\n' +
      '    <testcase name="dockfix" classname="clean/Dockerfile"/>\n' +
      '  </testsuite>\n' +
      '  <testsuite name="bin/Dockerfile" tests="1" failures="0" errors="1">\n' +
      '    <testcase name="io-error at 1:1" classname="bin/Dockerfile">\n' +
      '      <error message="looks like a binary file" type="error">error at line 1, column 1: looks like a binary file (io-error)</error>\n' +
      '    </testcase>\n' +
      '  </testsuite>\n' +
      '</testsuites>\n',
    );
  });
});
