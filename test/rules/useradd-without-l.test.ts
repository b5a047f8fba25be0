import rule from '../../rules/useradd-without-l.js';
import { runRuleTests } from '../rule-tester.js';

const MESSAGE = (uid: string) => `\`useradd\` with UID ${uid} and without -l writes that user's lastlog and faillog entries at an offset of UID × record size, so the layer gets files of hundreds of megabytes. Add -l (--no-log-init).`;

runRuleTests(rule, {
  valid: [
    { name: 'small UID', code: 'FROM debian:12-slim\nRUN useradd -u 1000 -m app\n' },
    { name: 'hadolint limit: 99999 is fine', code: 'FROM debian:12-slim\nRUN useradd -u 99999 app\n' },
    { name: '-l given', code: 'FROM debian:12-slim\nRUN useradd -l -u 100000 app\n' },
    { name: '--no-log-init given', code: 'FROM debian:12-slim\nRUN useradd --no-log-init --uid=1234567 app\n' },
    { name: '-l inside a bundle', code: 'FROM debian:12-slim\nRUN useradd -lmu 200000 app\n' },
    { name: 'variable with a small default', code: 'FROM debian:12-slim\nARG APP_UID=1000\nRUN useradd -u ${APP_UID} app\n' },
    { name: 'variable with no known value', code: 'FROM debian:12-slim\nARG APP_UID\nRUN useradd -u "$APP_UID" app\n' },
    { name: 'adduser is another tool', code: 'FROM alpine:3.20\nRUN adduser -D -u 200000 app\n' },
    { name: 'no UID at all', code: 'FROM debian:12-slim\nRUN useradd --system app\n' },
  ],
  invalid: [
    {
      name: 'large UID',
      code: 'FROM debian:12-slim\nRUN useradd -u 123456 -m app\n',
      errors: [{ message: MESSAGE('123456'), line: 2, column: 5, endColumn: 29 }],
      output: 'FROM debian:12-slim\nRUN useradd -l -u 123456 -m app\n',
    },
    {
      name: 'UID from an ARG default, --uid=',
      code: 'FROM ubuntu:24.04\nARG UID=1000001\nRUN groupadd -g 1000001 app && useradd --uid=${UID} -g app app\n',
      errors: [{ message: MESSAGE('1000001'), line: 3, column: 32 }],
      output: 'FROM ubuntu:24.04\nARG UID=1000001\nRUN groupadd -g 1000001 app && useradd -l --uid=${UID} -g app app\n',
    },
    {
      name: 'UID from ENV, dynamic user name, bundled -u',
      code: 'FROM debian:12-slim\nENV APP_UID=5000000\nRUN useradd -mu$APP_UID "$APP_USER"\n',
      errors: [{ message: MESSAGE('5000000'), line: 3, column: 5 }],
      output: 'FROM debian:12-slim\nENV APP_UID=5000000\nRUN useradd -l -mu$APP_UID "$APP_USER"\n',
    },
    {
      name: 'through sudo, lowercase, continuation',
      code: 'from debian:12-slim\nrun sudo useradd \\\n    -u 654321 builder\n',
      errors: [{ message: MESSAGE('654321'), line: 2, column: 5 }],
      output: 'from debian:12-slim\nrun sudo useradd -l \\\n    -u 654321 builder\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12-slim\nRUN ["useradd", "-u", "200000", "app"]\n',
      errors: [{ message: MESSAGE('200000'), line: 2, column: 6 }],
      output: 'FROM debian:12-slim\nRUN ["useradd", "-l", "-u", "200000", "app"]\n',
    },
    {
      name: 'sh -c inside exec form',
      code: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", "useradd -u 300000 app && mkdir /data"]\n',
      errors: [{ message: MESSAGE('300000'), line: 2, column: 24 }],
      output: 'FROM debian:12-slim\nRUN ["/bin/sh", "-c", "useradd -l -u 300000 app && mkdir /data"]\n',
    },
    {
      name: 'ONBUILD and heredoc',
      code: 'FROM debian:12-slim\nONBUILD RUN useradd -u 100000 app\nRUN <<EOF\nuseradd -u 400000 svc\nEOF\n',
      errors: [
        { message: MESSAGE('100000'), line: 2, column: 13 },
        { message: MESSAGE('400000'), line: 4, column: 1 },
      ],
      output: 'FROM debian:12-slim\nONBUILD RUN useradd -l -u 100000 app\nRUN <<EOF\nuseradd -l -u 400000 svc\nEOF\n',
    },
  ],
});
