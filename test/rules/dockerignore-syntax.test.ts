import rule from '../../rules/dockerignore-syntax.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    '.git\nnode_modules\n**/*.log\n!important.log\n',
    { name: 'escaped brackets and backslashes', code: '\\[draft\\]*\nfoo\\\\bar\n' },
    { name: 'a closed character class and a negated one', code: '[a-z]*.tmp\n[!.]*.bak\n' },
    { name: 'a comment in column 1', code: '# build output\ndist\n' },
    { name: 'Go regexp escapes Docker accepts', code: 'v\\d\n' },
    { name: 'an exception with a leading slash', code: 'docs\n!/docs/README.md\n' },
    { name: 'CRLF', code: 'node_modules\r\n!node_modules/keep\r\n' },
    { name: 'empty file', code: '' },
  ],
  invalid: [
    {
      name: 'a lone ! is removed',
      code: 'node_modules\n!\n.git\n',
      errors: [{ message: '"!" is an exception with no pattern, which Docker rejects, so every build with this context fails. Remove the line, or write the path to re-include after "!".', line: 2, column: 1, endColumn: 2 }],
      output: 'node_modules\n.git\n',
    },
    {
      name: 'a lone ! with spaces',
      code: 'dist\n  !  \n',
      errors: [{ message: /^"!" is an exception with no pattern/, line: 2, column: 3 }],
      output: 'dist\n',
    },
    {
      name: 'a lone ! on the last line without a newline',
      code: 'dist\n!',
      errors: [{ message: /^"!" is an exception/, line: 2, column: 1 }],
      output: 'dist\n',
    },
    {
      name: 'an unterminated character class',
      code: 'tmp/[abc\n',
      errors: [{ message: 'Docker rejects "tmp/[abc" (unterminated [ character class), so every build with this context fails. Fix the pattern: escape a literal "[" or "\\" with a backslash, and close character classes.', line: 1, column: 1, endColumn: 9 }],
    },
    {
      name: 'an empty character class',
      code: 'cache/[]\n',
      errors: [{ message: /^Docker rejects "cache\/\[\]" \(empty \[\] character class\)/, line: 1, column: 1 }],
    },
    {
      name: 'an escape Go regexp rejects',
      code: '*.log\nfoo\\e\n',
      errors: [{ message: /^Docker rejects "foo\\e" \(.*invalid escape sequence/, line: 2, column: 1 }],
    },
    {
      name: 'a bad exception pattern',
      code: 'build\n![x\n',
      errors: [{ message: /^Docker rejects "!\[x"/, line: 2, column: 1 }],
    },
    {
      name: 'CRLF lone !',
      code: 'dist\r\n!\r\nout\r\n',
      errors: [{ message: /^"!" is an exception/, line: 2, column: 1 }],
      output: 'dist\r\nout\r\n',
    },
  ],
});
