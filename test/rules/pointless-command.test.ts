import rule from '../../rules/pointless-command.js';
import { runRuleTests } from '../rule-tester.js';

const EDITOR = (name: string) => `\`${name}\` waits for someone to type, and nobody can during a build. Change files with sed, a heredoc or COPY instead.`;
const SERVICE = '`service` starts nothing that lasts: every process ends with its RUN step. Start services from CMD or ENTRYPOINT (or a process manager) instead.';
const INSPECT = (name: string) => `\`${name}\` only shows the state of the build container at this step, which nobody reads. Remove it.`;
const KILL = '`kill` has nothing to stop: no process from an earlier step is still running. Remove it.';
const SSH = '`ssh` in a build either waits at a prompt or needs a private key stored in the image. Forward your agent with RUN --mount=type=ssh, or fetch the files another way.';

runRuleTests(rule, {
  valid: [
    { name: 'packages named like the commands are arguments', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends vim procps openssh-client\n' },
    { name: 'lookups are not calls', code: 'FROM debian:12-slim\nRUN which vim && command -v ps && type top\n' },
    { name: 'service used within the same step', code: 'FROM ubuntu:24.04\nRUN service mysql start && mysql -e "CREATE DATABASE app" && service mysql stop\n' },
    { name: 'kill of a process this RUN started', code: 'FROM node:22-bookworm-slim\nRUN node server.js & sleep 5 && curl -f http://localhost:3000/health && kill %1\n' },
    { name: 'scripted editors', code: 'FROM debian:12-slim\nRUN vim -E -s -u /root/.vimrc +PlugInstall +qall && emacs --batch -l init.el\n' },
    { name: 'ssh with a forwarded agent', code: 'FROM alpine:3.20\nRUN --mount=type=ssh ssh -o StrictHostKeyChecking=accept-new -T git@github.com || true\n' },
    { name: 'mount in an insecure step', code: 'FROM debian:12-slim\nRUN --security=insecure mount -t tmpfs tmpfs /mnt\n' },
    { name: 'ps while checking a background server', code: 'FROM debian:12-slim\nRUN nginx & sleep 2; ps aux | grep -q nginx\n' },
    { name: 'PowerShell RUNs are not parsed', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Stop-Service -Name wuauserv; kill 1\n' },
    { name: 'echo mentions the names', code: 'FROM debian:12-slim\nRUN echo "use ps or top to debug"\n' },
  ],
  invalid: [
    {
      name: 'vim on a file',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y vim && vim /etc/hosts\n',
      errors: [{ message: EDITOR('vim'), line: 2, column: 49, endColumn: 63 }],
    },
    {
      name: 'service start that nothing uses',
      code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y nginx \\\n && service nginx start\n',
      errors: [{ message: SERVICE, line: 4, column: 5 }],
    },
    {
      name: 'inside sh -c and an if',
      code: 'FROM debian:12-slim\nRUN sh -c "if [ -f /run/app.pid ]; then kill -9 1; fi"\n',
      errors: [{ message: KILL, line: 2, column: 41 }],
    },
    {
      name: 'lowercase instruction, exec form',
      code: 'from alpine:3.20\nrun ["ps", "aux"]\n',
      errors: [{ message: INSPECT('ps'), line: 2, column: 6 }],
    },
    {
      name: 'through sudo and in an ONBUILD trigger',
      code: 'FROM debian:12-slim\nONBUILD RUN sudo ifconfig\n',
      errors: [{ message: INSPECT('ifconfig'), line: 2, column: 13 }],
    },
    {
      name: 'ssh without an agent mount, heredoc',
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\nssh deploy@example.com "echo ok"\nEOF\n',
      errors: [{ message: SSH, line: 4, column: 1 }],
    },
    {
      name: 'shutdown, escape directive and continuation',
      code: '# escape=`\nFROM debian:12-slim\nRUN echo done `\n && shutdown -h now\n',
      errors: [{ message: '`shutdown` cannot stop or restart anything during a build; remove it.', line: 4, column: 5 }],
    },
    {
      name: 'free and top in a multi-stage file',
      code: 'FROM golang:1.23 AS build\nRUN free -m\nFROM debian:12-slim\nRUN top -b -n 1\n',
      errors: [
        { message: INSPECT('free'), line: 2, column: 5 },
        { message: INSPECT('top'), line: 4, column: 5 },
      ],
    },
    {
      name: 'inside a command substitution',
      code: 'FROM debian:12-slim\nRUN echo "$(free -m)" > /build-memory.txt\n',
      errors: [{ message: INSPECT('free'), line: 2, column: 13 }],
    },
  ],
});
