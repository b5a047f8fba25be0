/**
 * fast-check arbitraries for Dockerfiles and ignore files, for the robustness
 * property tests (test/robustness/) and `npm run fuzz` (fuzz/).
 *
 * Two sources of input:
 * - a grammar: instructions with flags, heredocs, continuations, comments inside
 *   continuations, escape/syntax/check directives, JSON and shell forms, random
 *   shell, CRLF, lone CR, BOM and odd Unicode; ignore files with `!`, `**`,
 *   escapes, character classes, comments and blank lines;
 * - mutations of real files from ../shared/corpus (`loadCorpus`): lines deleted,
 *   duplicated, swapped or borrowed from the grammar, tricky snippets inserted,
 *   ranges cut, line endings switched, the file truncated.
 *
 * Every arbitrary yields plain text, so a failing property prints the text that
 * breaks (shrunk) as its counterexample.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { buildContext } from './build-context.js';
import { fixText, lintText } from '../../src/lint.js';
import { inUnparsable, parseErrorRanges } from '../../src/fixer.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { parseIgnoreFile } from '../../src/model/ignorefile.js';
import type { BuildContextInfo, Diagnostic } from '../../src/types.js';

// ---- Building blocks -------------------------------------------------------

/** Characters that have broken offset arithmetic elsewhere: case mappings that change length, astral, separators, controls. */
export const ODD_UNICODE: readonly string[] = [
  'é', 'e\u0301', 'ß', 'ﬃ', 'İ', 'ı', 'ſ', '\u212a' /* Kelvin sign */, 'ǅ', 'Σ', 'ς',
  '𝔘', '😀', '👩‍💻', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\u0085', '\u202e', '\u3000',
  '\uFEFF', '\t', '\v', '\f', '\u001b', '\u007f', '中文', 'ä', '\uFFFD', '\u0300',
];

const oddChar = fc.constantFrom(...ODD_UNICODE);

/** A short identifier-ish word, sometimes with odd characters in it. */
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('app', 'build', 'base', 'deps', 'runtime', 'builder', 'test', 'final', 'node', 'go', 'x', 'a-b', 'a_b', 'A1') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('app', 'b', ''), oddChar, fc.constantFrom('', 'x', '1')).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme-ascii' }) },
);

const varName = fc.constantFrom('VERSION', 'NODE_ENV', 'HOME', 'PATH', 'BASE', 'TARGETPLATFORM', 'BUILDPLATFORM', 'APP_DIR', 'PORT', 'DEBIAN_FRONTEND', 'X', 'lower', '1BAD', 'A-B');

const varRef = fc.oneof(
  varName.map((v) => `$${v}`),
  varName.map((v) => `\${${v}}`),
  fc.tuple(varName, fc.constantFrom(':-', '-', ':+', '+', ':?', '?', '%', '%%', '#', '##', '/', ''), fc.constantFrom('x', '', 'a b', '$HOME', '}')).map(([v, op, d]) => `\${${v}${op}${d}}`),
  fc.constant('${'),
  fc.constant('$'),
);

const image = fc.oneof(
  fc.constantFrom(
    'alpine', 'alpine:3.19', 'node:22-slim', 'node:lts', 'python:3.12-slim', 'golang:1.22 ', 'ubuntu:24.04', 'debian:bookworm-slim',
    'scratch', 'busybox@sha256:' + 'a'.repeat(64), 'gcr.io/distroless/static:nonroot', 'mcr.microsoft.com/windows/servercore:ltsc2022',
    'cgr.dev/chainguard/static:latest', 'registry:5000/team/img:tag', 'nginx:latest', 'rust:1', '--', 'FROM', ':', '@',
  ),
  varRef,
  fc.tuple(fc.constantFrom('node:', 'alpine:', 'img:'), varRef).map(([a, b]) => a + b),
  name,
);

const path = fc.oneof(
  fc.constantFrom(
    '.', './', '/', '/app', '/app/', 'app', 'src/', 'src', 'package.json', 'package*.json', 'requirements.txt', 'go.mod', 'go.sum',
    'Cargo.toml', '*.txt', '**/*.go', '/usr/local/bin/', '/root/.cache', '/var/lib/apt/lists', '../outside', '.env', 'id_rsa',
    'C:\\app', 'dir with space', '"quoted path"', "'single'", '/tmp/[x]', 'node_modules', 'dist/', '/etc/passwd',
  ),
  fc.tuple(fc.constantFrom('/app/', 'src/', ''), name).map(([a, b]) => a + b),
  varRef,
);

const packages = fc.array(fc.constantFrom('curl', 'git', 'ca-certificates', 'build-essential', 'python3', 'curl=7.88.1-10', 'pkg=1.*', 'nodejs', 'jq', '-y', '--no-install-recommends', 'libssl-dev'), { minLength: 0, maxLength: 4 }).map((list) => list.join(' '));

/** One simple shell command, realistic or random. */
const shellCommand: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(
    packages.map((p) => `apt-get update && apt-get install -y ${p}`),
    packages.map((p) => `apt-get install ${p}`),
    packages.map((p) => `apt install -y ${p}`),
    packages.map((p) => `apk add --no-cache ${p}`),
    packages.map((p) => `apk add ${p}`),
    packages.map((p) => `yum install -y ${p} && yum clean all`),
    packages.map((p) => `dnf install ${p}`),
    fc.constantFrom(
      'rm -rf /var/lib/apt/lists/*', 'npm ci', 'npm install', 'npm install --production', 'npm run build', 'yarn install --frozen-lockfile',
      'pnpm install', 'pip install -r requirements.txt', 'pip install --no-cache-dir flask', 'pip3 install requests==2.31.0',
      'go build -o /out/app ./...', 'go mod download', 'cargo build --release', 'mvn -B package', 'gradle build', 'bundle install',
      'composer install', 'cd /app', 'cd ..', 'mkdir -p /app', 'useradd -m app', 'useradd -u 1000 app', 'adduser -D app',
      'groupadd -r app && useradd -r -g app app', 'sudo apt-get update', 'chmod +x /entrypoint.sh', 'chown -R app:app /app',
      'curl -fsSL https://example.com/install.sh | sh', 'curl -o x.tgz https://example.com/x.tgz', 'wget https://example.com/x.tar.gz',
      'wget -q -O - https://example.com | bash', 'tar xzf x.tgz', 'echo "$HOME" > /tmp/x', 'export PATH=$PATH:/x', 'ln -s /a /b',
      'set -eux', 'set -o pipefail', 'true', ':', 'exit 0', 'source /etc/profile', '. ./env.sh', 'git clone https://github.com/a/b.git',
      'ls -la | grep foo | wc -l', 'ENV=1 cmd arg', 'cp -r src dst', 'python -m venv /venv', 'pip install -e .', 'npm i -g pnpm',
      'corepack enable', 'dotnet restore', 'Invoke-WebRequest -Uri https://x -OutFile y', 'cmd /S /C echo hi',
    ),
  ) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('echo', 'printf', 'test', '[', 'cat', 'exec'), fc.array(fc.oneof(varRef, name, path, fc.constantFrom('"a b"', "'x y'", '-n', ']', '>', '2>&1', '<', '>>', '|&')), { maxLength: 4 })).map(([c, a]) => [c, ...a].join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: fc.constantFrom(...'abc $(){}[]"\'`\\|&;<>#*?!=-_./~\t\n'.split('')) }) },
);

