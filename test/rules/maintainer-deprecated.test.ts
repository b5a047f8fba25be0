import rule from '../../rules/maintainer-deprecated.js';
import { runRuleTests } from '../rule-tester.js';

const MESSAGE = 'MAINTAINER is deprecated and hidden from most tools: use LABEL org.opencontainers.image.authors="…" instead.';

runRuleTests(rule, {
  valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN echo hi\n',
      errors: [{ message: MESSAGE, line: 2, column: 1, endColumn: 11 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nRUN echo hi\n',
    },
    {
      name: 'quotes in the author are escaped',
      code: 'FROM alpine:3.20\nMAINTAINER "The Team" team@example.com\n',
      errors: [{ message: MESSAGE, line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="\\"The Team\\" team@example.com"\n',
    },
    {
      name: 'lowercase file stays lowercase',
      code: 'from alpine:3.20\nmaintainer ops@example.com\n',
      errors: [{ message: MESSAGE, line: 2, column: 1 }],
      output: 'from alpine:3.20\nlabel org.opencontainers.image.authors="ops@example.com"\n',
    },
  ],
});
