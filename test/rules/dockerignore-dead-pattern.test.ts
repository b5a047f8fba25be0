import rule from '../../rules/dockerignore-dead-pattern.js';
import type { BuildContextInfo } from '../../src/types.js';
import { buildContext } from '../helpers/build-context.js';
import { runRuleTests } from '../rule-tester.js';

/** The case itself: code and a context whose ignore file is that code. */
function withContext(code: string, paths: readonly string[], extra: Partial<BuildContextInfo['scan']> = {}) {
  const info = buildContext(code, paths);
  return { code, buildContext: { ...info, scan: { ...info.scan, ...extra } } };
}

runRuleTests(rule, {
  valid: [
    { name: 'no build context: quiet', code: 'tmp\n' },
    { name: 'every pattern matches', ...withContext('tmp\n*.bak\ndocs/*.md\n', ['tmp/x', 'a.bak', 'docs/a.md']) },
    { name: 'protective patterns that match nothing', ...withContext('.git\n.env\n*.log\nnode_modules\n**/.DS_Store\nDockerfile*\n.dockerignore\n!.env.example\n', ['src/a.js']) },
    { name: 'a match through a parent directory', ...withContext('build/**\n', ['build/out/a.o']) },
    { name: 'a truncated scan cannot prove anything', ...withContext('tmp\n', ['src/a.js'], { truncated: true }) },
    { name: 'below a pruned directory the content is unknown', ...withContext('vendor\nvendor/cache/*.tmp\n', ['vendor/', 'src/a.go']) },
    { name: 'a glob that could reach into a pruned directory', ...withContext('vendor\n*/cache\n', ['vendor/', 'src/a.go']) },
    { name: 'a root-only pattern with deeper matches is the nested rule\'s', ...withContext('generated\n', ['pkg/generated/a.go']) },
    { name: 'an exception that re-includes a file', ...withContext('docs\n!docs/api.md\n', ['docs/api.md', 'docs/internal.md']) },
    { name: 'an exception that re-includes a directory\'s content', ...withContext('*\n!src\n', ['src/a/b.js', 'tmp/x']) },
    { name: 'broken files are dockerignore-syntax\'s', ...withContext('tmp\n[\n', ['src/a.js']) },
    { name: 'an allow option', options: { allow: ['tmp'] }, ...withContext('tmp\n', ['src/a.js']) },
  ],
  invalid: [
    {
      name: 'an exclusion that matches nothing',
      ...withContext('.git\ntmp\nsrc/*.bak\n', ['src/a.js', 'README.md']),
      errors: [
        { message: '"tmp" matches nothing in the build context, so it excludes nothing. Fix the path, or remove it if it is left over.', line: 2, column: 1, endColumn: 4, suggestions: 1 },
        { message: '"src/*.bak" matches nothing in the build context, so it excludes nothing. Fix the path, or remove it if it is left over.', line: 3, column: 1 },
      ],
    },
    {
      name: 'an exception that matches nothing',
      ...withContext('docs\n!docs/API.md\n', ['docs/api.md']),
      errors: [{ message: 'The exception "!docs/API.md" matches nothing in the build context, so it re-includes nothing. Fix the path, or remove it if it is left over.', line: 2, column: 1 }],
    },
    {
      name: 'an exception undone by a later pattern',
      ...withContext('*.md\n!README.md\n*.md\n', ['README.md', 'a.md']),
      errors: [{ message: 'The exception "!README.md" re-includes nothing: everything it matches is excluded again by a later pattern ("*.md" on line 3). Move the exception below that pattern, or remove it.', line: 2, column: 1 }],
    },
    {
      name: 'a directory exception undone by a later pattern on its content',
      ...withContext('*\n!src\nsrc\n', ['src/a.js', 'src/b/c.js']),
      errors: [{ message: /^The exception "!src" re-includes nothing: .*\("src" on line 3\)/, line: 2, column: 1 }],
    },
    {
      name: 'CRLF and indentation',
      ...withContext('.git\r\n   old-build\r\n', ['src/a.js']),
      errors: [{ message: /^"old-build" matches nothing/, line: 2, column: 4, endColumn: 13 }],
    },
    {
      name: 'a pattern beside a pruned directory it cannot reach',
      ...withContext('vendor\nvendr/*.tmp\n', ['vendor/', 'src/a.go']),
      errors: [{ message: /^"vendr\/\*\.tmp" matches nothing/, line: 2, column: 1 }],
    },
    {
      name: 'protective patterns in another directory are not protective',
      ...withContext('config/.env.local\n', ['config/app.yml']),
      errors: [{ message: /^"config\/\.env\.local" matches nothing/, line: 1, column: 1 }],
    },
    {
      name: 'a last line without a newline',
      ...withContext('src\n!src/keep', ['src/a.js']),
      errors: [{ message: /^The exception "!src\/keep" matches nothing/, line: 2, column: 1, suggestions: 1 }],
    },
  ],
});