/** A script: commands joined by operators, with compound commands and nesting now and then. */
export const shellScript: fc.Arbitrary<string> = fc.letrec<{ script: string; command: string }>((tie) => ({
  command: fc.oneof(
    { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
    { weight: 8, arbitrary: shellCommand },
    { weight: 1, arbitrary: tie('script').map((s) => `( ${s} )`) },
    { weight: 1, arbitrary: tie('script').map((s) => `{ ${s}; }`) },
    { weight: 1, arbitrary: tie('script').map((s) => `echo $(${s})`) },
    { weight: 1, arbitrary: tie('script').map((s) => `echo \`${s}\``) },
    { weight: 1, arbitrary: tie('script').map((s) => `if [ -f x ]; then ${s}; else ${s}; fi`) },
    { weight: 1, arbitrary: tie('script').map((s) => `for i in 1 2; do ${s}; done`) },
    { weight: 1, arbitrary: tie('script').map((s) => `while false; do ${s}; done`) },
    { weight: 1, arbitrary: tie('script').map((s) => `case "$x" in a) ${s} ;; *) true ;; esac`) },
    { weight: 1, arbitrary: tie('script').map((s) => `sh -c '${s.replace(/'/g, '')}'`) },
    { weight: 1, arbitrary: tie('script').map((s) => `bash -c "${s.replace(/"/g, '')}"`) },
    { weight: 1, arbitrary: tie('script').map((s) => `f() { ${s}; }`) },
  ),
  script: fc
    .tuple(tie('command'), fc.array(fc.tuple(fc.constantFrom(' && ', ' || ', '; ', ' | ', ' & ', ' \\\n    && ', ' \\\n    ', '\n'), tie('command')), { maxLength: 3 }))
    .map(([first, rest]) => first + rest.map(([op, c]) => op + c).join('')),
})).script;

/** A random casing of a keyword: `run`, `Run`, `RUN`, `rUn`. */
function anyCase(keyword: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(keyword.toUpperCase()) },
    { weight: 2, arbitrary: fc.constant(keyword.toLowerCase()) },
    { weight: 1, arbitrary: fc.array(fc.boolean(), { minLength: keyword.length, maxLength: keyword.length }).map((flags) => [...keyword].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join('')) },
  );
}

const mountFlag = fc.oneof(
  fc.constantFrom(
    '--mount=type=cache,target=/root/.cache', '--mount=type=cache,target=/var/cache/apt,sharing=locked', '--mount=type=cache,id=npm,dst=/root/.npm',
    '--mount=type=secret,id=token', '--mount=type=secret,id=aws,target=/root/.aws/credentials', '--mount=type=ssh',
    '--mount=type=bind,from=build,source=/out,target=/in', '--mount=type=bind,target=.', '--mount=type=tmpfs,target=/tmp', '--mount=',
    '--mount=type=cache', '--mount=target=/x,type=cache,uid=1000', '--mount=type=cache,target=/root/.cache,from=x,source=/', '--mount=type=unknown',
  ),
  path.map((p) => `--mount=type=cache,target=${p}`),
);

const runFlag = fc.oneof(mountFlag, fc.constantFrom('--network=none', '--network=host', '--security=insecure', '--network', '--frobnicate', '--mount', '-x'));
const copyFlag = fc.oneof(
  fc.constantFrom('--chown=1000:1000', '--chown=app', '--chmod=755', '--chmod=0644', '--link', '--link=false', '--parents', '--exclude=*.md', '--from=0', '--from=', '--chown', '--checksum=sha256:' + '0'.repeat(64), '--keep-git-dir=true', '--unpack'),
  name.map((n) => `--from=${n}`),
  image.map((i) => `--from=${i}`),
);
const fromFlag = fc.constantFrom('--platform=$BUILDPLATFORM', '--platform=linux/amd64', '--platform=$TARGETPLATFORM', '--platform', '--platform=${BUILDPLATFORM:-linux/amd64}', '--pull');

function flags(flag: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.array(flag, { maxLength: 3 }).map((list) => list.map((f) => `${f} `).join(''));
}

