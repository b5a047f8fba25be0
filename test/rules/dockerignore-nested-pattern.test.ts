import rule from '../../rules/dockerignore-nested-pattern.js';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import type { BuildContextInfo } from '../../src/types.js';
import { buildContext } from '../helpers/build-context.js';
import { runRuleTests } from '../rule-tester.js';

/** A context whose ignore file is the code being linted, optionally with the Dockerfiles it governs. */
function context(code: string, paths: readonly string[], ...dockerfiles: readonly string[]): BuildContextInfo {
  return { ...buildContext(code, paths), dockerfiles: dockerfiles.map((text) => parseDockerfile(text, 'Dockerfile')) };
}

/** The case itself: code and a context built from it. */
function withContext(code: string, paths: readonly string[], ...dockerfiles: readonly string[]) {
  return { code, buildContext: context(code, paths, ...dockerfiles) };
}

runRuleTests(rule, {
  valid: [
    { name: 'no build context: quiet', code: 'node_modules\n' },
    { name: 'only a root match', ...withContext('node_modules\n', ['node_modules/x.js', 'src/index.js']) },
    { name: 'already **/', ...withContext('**/node_modules\n', ['node_modules/x.js', 'a/node_modules/x.js']) },
    { name: 'a leading / roots it on purpose', ...withContext('/dist\n', ['dist/a.js', 'packages/a/dist/a.js']) },
    { name: 'a pattern with a slash is anchored on purpose', ...withContext('build/cache\n', ['build/cache/x', 'a/build/cache/x']) },
    { name: 'a later **/ pattern already covers the deeper paths', ...withContext('node_modules\n**/node_modules\n', ['a/node_modules/x.js']) },
    { name: 'an exception keeps the deeper path on purpose', ...withContext('*.log\n!**/*.log\n', ['logs/a.log']) },
    { name: 'exceptions are out of scope', ...withContext('*\n!dist\n', ['dist/a.js', 'pkg/dist/a.js']) },
    { name: 'a lone * is not a habit', ...withContext('*\n!src\n', ['src/a/b.js']) },
    { name: 'the deeper path lies in an excluded directory', ...withContext('vendor\n*.pyc\n', ['vendor/x.pyc']) },
    { name: 'quiet on a broken file', ...withContext('node_modules\n[\n', ['a/node_modules/x.js']) },
  ],
  invalid: [
    {
      name: 'node_modules in a workspace',
      ...withContext('.git\nnode_modules\n', ['node_modules/x.js', 'packages/a/node_modules/y.js', 'src/index.js']),
      errors: [{
        message: '"node_modules" matches only at the context root in Docker, where it matches "node_modules"; unlike .gitignore it does not apply in subdirectories, so "packages/a/node_modules" is still sent. Write "**/node_modules" to exclude it at any depth.',
        line: 2, column: 1, endColumn: 13,
      }],
      unsafeOutput: '.git\n**/node_modules\n',
    },
    {
      name: 'nothing at the root, several deeper, more than three named',
      ...withContext('__pycache__\n', ['a/__pycache__/m.pyc', 'b/__pycache__/m.pyc', 'c/d/__pycache__/m.pyc', 'e/__pycache__/m.pyc', 'main.py']),
      errors: [{
        message: '"__pycache__" matches only at the context root in Docker, where it matches nothing; unlike .gitignore it does not apply in subdirectories, so 4 deeper paths ("a/__pycache__", "b/__pycache__", "c/d/__pycache__" and 1 more) are still sent. Write "**/__pycache__" to exclude it at any depth.',
        line: 1, column: 1,
      }],
      unsafeOutput: '**/__pycache__\n',
    },
    {
      name: 'a wildcard pattern',
      ...withContext('*.log\n', ['app.log', 'logs/today.log', 'src/a.ts']),
      errors: [{ message: /^"\*\.log" matches only at the context root in Docker, where it matches "app\.log";.* so "logs\/today\.log" is still sent\. Write "\*\*\/\*\.log"/, line: 1, column: 1 }],
      unsafeOutput: '**/*.log\n',
    },
    {
      name: 'keeps CRLF and indentation',
      ...withContext('.git\r\n  .DS_Store\r\n', ['docs/.DS_Store', 'README.md']),
      errors: [{ message: /so "docs\/\.DS_Store" is still sent/, line: 2, column: 3 }],
      unsafeOutput: '.git\r\n  **/.DS_Store\r\n',
    },
    {
      name: 'the fix is withheld when a COPY source would be excluded',
      ...withContext('dist\n', ['dist/a.js', 'web/dist/index.html', 'web/src/a.ts'], 'FROM nginx\nCOPY web/dist /usr/share/nginx/html\n'),
      errors: [{
        message: '"dist" matches only at the context root in Docker, where it matches "dist"; unlike .gitignore it does not apply in subdirectories, so "web/dist" is still sent. "**/dist" would also exclude "web/dist", which a COPY/ADD reads from the context, so add narrower patterns for the deeper paths instead.',
        line: 1, column: 1,
      }],
    },
    {
      name: 'the fix is withheld for a glob COPY source too',
      ...withContext('*.pyc\n', ['pkg/a.pyc', 'pkg/b.py'], 'FROM python\nCOPY pkg/*.pyc /opt/\n'),
      errors: [{ message: /"\*\*\/\*\.pyc" would also exclude "pkg\/\*\.pyc"/, line: 1, column: 1 }],
    },
    {
      name: 'a COPY of the whole context does not block the fix',
      ...withContext('coverage\n', ['coverage/x', 'packages/a/coverage/lcov.info'], 'FROM node\nCOPY . .\nCOPY --from=build /out /out\n'),
      errors: [{ message: /so "packages\/a\/coverage" is still sent/, line: 1, column: 1 }],
      unsafeOutput: '**/coverage\n',
    },
    {
      name: 'two patterns, last line without a newline',
      ...withContext('*.pyc\n.venv', ['a/b.pyc', 'tools/.venv/bin/python']),
      errors: [
        { message: /so "a\/b\.pyc" is still sent/, line: 1, column: 1 },
        { message: /so "tools\/\.venv" is still sent/, line: 2, column: 1 },
      ],
      unsafeOutput: '**/*.pyc\n**/.venv',
    },
    {
      name: 'an exception for one deeper path keeps that one out of the count',
      ...withContext('target\n!keep/target\n', ['keep/target/x', 'mod/target/y']),
      errors: [{ message: /so "mod\/target" is still sent/, line: 1, column: 1 }],
      unsafeOutput: '**/target\n!keep/target\n',
    },
  ],
});
