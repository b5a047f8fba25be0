import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import {
  dependencyDirEcosystem, devExtras, devToolStep, isDevCommand, isDevDockerfilePath, isDevRequirementsFile, isDevStageName,
} from '../../src/knowledge/dev-dependencies.js';
import type { Ecosystem } from '../../src/knowledge/package-managers.js';

function step(run: string, ecosystem: Ecosystem): string | undefined {
  const model = parseDockerfile(`FROM scratch\nRUN ${run}\n`, 'Dockerfile');
  const commands = model.instructions[1].run!.commands;
  return commands.map((command) => devToolStep(command, ecosystem)).find((text) => text !== undefined);
}

describe('dev-dependency knowledge', () => {
  it.each([
    ['requirements-dev.txt', true], ['requirements_test.txt', true], ['requirements/test.txt', true], ['dev-requirements.txt', true],
    ['test_requirements.txt', true], ['requirements.dev.in', true], ['requirements/lint.txt', true],
    ['requirements.txt', false], ['requirements/base.txt', false], ['requirements/prod.txt', false], ['requirements-$ENV.txt', false],
    ['devices.txt', false],
  ])('requirement file %s is dev: %s', (path, expected) => {
    expect(isDevRequirementsFile(path)).toBe(expected);
  });

  it('finds dev extras of local projects only', () => {
    expect(devExtras('.[dev,postgres]')).toEqual({ extras: ['dev', 'postgres'], dev: ['dev'] });
    expect(devExtras('./pkg[test]')).toEqual({ extras: ['test'], dev: ['test'] });
    expect(devExtras('.[postgres]')).toBeUndefined();
    expect(devExtras('celery[redis]')).toBeUndefined();
  });

  it.each([
    ['Dockerfile.dev', true], ['docker/dev.Dockerfile', true], ['.devcontainer/Dockerfile', true], ['tests/fixtures/Dockerfile', true],
    ['image/app_dev/Dockerfile', true], ['Dockerfile.test', true], ['/home/test/app/Dockerfile', false],
    ['Dockerfile', false], ['services/api/Dockerfile.prod', false], ['devices/Dockerfile', false],
  ])('Dockerfile path %s is for development: %s', (path, expected) => {
    expect(isDevDockerfilePath(path)).toBe(expected);
  });

  it('recognises dev stage names', () => {
    expect(['dev', 'test', 'app-dev', 'ci', 'debug'].map(isDevStageName)).toEqual([true, true, true, true, true]);
    expect(['prod', 'runtime', 'builder', 'devices', undefined].map(isDevStageName)).toEqual([false, false, false, false, false]);
  });

  it.each([
    ['npm run build', 'node', 'npm run build'],
    ['npm --prefix web run build:prod', 'node', 'npm --prefix web run build:prod'],
    ['npm test', 'node', 'npm test'],
    ['npx tsc -p .', 'node', 'npx tsc'],
    ['yarn build', 'node', 'yarn build'],
    ['yarn cache clean', 'node', undefined],
    ['pnpm --filter web build', 'node', 'pnpm --filter web build'],
    ['pnpm install --frozen-lockfile', 'node', undefined],
    ['sudo -u app ./node_modules/.bin/webpack --mode production', 'node', './node_modules/.bin/webpack'],
    ['vite build', 'node', 'vite build'],
    ['node server.js', 'node', undefined],
    ['poetry run pytest -q', 'python', 'poetry run pytest'],
    ['python -m pytest tests', 'python', 'python -m pytest'],
    ['poetry run python manage.py collectstatic', 'python', undefined],
    ['bundle exec rspec', 'ruby', 'bundle exec rspec'],
    ['bundle exec rake assets:precompile', 'ruby', undefined],
    ['vendor/bin/phpunit', 'php', 'vendor/bin/phpunit'],
    ['npm run build', 'python', undefined],
  ] as const)('%s needs %s dev tools: %s', (run, ecosystem, expected) => {
    expect(step(run, ecosystem)).toBe(expected);
  });

  it('recognises dependency folders', () => {
    expect(dependencyDirEcosystem('/app/node_modules')).toBe('node');
    expect(dependencyDirEcosystem('/opt/venv')).toBe('python');
    expect(dependencyDirEcosystem('/app/.venv/')).toBe('python');
    expect(dependencyDirEcosystem('/usr/local/lib/python3.12/site-packages/')).toBe('python');
    expect(dependencyDirEcosystem('/app/vendor')).toBe('php');
    expect(dependencyDirEcosystem('/usr/local/bundle')).toBe('ruby');
    expect(dependencyDirEcosystem('/app/dist')).toBeUndefined();
  });

  it('recognises dev-server commands', () => {
    expect(isDevCommand(['npm', 'run', 'dev'])).toBe(true);
    expect(isDevCommand(['nodemon', 'index.js'])).toBe(true);
    expect(isDevCommand(['uvicorn', 'app:app', '--reload'])).toBe(true);
    expect(isDevCommand(['yarn', 'start:dev'])).toBe(true);
    expect(isDevCommand(['npm', 'start'])).toBe(false);
    expect(isDevCommand(['node', 'dist/main.js'])).toBe(false);
  });
});