/** A JSON (exec-form) array, sometimes broken. */
const jsonArray = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom('node', 'server.js', 'sh', '-c', 'npm start', '/app/bin', '--port', '$PORT', 'a"b', 'a\\b', 'é', ''), shellScript), { minLength: 0, maxLength: 4 }).map((list) => JSON.stringify(list)),
  fc.array(fc.constantFrom('node', 'server.js', '-c'), { maxLength: 3 }).map((list) => JSON.stringify(list).replace(/"/g, "'")),
  fc.constantFrom('[', '["a",', '["a" "b"]', '[1, 2]', '[]', '["unterminated]', '[ "spaced" ]', '["a",]', '{"a":1}'),
);

const execOrShell = fc.oneof({ weight: 2, arbitrary: jsonArray }, { weight: 3, arbitrary: shellScript });

/** A heredoc: the opening word(s) and the body lines; `terminate: false` leaves it open. */
const heredoc = fc.record({
  word: fc.constantFrom('EOF', 'EOT', 'SCRIPT', 'PY', 'END', 'eof', 'E0F'),
  style: fc.constantFrom('<<', '<<-', "<<'", '<<"', '<<-"'),
  body: fc.array(fc.oneof(shellScript, fc.constantFrom('print("hi")', '#!/usr/bin/env python3', '#!/bin/bash', '\tindented', '', 'EOFX', ' EOF')), { maxLength: 4 }),
  terminate: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

function heredocOpen(h: { word: string; style: string }): string {
  const close = h.style.endsWith("'") ? "'" : h.style.endsWith('"') ? '"' : '';
  return `${h.style}${h.word}${close}`;
}

function heredocBody(h: { word: string; style: string; body: string[]; terminate: boolean }): string {
  const end = h.style.startsWith('<<-') ? `\t${h.word}` : h.word;
  return `\n${h.body.join('\n')}${h.body.length > 0 ? '\n' : ''}${h.terminate ? end : ''}`;
}

const keyValue = fc.tuple(varName, fc.oneof(fc.constantFrom('1', '', 'production', '"a b"', "'x'", 'a\\ b', '/usr/local/bin:$PATH', '=', '"unterminated'), varRef, name));

/** Marks an escape-newline continuation; rendered with the file's escape character. */
export const CONT = '\u0000CONT\u0000';

/** One instruction (possibly spanning lines), before the escape character and line endings are chosen. */
export const instruction: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(anyCase('FROM'), flags(fromFlag), image, fc.option(fc.tuple(anyCase('AS'), name), { nil: undefined })).map(([k, f, i, as]) => `${k} ${f}${i}${as ? ` ${as[0]} ${as[1]}` : ''}`) },
  { weight: 8, arbitrary: fc.tuple(anyCase('RUN'), flags(runFlag), shellScript).map(([k, f, s]) => `${k} ${f}${s}`) },
  { weight: 2, arbitrary: fc.tuple(anyCase('RUN'), flags(runFlag), jsonArray).map(([k, f, s]) => `${k} ${f}${s}`) },
  { weight: 2, arbitrary: fc.tuple(anyCase('RUN'), flags(runFlag), fc.constantFrom('', 'bash ', 'python3 ', 'sh -e '), heredoc, fc.option(heredoc, { nil: undefined })).map(([k, f, cmd, h1, h2]) =>
    `${k} ${f}${cmd}${heredocOpen(h1)}${h2 ? ` && cat ${heredocOpen(h2)}` : ''}${heredocBody(h1)}${h2 ? heredocBody(h2) : ''}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('COPY'), flags(copyFlag), heredoc, path).map(([k, f, h, p]) => `${k} ${f}${heredocOpen(h)} ${p}${heredocBody(h)}`) },
  { weight: 4, arbitrary: fc.tuple(fc.oneof(anyCase('COPY'), anyCase('ADD')), flags(copyFlag), fc.array(path, { minLength: 0, maxLength: 3 }), path).map(([k, f, src, dst]) => `${k} ${f}${[...src, dst].join(' ')}`) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(anyCase('COPY'), anyCase('ADD')), flags(copyFlag), fc.array(path, { minLength: 1, maxLength: 3 })).map(([k, f, list]) => `${k} ${f}${JSON.stringify(list)}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('ADD'), fc.constantFrom('https://example.com/x.tar.gz /tmp/', 'git@github.com:a/b.git /src', 'x.tar.gz /opt/', 'https://example.com/a.sh /a.sh')).map(([k, a]) => `${k} ${a}`) },
  { weight: 3, arbitrary: fc.tuple(anyCase('ENV'), fc.array(keyValue, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([k, kvs, legacy]) => legacy ? `${k} ${kvs[0][0]} ${kvs[0][1]}` : `${k} ${kvs.map(([a, b]) => `${a}=${b}`).join(` ${CONT}    `)}`) },
  { weight: 2, arbitrary: fc.tuple(anyCase('ARG'), varName, fc.option(fc.oneof(fc.constantFrom('1.0', '', '"x y"'), varRef), { nil: undefined })).map(([k, v, d]) => `${k} ${v}${d === undefined ? '' : `=${d}`}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('LABEL'), fc.array(fc.tuple(fc.constantFrom('maintainer', 'org.opencontainers.image.source', 'version', '"quoted key"', 'description'), fc.constantFrom('"x"', 'y', '"a b"', '', "'z'")), { minLength: 1, maxLength: 3 })).map(([k, kvs]) => `${k} ${kvs.map(([a, b]) => `${a}=${b}`).join(' ')}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('MAINTAINER'), fc.constantFrom('Jane <jane@example.com>', 'x', '')).map(([k, v]) => `${k} ${v}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('EXPOSE'), fc.array(fc.constantFrom('80', '8080/tcp', '53/UDP', '3000-3005', '$PORT', '80/sctp', 'abc', '0', '65536', '80:80'), { minLength: 0, maxLength: 3 })).map(([k, p]) => `${k} ${p.join(' ')}`) },
  { weight: 2, arbitrary: fc.tuple(anyCase('WORKDIR'), path).map(([k, p]) => `${k} ${p}`) },
  { weight: 2, arbitrary: fc.tuple(anyCase('USER'), fc.constantFrom('app', 'root', '0', '1000:1000', 'nobody', '$USER', 'node', 'ContainerUser', '')).map(([k, u]) => `${k} ${u}`) },
  { weight: 2, arbitrary: fc.tuple(fc.oneof(anyCase('CMD'), anyCase('ENTRYPOINT')), execOrShell).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('HEALTHCHECK'), fc.constantFrom('NONE', 'CMD curl -f http://localhost/ || exit 1', '--interval=30s --timeout=3s CMD ["wget", "-q", "localhost"]', '--interval=5m CMD', 'CMD', '--start-period=x CMD true')).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('SHELL'), fc.constantFrom('["/bin/bash", "-o", "pipefail", "-c"]', '["powershell", "-Command"]', '["cmd", "/S", "/C"]', '/bin/sh -c', '[]', '["/bin/ash", "-eo", "pipefail", "-c"]')).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('VOLUME'), fc.oneof(path, fc.constant('["/data", "/logs"]'))).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('STOPSIGNAL'), fc.constantFrom('SIGTERM', '9', 'SIGKILL', '$SIG', 'sigquit')).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.tuple(anyCase('ONBUILD'), fc.constantFrom('RUN npm ci', 'COPY . /app', 'ONBUILD RUN x', 'FROM x', 'run echo hi', 'MAINTAINER x', 'ENV A B', '')).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.constantFrom('BOGUS instruction', 'FROM', 'RUN', 'COPY', 'ENV', 'frm alpine', 'CMD', ' ', 'RUN \\', 'RUN echo \\\\', 'ARG', 'LABEL =', 'ENV =x', 'EXPOSE', 'ADD a') },
);

/** A comment, a suppression comment or a blank line. */
const commentLine = fc.oneof(
  fc.constantFrom('# a comment', '#', '', '   ', '\t', '# dockfix-ignore', '# dockfix-ignore-file', '# dockfix-ignore no-such-rule', '# dockfix-ignore DL3025,instruction-casing -- reason', '# dockfix-ignore-file undefined-var', '#dockfix-ignore json-args-recommended', '  # indented comment'),
  fc.tuple(fc.constant('# '), oddChar).map(([a, b]) => a + b),
);

/** An instruction, with a continuation (and a comment or blank line inside it) now and then. */
const instructionWithBreaks = fc
  .tuple(instruction, fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('# inside', '', '   ', '  # indented', '#') })), { maxLength: 2 }))
  .map(([text, breaks]) => {
    let out = text;
    for (const [at, extra] of breaks) {
      // Only in the head of the instruction (before any heredoc body), between words.
      const newline = out.indexOf('\n');
      const head = newline === -1 ? out.length : newline;
      const spaces = [...out.slice(0, head).matchAll(/ /g)].map((match) => match.index);
      if (spaces.length === 0) continue;
      const index = spaces[at % spaces.length];
      out = `${out.slice(0, index)} ${CONT}${extra === '' ? '' : `${extra}\n`}  ${out.slice(index + 1)}`;
    }
    return out;
  });

const directive = fc.oneof(
  fc.constantFrom('# syntax=docker/dockerfile:1', '# syntax=docker/dockerfile:1.7-labs', '#syntax=x', '# check=skip=JSONArgsRecommended', '# check=error=true', '# check=skip=all', '# SYNTAX = docker/dockerfile:1', '# directive=unknown'),
);

export interface DockerfileShape {
  readonly directives: string[];
  readonly escape: '\\' | '`' | undefined;
  readonly lines: string[];
  readonly eol: '\n' | '\r\n' | 'mixed' | '\r';
  readonly bom: boolean;
  readonly finalNewline: boolean;
  readonly trailingSpaces: boolean;
  readonly odd: [number, string][];
}

/** Renders a generated shape: escape character, line endings, BOM, odd characters sprinkled in. */
export function renderDockerfile(shape: DockerfileShape): string {
  const esc = shape.escape ?? '\\';
  const head = [...shape.directives];
  if (shape.escape !== undefined) head.splice(Math.min(1, head.length), 0, `# escape=${shape.escape}`);
  let text = [...head, ...shape.lines].join('\n');
  // Continuations use the file's escape character; a backslash stays a backslash in shell text.
  text = text.split(CONT).join(`${esc}\n`).replace(/ \\\n/g, ` ${esc}\n`);
  if (shape.trailingSpaces) text = text.replace(/\n/g, (m, offset: number) => (offset % 3 === 0 ? `  ${m}` : m));
  for (const [at, char] of shape.odd) {
    const index = text.length === 0 ? 0 : at % (text.length + 1);
    text = text.slice(0, index) + char + text.slice(index);
  }
  if (shape.finalNewline) text += '\n';
  text = convertEol(text, shape.eol);
  return (shape.bom ? '\uFEFF' : '') + text;
}

function convertEol(text: string, eol: DockerfileShape['eol']): string {
  if (eol === '\n') return text;
  if (eol === '\r\n') return text.replace(/\r?\n/g, '\r\n');
  if (eol === '\r') return text.replace(/\n/g, '\r');
  let count = 0;
  return text.replace(/\n/g, () => (count++ % 2 === 0 ? '\r\n' : '\n'));
}

const eolArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.constant<'\n'>('\n') },
  { weight: 4, arbitrary: fc.constant<'\r\n'>('\r\n') },
  { weight: 1, arbitrary: fc.constant<'mixed'>('mixed') },
  { weight: 1, arbitrary: fc.constant<'\r'>('\r') },
);

/** A Dockerfile from the grammar: directives, global ARGs, one or more stages, comments. */
export const dockerfileShape: fc.Arbitrary<DockerfileShape> = fc.record({
  directives: fc.array(directive, { maxLength: 2 }),
  escape: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<'\\' | '`'>('\\', '`') }),
  lines: fc
    .tuple(
      fc.array(fc.tuple(anyCase('ARG'), varName, fc.constantFrom('', '=1', '=alpine:3.19')).map(([k, v, d]) => `${k} ${v}${d}`), { maxLength: 2 }),
      fc.array(
        fc.tuple(
          fc.tuple(anyCase('FROM'), flags(fromFlag), image, fc.option(fc.tuple(anyCase('AS'), name), { nil: undefined })).map(([k, f, i, as]) => `${k} ${f}${i}${as ? ` ${as[0]} ${as[1]}` : ''}`),
          fc.array(fc.oneof({ weight: 5, arbitrary: instructionWithBreaks }, { weight: 1, arbitrary: commentLine }), { maxLength: 8 }),
        ),
        { minLength: 0, maxLength: 3 },
      ),
    )
    .map(([args, stages]) => [...args, ...stages.flatMap(([from, body]) => [from, ...body])]),
  eol: eolArbitrary,
  bom: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  finalNewline: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  trailingSpaces: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  odd: fc.oneof({ weight: 4, arbitrary: fc.constant([] as [number, string][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat(), oddChar), { minLength: 1, maxLength: 3 }) }),
});

