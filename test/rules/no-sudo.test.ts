import rule from '../../rules/no-sudo.js';
import { runRuleTests } from '../rule-tester.js';

const ROOT = '`sudo` is not needed: this RUN already runs as root. Remove it, and use USER to run steps as another user.';
const OTHER = '`sudo` depends on a sudoers setup inside the image and does not behave like a root step. Put USER root before this RUN (and switch back after it) instead.';

runRuleTests(rule, {
  valid: [
    { name: 'sudo installed as a package', code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'sudo looked up, not run', code: 'FROM debian:12-slim\nRUN command -v sudo || echo "no sudo"\n' },
    { name: 'root drops to another user for one command', code: 'FROM ruby:3.3-bookworm\nRUN useradd -m app\nRUN sudo -u app -H bundle config set --local path vendor/bundle\n' },
    { name: 'sudoers file written, not sudo run', code: 'FROM debian:12-slim\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\n' },
    { name: 'USER root instead', code: 'FROM node:22-bookworm-slim\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends git\nUSER node\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/powershell:lts-debian-12\nSHELL ["pwsh", "-Command"]\nRUN sudo Write-Host hi\n' },
  ],
  invalid: [
    {
      name: 'sudo as root',
      code: 'FROM ubuntu:24.04\nRUN sudo apt-get update && sudo apt-get install -y curl\n',
      errors: [
        { message: ROOT, line: 2, column: 5, endColumn: 24 },
        { message: ROOT, line: 2, column: 28 },
      ],
    },
    {
      name: 'sudo after USER of another account',
      code: 'FROM debian:12-slim\nRUN useradd -m dev\nUSER dev\nRUN sudo apt-get install -y git\n',
      errors: [{ message: OTHER, line: 4, column: 5 }],
    },
    {
      name: 'sudo -u to another user while not root',
      code: 'FROM node:22-bookworm-slim\nUSER node\nRUN sudo -u postgres psql -c "select 1"\n',
      errors: [{ message: OTHER, line: 3, column: 5 }],
    },
    {
      name: 'behind exec and env, in sh -c',
      code: 'FROM debian:12-slim\nRUN sh -c "exec env DEBIAN_FRONTEND=noninteractive sudo apt-get install -y git"\n',
      errors: [{ message: ROOT, line: 2, column: 52 }],
    },
    {
      name: 'lowercase, continuation, sudo -u root',
      code: 'from debian:12-slim\nrun apt-get update \\\n    && sudo -u root make install\n',
      errors: [{ message: ROOT, line: 3, column: 8 }],
    },
    {
      name: 'exec form and ONBUILD',
      code: 'FROM alpine:3.20\nRUN ["sudo", "apk", "add", "git"]\nONBUILD RUN sudo make install\n',
      errors: [
        { message: ROOT, line: 2, column: 6 },
        { message: ROOT, line: 3, column: 13 },
      ],
    },
    {
      name: 'heredoc, base image of unknown user',
      code: 'FROM registry.example.com/team/base:1.4\nRUN <<EOF\nsudo systemctl enable app\nEOF\n',
      errors: [{ message: OTHER, line: 3, column: 1 }],
    },
    {
      name: 'escape directive, multi-stage, command substitution',
      code: '# escape=`\nFROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nRUN echo "$(sudo cat /etc/shadow)" `\n && sudo chown -R 1000:1000 /srv\n',
      errors: [
        { message: ROOT, line: 5, column: 13 },
        { message: ROOT, line: 6, column: 5 },
      ],
    },
  ],
});
