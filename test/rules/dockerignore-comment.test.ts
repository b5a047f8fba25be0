import rule from '../../rules/dockerignore-comment.js';
import { runRuleTests } from '../rule-tester.js';

runRuleTests(rule, {
  valid: [
    '# dependencies\nnode_modules\n',
    { name: 'a # inside a name', code: 'issue#12.txt\n' },
    { name: 'an escaped space before #', code: 'odd\\ #name\n' },
    { name: 'an escaped # in column 1 is a pattern on purpose', code: '\\#notes.md\n' },
    { name: 'comments between patterns', code: '.git\n# logs\n*.log\n#!keep\n' },
    { name: 'CRLF comments', code: '# a\r\n.git\r\n' },
    { name: 'exceptions', code: 'docs\n!docs/api.md\n' },
    { name: 'empty', code: '\n\n' },
  ],
  invalid: [
    {
      name: 'an indented comment',
      code: '.git\n  # build output\ndist\n',
      errors: [{ message: '"# build output" is indented, so Docker reads it as a pattern, not a comment: only a "#" in the first column starts a comment. Move the "#" to the start of the line.', line: 2, column: 3, endColumn: 17 }],
      output: '.git\n# build output\ndist\n',
    },
    {
      name: 'a tab-indented comment',
      code: '\t# secrets\n.env\n',
      errors: [{ message: /^"# secrets" is indented/, line: 1, column: 2 }],
      output: '# secrets\n.env\n',
    },
    {
      name: 'a trailing comment',
      code: 'node_modules # dependencies\n',
      errors: [{ message: 'Docker has no end-of-line comments: this line is the pattern "node_modules # dependencies", which matches nothing you meant, so "node_modules" is not excluded. Put the comment on its own line.', line: 1, column: 14, endColumn: 28 }],
      unsafeOutput: '# dependencies\nnode_modules\n',
    },
    {
      name: 'a trailing comment after an exception',
      code: '*.md\n!README.md   # keep the readme\n',
      errors: [{ message: /so "!README\.md" is not excluded/, line: 2, column: 14 }],
      unsafeOutput: '*.md\n# keep the readme\n!README.md\n',
    },
    {
      name: 'a trailing comment with a tab',
      code: '*.log\t# logs\n',
      errors: [{ message: /"\*\.log" is not excluded/, line: 1, column: 7 }],
      unsafeOutput: '# logs\n*.log\n',
    },
    {
      name: 'keeps CRLF',
      code: '.git\r\ncoverage # reports\r\n',
      errors: [{ message: /"coverage" is not excluded/, line: 2, column: 10 }],
      unsafeOutput: '.git\r\n# reports\r\ncoverage\r\n',
    },
    {
      name: 'an indented comment on the last line without a newline',
      code: 'dist\n   # end',
      errors: [{ message: /^"# end" is indented/, line: 2, column: 4 }],
      output: 'dist\n# end',
    },
    {
      name: 'several on one file',
      code: ' # a\nbuild # b\n',
      errors: [{ message: /^"# a" is indented/, line: 1, column: 2 }, { message: /"build" is not excluded/, line: 2, column: 7 }],
      output: '# a\nbuild # b\n',
      unsafeOutput: '# a\n# b\nbuild\n',
    },
  ],
});