export const grammarDockerfile: fc.Arbitrary<string> = dockerfileShape.map(renderDockerfile);

// ---- Ignore files ----------------------------------------------------------

const ignoreSegment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('**', '*', '?', 'node_modules', '.git', 'dist', 'build', '*.log', '*.md', 'src', 'app', '.env', '.env.*', 'secrets', 'Dockerfile', '.dockerignore', 'README.md', 'package.json', 'id_rsa', '*.pem', 'test', 'docs', 'vendor', 'tmp', 'target', 'a b') },
  { weight: 2, arbitrary: fc.constantFrom('[a-z]*', '[!0-9]', '[^x]', '[]', '[', '[a-', '\\*', '\\!x', '\\#x', '\\ ', '\\', 'a\\b', '..', '.', '', '**x', 'x**', '{a,b}', 'é', '𝔘', '\u00a0', '~') },
  { weight: 1, arbitrary: fc.string({ maxLength: 5, unit: 'grapheme-ascii' }) },
);

export const ignoreLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(
    fc.constantFrom('', '', '', '!', '!', '/', './', '!/', ' ', '\t', '!!', '! '),
    fc.array(ignoreSegment, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('', '', '', '/', '/**', ' ', '  ', '\t', '/*'),
  ).map(([prefix, segments, suffix]) => prefix + segments.join('/') + suffix) },
  { weight: 2, arbitrary: fc.constantFrom('# comment', '#', '', '   ', ' # not a comment', '#!important', '# dockfix-ignore', '# dockfix-ignore dockerignore-dead-pattern', '# dockfix-ignore-file', '# dockfix-ignore bogus-rule', '**', '!**', '*', '/', '!', '.') },
);

