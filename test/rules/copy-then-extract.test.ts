import rule from '../../rules/copy-then-extract.js';
import { runRuleTests } from '../rule-tester.js';

const message = (name: string, line: number, add = '') =>
  `${name} is copied in and then unpacked by tar (line ${line}), so the archive itself stays in this COPY's layer: ADD${add} unpacks a local tar archive in one step.`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12-slim\nADD node-v22.tar.xz /opt/\n',
    { name: 'the archive is kept, not unpacked', code: 'FROM debian:12-slim\nCOPY backup.tar.gz /srv/backup/\nRUN ls -l /srv/backup\n' },
    { name: 'another archive is unpacked', code: 'FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz -C /opt\n' },
    { name: '--strip-components cannot be done by ADD', code: 'FROM debian:12-slim\nCOPY node.tar.xz /tmp/\nRUN tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1\n' },
    { name: 'only some members', code: 'FROM debian:12-slim\nCOPY tools.tar /tmp/\nRUN tar -xf /tmp/tools.tar bin/tool\n' },
    { name: 'the archive is verified first', code: 'FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN echo "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  /tmp/app.tar.gz" | sha256sum -c - \\\n && tar -xzf /tmp/app.tar.gz -C /opt\n' },
    { name: 'a zip is not unpacked by ADD', code: 'FROM debian:12-slim\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n' },
    { name: 'zstd is left out', code: 'FROM debian:12-slim\nCOPY app.tar.zst /tmp/\nRUN tar --zstd -xf /tmp/app.tar.zst -C /opt\n' },
    { name: 'from another stage', code: 'FROM debian:12-slim AS build\nRUN tar -czf /out.tar.gz /etc\nFROM debian:12-slim\nCOPY --from=build /out.tar.gz /tmp/\nRUN tar -xzf /tmp/out.tar.gz -C /\n' },
    { name: 'unpacked in another stage', code: 'FROM debian:12-slim AS base\nCOPY app.tar.gz /tmp/\nFROM debian:12-slim\nRUN tar -xzf /tmp/app.tar.gz\n' },
    { name: 'tar creates, not extracts', code: 'FROM debian:12-slim\nCOPY data.tar /tmp/\nRUN tar -rf /tmp/data.tar /etc/hosts\n' },
    { name: 'tar as another user owns the files', code: 'FROM node:22-slim\nUSER node\nCOPY --chown=node app.tar.gz /home/node/\nRUN tar -xzf /home/node/app.tar.gz -C /home/node/app\n' },
    { name: 'PowerShell does not parse', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCOPY app.tar.gz C:/tmp/\nRUN tar -xzf C:/tmp/app.tar.gz -C C:/app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nCOPY app-1.4.tar.gz /tmp/\nRUN tar -xzf /tmp/app-1.4.tar.gz -C /opt && rm /tmp/app-1.4.tar.gz\n',
      errors: [{ message: message('app-1.4.tar.gz', 3, ' app-1.4.tar.gz /opt/'), line: 2, column: 6, endColumn: 20 }],
    },
    {
      name: 'old-style letters, relative path after cd, lowercase',
      code: 'from alpine:3.20\nworkdir /build\ncopy vendor.tgz .\nrun cd /build && tar xzvf vendor.tgz\n',
      errors: [{ message: message('vendor.tgz', 4), line: 3, column: 6 }],
    },
    {
      name: 'renamed on copy, long options, continuation',
      code: 'FROM debian:12-slim\nCOPY dist/release.tar.bz2 /tmp/release.tbz2\nRUN mkdir -p /srv/app \\\n && tar --extract --bzip2 --file=/tmp/release.tbz2 --directory /srv/app\n',
      errors: [{ message: message('release.tbz2', 3, ' dist/release.tar.bz2 /srv/app/'), line: 2, column: 6 }],
    },
    {
      name: 'through a pipe in sh -c',
      code: 'FROM debian:12-slim\nCOPY site.tar.gz /tmp/\nRUN sh -c "gzip -dc /tmp/site.tar.gz | tar -x -C /var/www"\n',
      errors: [{ message: message('site.tar.gz', 3, ' site.tar.gz /var/www/'), line: 2, column: 6 }],
    },
    {
      name: 'from a redirect, inside if',
      code: 'FROM debian:12-slim\nCOPY ["plugins.tar", "/opt/"]\nRUN if [ -d /opt ]; then tar -x -C /opt/plugins < /opt/plugins.tar; fi\n',
      errors: [{ message: message('plugins.tar', 3, ' plugins.tar /opt/plugins/'), line: 2, column: 7 }],
    },
    {
      name: 'a heredoc RUN, several sources',
      code: 'FROM debian:12-slim\nCOPY a.txz b.txt /tmp/\nRUN <<EOF\nset -e\ntar -xJf /tmp/a.txz -C /opt\nEOF\n',
      errors: [{ message: message('a.txz', 3, ' a.txz /opt/'), line: 2, column: 6 }],
    },
    {
      name: 'a quoted WORKDIR and a relative destination',
      code: 'FROM debian:12-slim\nWORKDIR "/opt/app"\nCOPY dist.tar ./\nRUN tar -xf /opt/app/dist.tar -C /opt/app\n',
      errors: [{ message: message('dist.tar', 4, ' dist.tar /opt/app/'), line: 3, column: 6 }],
    },
    {
      name: 'inside $( ) and a ; chain',
      code: 'FROM debian:12-slim\nCOPY release.tar.gz /tmp/\nRUN out=$(tar -xzvf /tmp/release.tar.gz -C /srv); echo "$out"\n',
      errors: [{ message: message('release.tar.gz', 3, ' release.tar.gz /srv/'), line: 2, column: 6 }],
    },
    {
      name: 'a later RUN',
      code: 'FROM node:22-slim\nCOPY node_modules.tar /app/\nRUN npm --version\nRUN tar -xf /app/node_modules.tar -C /app || exit 1\n',
      errors: [{ message: message('node_modules.tar', 4, ' node_modules.tar /app/'), line: 2, column: 6 }],
    },
  ],
});