export interface IgnoreShape {
  readonly lines: string[];
  readonly eol: DockerfileShape['eol'];
  readonly bom: boolean;
  readonly finalNewline: boolean;
}

export function renderIgnoreFile(shape: IgnoreShape): string {
  const text = shape.lines.join('\n') + (shape.finalNewline ? '\n' : '');
  return (shape.bom ? '\uFEFF' : '') + convertEol(text, shape.eol);
}

export const grammarIgnoreFile: fc.Arbitrary<string> = fc
  .record({
    lines: fc.array(ignoreLine, { maxLength: 12 }),
    eol: eolArbitrary,
    bom: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    finalNewline: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map(renderIgnoreFile);

// ---- Build contexts --------------------------------------------------------

/** The files of the synthetic build context that generated ignore files and Dockerfiles are linted with. */
export const CONTEXT_PATHS: readonly string[] = [
  'Dockerfile', 'package.json', 'package-lock.json', 'requirements.txt', 'go.mod', 'go.sum', 'src/', 'src/app.js', 'src/index.ts',
  'src/a b/c.txt', 'dist/bundle.js=2000000', 'node_modules/left-pad/index.js', 'node_modules/.bin/x', '.git/HEAD', '.env', '.env.local',
  'secrets/id_rsa', 'certs/server.pem', 'docs/README.md', 'test/app.test.js', 'build/out.bin=50000000', 'app/main.go', 'é/ü.txt',
  'vendor/x/y.go', 'tmp/', 'Cargo.toml', 'target/release/app=9000000', '.dockerignore',
];

/** A build context over CONTEXT_PATHS, classified by `ignoreText` (undefined: no ignore file). */
export function syntheticContext(ignoreText: string | undefined): BuildContextInfo {
  const clean = ignoreText?.startsWith('\uFEFF') ? ignoreText.slice(1) : ignoreText;
  return buildContext(clean, CONTEXT_PATHS);
}

// ---- The corpus and mutations ----------------------------------------------

export interface CorpusFile {
  readonly path: string;
  readonly kind: 'dockerfile' | 'dockerignore';
  readonly text: string;
}

/** ../shared/corpus beside this checkout (see its README). */
export const CORPUS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

/** The corpus files that decode as UTF-8 text, or undefined when the corpus is not there. */
export function loadCorpus(dir = CORPUS_DIR): CorpusFile[] | undefined {
  const manifest = join(dir, 'MANIFEST.tsv');
  if (!existsSync(manifest)) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const files: CorpusFile[] = [];
  for (const line of readFileSync(manifest, 'utf8').trim().split('\n').slice(1)) {
    const [repo, , relPath, , kind] = line.split('\t');
    const file = join(dir, 'files', repo.replace('/', '__'), relPath);
    let text: string;
    try {
      const bytes = readFileSync(file);
      if (bytes.includes(0) || bytes.length > 512 * 1024) continue;
      text = decoder.decode(bytes);
    } catch {
      continue;
    }
    files.push({ path: file, kind: kind === 'dockerignore' ? 'dockerignore' : 'dockerfile', text });
  }
  return files;
}

/** Snippets that tend to break parsers when dropped into a file at a random place. */
export const TRICKY_SNIPPETS: readonly string[] = [
  '\\\n', '\\', '\\\r\n', '\\ \n', '`\n', '<<EOF\n', '<<-EOF\n', 'EOF\n', '\nEOF\n', '"', "'", '`', '$', '${', '$(', ')', '}', '#', '\n#', '\n', '\r\n', '\r',
  '\t', ' ', '[', ']', '["', '"]', '{"', '--mount=', '--from=', ' AS ', 'FROM ', '\nFROM scratch\n', '\nRUN ', '\nonbuild ', '&&', '||', ';', '|', '&', '\\$',
  '\n# escape=`\n', '# dockfix-ignore\n', '=', '==', '!', '**', '\uFEFF', '\u00a0', 'ﬃ', 'İ', 'ß', '𝔘', '\u2028', '\u0085', '😀',
];

type Mutation =
  | { readonly kind: 'delete-line' | 'duplicate-line' | 'upper-line' | 'lower-line' | 'trim-line' | 'indent-line'; readonly at: number }
  | { readonly kind: 'swap-lines'; readonly at: number; readonly other: number }
  | { readonly kind: 'insert-line'; readonly at: number; readonly line: string }
  | { readonly kind: 'insert-text'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete-range'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'crlf' | 'lf' | 'bom' | 'no-final-newline' | 'cr' };

function mutationArbitrary(lineSource: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('delete-line', 'duplicate-line', 'upper-line', 'lower-line', 'trim-line', 'indent-line'), at }) as fc.Arbitrary<Mutation> },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-lines'), at, other: fc.nat() }) as fc.Arbitrary<Mutation> },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert-line'), at, line: lineSource }) as fc.Arbitrary<Mutation> },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert-text'), at, text: fc.oneof(fc.constantFrom(...TRICKY_SNIPPETS), fc.string({ maxLength: 4 })) }) as fc.Arbitrary<Mutation> },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-range'), at, length: fc.integer({ min: 1, max: 40 }) }) as fc.Arbitrary<Mutation> },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate'), at }) as fc.Arbitrary<Mutation> },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('crlf', 'lf', 'bom', 'no-final-newline', 'cr') }) as fc.Arbitrary<Mutation> },
  );
}

export function applyMutation(text: string, mutation: Mutation): string {
  const lines = text.split('\n');
  const line = 'at' in mutation ? mutation.at % lines.length : 0;
  const offset = 'at' in mutation ? mutation.at % (text.length + 1) : 0;
  switch (mutation.kind) {
    case 'delete-line':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(line, 0, lines[line]);
      return lines.join('\n');
    case 'upper-line':
      lines[line] = lines[line].toUpperCase();
      return lines.join('\n');
    case 'lower-line':
      lines[line] = lines[line].toLowerCase();
      return lines.join('\n');
    case 'trim-line':
      lines[line] = lines[line].trim();
      return lines.join('\n');
    case 'indent-line':
      lines[line] = `  ${lines[line]}`;
      return lines.join('\n');
    case 'swap-lines': {
      const other = mutation.other % lines.length;
      [lines[line], lines[other]] = [lines[other], lines[line]];
      return lines.join('\n');
    }
    case 'insert-line':
      lines.splice(line, 0, ...mutation.line.split('\n'));
      return lines.join('\n');
    case 'insert-text':
      return text.slice(0, offset) + mutation.text + text.slice(offset);
    case 'delete-range':
      return text.slice(0, offset) + text.slice(offset + mutation.length);
    case 'truncate':
      return text.slice(0, offset);
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'lf':
      return text.replace(/\r\n/g, '\n');
    case 'cr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return text.startsWith('\uFEFF') ? text.slice(1) : `\uFEFF${text}`;
    case 'no-final-newline':
      return text.replace(/\r?\n$/, '');
  }
}

/** A corpus file of the given kind, mutated 0 to `maxMutations` times; yields `{ path, text }`. */
export function mutatedCorpusFile(files: readonly CorpusFile[], kind: CorpusFile['kind'], maxMutations = 4): fc.Arbitrary<{ path: string; text: string }> {
  const pool = files.filter((file) => file.kind === kind);
  if (pool.length === 0) throw new Error(`the corpus has no ${kind} files`);
  const lineSource = kind === 'dockerfile' ? fc.oneof(instructionWithBreaks.map((l) => l.split(CONT).join('\\\n')), commentLine) : ignoreLine;
  return fc
    .tuple(fc.nat({ max: pool.length - 1 }), fc.array(mutationArbitrary(lineSource), { maxLength: maxMutations }))
    .map(([index, mutations]) => ({ path: pool[index].path, text: mutations.reduce(applyMutation, pool[index].text) }));
}

// ---- The properties --------------------------------------------------------

export interface CheckOptions {
  readonly kind: CorpusFile['kind'];
  /** Used in results; a `.dockerignore` name for ignore files. */
  readonly filePath?: string;
  readonly buildContext?: BuildContextInfo;
}

const BOM = '\uFEFF';

function parseErrorCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (d.ruleId === 'parse-error') counts.set(d.message, (counts.get(d.message) ?? 0) + 1);
  return counts;
}

const describeDiagnostic = (d: Diagnostic) => `${d.line}:${d.column} ${d.ruleId}: ${d.message}`;
const sameFinding = (d: Diagnostic) => `${d.ruleId}\u0000${d.start}\u0000${d.end}\u0000${d.message}`;

/**
 * What must hold for any input, as a list of problems (empty: all is well):
 * lint and fix do not throw and report no `internal-error`; the fixed text (safe
 * and unsafe) adds no parse error, keeps the BOM and CRLF line endings, re-lints
 * to exactly the findings the fix reported with no applicable fix left, and a
 * second fix changes nothing.
 */
export function robustnessProblems(text: string, options: CheckOptions): string[] {
  const problems: string[] = [];
  const base = { kind: options.kind, filePath: options.filePath ?? (options.kind === 'dockerfile' ? 'Dockerfile' : '.dockerignore'), buildContext: options.buildContext };
  const attempt = <T>(what: string, run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      problems.push(`${what} threw: ${error instanceof Error ? error.stack : String(error)}`);
      return undefined;
    }
  };
  const lint = attempt('lintText', () => lintText(text, base));
  if (!lint) return problems;
  for (const d of lint.diagnostics) if (d.ruleId === 'internal-error') problems.push(`lint: ${describeDiagnostic(d)}`);
  const before = parseErrorCounts(lint.diagnostics);
  const crlfOnly = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text);
  const lfOnly = !text.includes('\r');

  for (const unsafe of [false, true]) {
    const mode = unsafe ? 'fix --unsafe-fixes' : 'fix';
    const fixed = attempt(mode, () => fixText(text, { ...base, unsafe }));
    if (!fixed) continue;
    for (const d of fixed.diagnostics) if (d.ruleId === 'internal-error') problems.push(`${mode}: ${describeDiagnostic(d)}`);
    const output = fixed.output;
    if (output.startsWith(BOM) !== text.startsWith(BOM)) problems.push(`${mode}: the BOM was ${text.startsWith(BOM) ? 'lost' : 'added'}`);
    if (crlfOnly && /(^|[^\r])\n/.test(output)) problems.push(`${mode}: a CRLF file got a bare LF line ending`);
    if (lfOnly && output.includes('\r')) problems.push(`${mode}: an LF file got a CR`);
    if (output === text) continue;
    const relint = attempt(`${mode}, lint of the output`, () => lintText(output, base));
    if (!relint) continue;
    for (const [message, count] of parseErrorCounts(relint.diagnostics)) {
      if (count > (before.get(message) ?? 0)) problems.push(`${mode}: new parse error: ${message}`);
    }
    // A fix the fixer rejected is already a problem (its internal-error above).
    const rejected = new Set(fixed.diagnostics.filter((d) => d.ruleId === 'internal-error').map((d) => /^The fix of rule (\S+)/.exec(d.message)?.[1]));
    // Fixes that only add lines to another file (the ignore file) are applied by lintFile, not here;
    // fixes inside an instruction that does not parse are not applied on purpose.
    const applies = (d: Diagnostic) => d.fix !== undefined && (unsafe || d.fix.applicability === 'safe');
    const model = options.kind === 'dockerfile' ? parseDockerfile(output.replace(/^\uFEFF/, ''), base.filePath) : parseIgnoreFile(output.replace(/^\uFEFF/, ''), base.filePath);
    const unparsable = parseErrorRanges({ diagnostics: relint.diagnostics, model });
    const left = relint.diagnostics.filter((d) => applies(d) && d.fix!.edits.length > 0 && !inUnparsable(d, unparsable) && !rejected.has(d.ruleId));
    for (const d of left) problems.push(`${mode}: the output still has a fixable finding: ${describeDiagnostic(d)}`);
    const reported = fixed.diagnostics.filter((d) => d.ruleId !== 'internal-error').map(sameFinding).sort();
    const fresh = relint.diagnostics.filter((d) => !(applies(d) && d.fix!.edits.length === 0)).map(sameFinding).sort();
    if (JSON.stringify(reported) !== JSON.stringify(fresh)) problems.push(`${mode}: the findings reported after fixing differ from a lint of the output`);
    const again = attempt(`${mode}, second fix`, () => fixText(output, { ...base, unsafe }));
    if (again && again.output !== output) problems.push(`${mode}: a second fix changed the output:\n${JSON.stringify(output)}\n→\n${JSON.stringify(again.output)}`);
  }
  return problems;
}

// ---- Known issues ------------------------------------------------------------

/**
 * Problems the properties find in code this suite does not own, reported to
 * its owners. They are counted and listed, not failed on, unless strict mode is
 * on (DOCKFIX_STRICT_PROPERTIES=1, or FUZZ_STRICT=1 for `npm run fuzz`), so a
 * run still fails on anything new. Remove an entry once its example passes.
 */
export interface KnownIssue {
  readonly id: string;
  /** The file to fix. */
  readonly where: string;
  readonly summary: string;
  /** The smallest input known to show it. */
  readonly example: string;
  readonly matches: (input: string, problem: string) => boolean;
}

const fixRejected = (rule: string) => (_input: string, problem: string) => problem.includes(`The fix of rule ${rule} was not applied`);

export const KNOWN_ISSUES: readonly KnownIssue[] = [
  {
    id: 'lone-cr',
    where: 'src/model/dockerfile.ts (dockerfile-ast)',
    summary: 'A CR that is not followed by LF ends a line for the model, as in dockerfile-ast, but Docker splits lines at LF only (a lone CR is whitespace to it): dockfix reports parse errors Docker does not ("RUN echo a\\r echo b" is an unknown instruction ECHO), and fixes land in the wrong place.',
    example: 'FROM alpine:3\nENV A 1\rENV B 2\n',
    matches: (input, problem) => /\r(?!\n)/.test(input) && !problem.includes(' threw: '),
  },
  {
    id: 'parser-escaped-hash',
    where: 'dockerfile-ast',
    summary: "dockerfile-ast throws (TypeError: reading 'getRange') on an escaped # starting a continuation line; dockfix reports it as an internal-error of that file.",
    example: 'FROM x\nRUN a \\\n  \\#b\nRUN b\n',
    matches: (_input, problem) => problem.includes("reading 'getRange'"),
  },
  {
    id: 'fix:pipefail',
    where: 'rules/pipefail.ts',
    summary: 'The SHELL fix does not reach a pipe inside `sh -c`, so the finding stays and the fix is rejected.',
    example: "FROM nginx:1.27\nRUN apk add --no-cache curl | sh -c 'apk add --no-cache | tee x'\n",
    matches: fixRejected('pipefail'),
  },
  {
    id: 'fix:wget-progress',
    where: 'rules/wget-progress.ts',
    summary: 'For `sh -c wget URL` the fix does not silence the finding, so it is rejected.',
    example: 'FROM node:22\nRUN sh -c wget https://example.com/x.tar.gz\n',
    matches: fixRejected('wget-progress'),
  },
  {
    id: 'fix:legacy-key-value-format',
    where: 'rules/legacy-key-value-format.ts',
    summary: 'A key with an unterminated quote (LABEL "i) gets a fix that still reports the finding, so it is rejected.',
    example: 'FROM alpine:3\nLABEL "i\n',
    matches: fixRejected('legacy-key-value-format'),
  },
  {
    id: 'fix:layer-order',
    where: 'rules/layer-order.ts',
    summary: 'For `pip install -rX` (no space after -r) the unsafe fix that copies the requirements first still reports the finding, so it is rejected.',
    example: 'FROM python:3.13-slim\nCOPY . .\nRUN pip install -rX\n',
    matches: fixRejected('layer-order'),
  },
  {
    id: 'fix:package-cache-cleanup',
    where: 'rules/package-cache-cleanup.ts',
    summary: 'After a line that ends in an escaped backslash (git \\\\), the fix that removes `rm -rf /var/lib/apt/lists/*` breaks the continuation.',
    example: 'FROM debian:12\nRUN apt-get update; \\\n  apt-get install -y --no-install-recommends git \\\\\n  curl \\\n  ; \\\n  rm -rf /var/lib/apt/lists/*\n',
    matches: fixRejected('package-cache-cleanup'),
  },
  {
    id: 'fix:cache-mount',
    where: 'rules/cache-mount.ts',
    summary: 'When a continuation swallows a heredoc instruction (apt-get clean \\ then COPY <<EOF), the unsafe fix that drops the cleanup breaks the file.',
    example: 'FROM debian:12\nRUN set -x \\\n  && apt-get update \\\n  && apt-get install -y jq \\\n  && apt-get clean \\\nCOPY <<EOF x\nEOF\n  && rm -rf /var/lib/apt/lists/*\n',
    matches: fixRejected('cache-mount'),
  },
  {
    id: 'fix:dev-dependencies',
    where: 'rules/dev-dependencies.ts',
    summary: '`yarn -` (a stray dash) is read as an install, and the unsafe fix does not silence the finding, so it is rejected.',
    example: 'FROM node:22\nUSER node\nRUN yarn -\n',
    matches: fixRejected('dev-dependencies'),
  },
  {
    id: 'fix:non-root-user',
    where: 'rules/non-root-user.ts',
    summary: 'The USER line is appended inside an unterminated heredoc, so the finding stays and the fix is rejected.',
    example: 'FROM node:22-slim\nRUN <<A && cat <<EOF\nEOF\n',
    matches: fixRejected('non-root-user'),
  },
];

/** Whether known issues are failures too. */
export function strictProperties(): boolean {
  return process.env.DOCKFIX_STRICT_PROPERTIES === '1' || process.env.FUZZ_STRICT === '1';
}

/**
 * Splits problems into known issues and new ones. A known issue in one fix mode
 * also explains what follows from it there (a finding left, a second fix that
 * changes the text).
 */
export function classifyProblems(input: string, problems: readonly string[]): { known: string[]; fresh: string[] } {
  const known = new Set<string>();
  const explainedModes = new Set<string>();
  const modeOf = (problem: string) => /^(fix --unsafe-fixes|fix)\b/.exec(problem)?.[1];
  for (const problem of problems) {
    const issue = KNOWN_ISSUES.find((candidate) => candidate.matches(input, problem));
    if (!issue) continue;
    known.add(issue.id);
    const mode = modeOf(problem);
    if (mode) explainedModes.add(mode);
    // A crash or a misread line is explained everywhere in this input.
    if (!mode) explainedModes.add('fix').add('fix --unsafe-fixes');
  }
  const fresh = problems.filter((problem) => {
    if (KNOWN_ISSUES.some((issue) => issue.matches(input, problem))) return false;
    const mode = modeOf(problem);
    return !(mode && explainedModes.has(mode));
  });
  return { known: [...known], fresh };
}

export interface PropertyRun<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** The input as text and how to check it. */
  readonly text: (input: T) => string;
  readonly check: (input: T) => string[];
  readonly numRuns: number;
  readonly seed: number;
  /** fast-check's path, to replay one failure (FUZZ_PATH). */
  readonly path?: string;
  readonly strict?: boolean;
  /** Called after each input with how many were checked. */
  readonly onProgress?: (checked: number) => void;
}

/**
 * Runs a property with fast-check and throws a readable error on failure: the
 * seed and path to replay it, and the shrunk counterexample as text. Returns
 * how many inputs showed each known issue.
 */
export function runProperty<T>(run: PropertyRun<T>): Map<string, number> {
  const knownCounts = new Map<string, number>();
  const strict = run.strict ?? strictProperties();
  let checked = 0;
  const details = fc.check(
    fc.property(run.arbitrary, (input) => {
      run.onProgress?.(++checked);
      const problems = run.check(input);
      const { known, fresh } = strict ? { known: [], fresh: problems } : classifyProblems(run.text(input), problems);
      for (const id of known) knownCounts.set(id, (knownCounts.get(id) ?? 0) + 1);
      if (fresh.length > 0) throw new Error(fresh.join('\n'));
    }),
    { seed: run.seed, numRuns: run.numRuns, ...(run.path ? { path: run.path } : {}) },
  );
  if (details.failed) {
    const input = details.counterexample?.[0];
    const text = input === undefined ? '(none)' : run.text(input);
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      [
        `Property "${run.name}" failed after ${details.numRuns} input(s), shrunk ${details.numShrinks} time(s).`,
        `Replay: FUZZ_ONLY=${JSON.stringify(run.name)} FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npm run fuzz`,
        'Counterexample (shrunk), as a JavaScript string:',
        JSON.stringify(text),
        'Problems:',
        error,
      ].join('\n'),
    );
  }
  return knownCounts;
}

/**
 * What kind of problem this is, without positions or quoted text: inputs with
 * the same signature show the same bug (`npm run fuzz` reports one example of each).
 */
export function problemSignature(problem: string): string {
  const rejected = /The fix of rule (\S+) was not applied because its result (does not parse|still reports the finding)/.exec(problem);
  if (rejected) return `the fix of ${rejected[1]} is rejected: its result ${rejected[2]}`;
  const body = problem.replace(/^(fix --unsafe-fixes|fix|lint)(, [^:]+)?: /, '');
  const firstLine = body.split('\n')[0];
  return firstLine
    .replace(/\d+:\d+/g, 'L:C')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\(line \d+\)/g, '(line N)')
    .slice(0, 200);
}

export interface ProblemReport {
  readonly signature: string;
  /** How many inputs showed it. */
  readonly count: number;
  readonly seed: number;
  /** fast-check's path of the shrunk counterexample (replay with FUZZ_PATH). */
  readonly path: string;
  readonly counterexample: string;
  readonly problems: readonly string[];
}

/**
 * Checks `numRuns` inputs without stopping at the first problem, then shrinks one
 * input per problem signature: every distinct bug of a long run is reported, each
 * with the seed and path that replay it. Known issues are only counted.
 */
export function surveyProperty<T>(run: PropertyRun<T>): { reports: ProblemReport[]; known: Map<string, number> } {
  const strict = run.strict ?? strictProperties();
  const fresh = (input: T) => {
    const problems = run.check(input);
    return strict ? { known: [], fresh: problems } : classifyProblems(run.text(input), problems);
  };
  const known = new Map<string, number>();
  const first = new Map<string, { index: number; count: number }>();
  let index = 0;
  fc.check(
    fc.property(run.arbitrary, (input) => {
      const current = index++;
      run.onProgress?.(index);
      const outcome = fresh(input);
      for (const id of outcome.known) known.set(id, (known.get(id) ?? 0) + 1);
      for (const signature of new Set(outcome.fresh.map(problemSignature))) {
        const entry = first.get(signature) ?? { index: current, count: 0 };
        entry.count++;
        first.set(signature, entry);
      }
      return true;
    }),
    { seed: run.seed, numRuns: run.numRuns },
  );
  const reports: ProblemReport[] = [];
  for (const [signature, { index: at, count }] of first) {
    // Replays that input and shrinks it while it still shows this signature.
    const details = fc.check(
      fc.property(run.arbitrary, (input) => !fresh(input).fresh.some((problem) => problemSignature(problem) === signature)),
      { seed: run.seed, path: String(at) },
    );
    const input = details.counterexample?.[0];
    reports.push({
      signature,
      count,
      seed: run.seed,
      path: details.counterexamplePath ?? String(at),
      counterexample: input === undefined ? '(could not replay)' : run.text(input),
      problems: input === undefined ? [] : fresh(input).fresh,
    });
  }
  return { reports, known };
}
