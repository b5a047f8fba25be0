import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/model/dockerfile.js';
import { flagValue, flagValues, hasFlag, packageCommands } from '../../src/knowledge/package-managers.js';

function read(run: string) {
  const model = parseDockerfile(`FROM scratch\nRUN ${run}\n`, 'Dockerfile');
  return packageCommands(model.instructions[1].run!.commands);
}

describe('package-manager commands', () => {
  it.each([
    ['npm ci --omit=dev', 'npm', 'ci', true],
    ['npm install', 'npm', 'install', true],
    ['npm install -g pnpm@9', 'npm', 'install', false],
    ['npm i express', 'npm', 'i', false],
    ['yarn', 'yarn', '', true],
    ['yarn install --frozen-lockfile --production', 'yarn', 'install', true],
    ['yarn workspaces focus --production', 'yarn', 'workspaces focus', true],
    ['corepack pnpm install --frozen-lockfile', 'pnpm', 'install', true],
    ['bun install --production', 'bun', 'install', true],
    ['pip install --no-cache-dir -r requirements.txt', 'pip', 'install', true],
    ['python3 -m pip install --upgrade pip', 'pip', 'install', false],
    ['/usr/local/bin/pip3.12 install -e .', 'pip', 'install', true],
    ['uv sync --frozen --no-dev', 'uv', 'sync', true],
    ['uv pip install --system -r requirements.txt', 'uv', 'pip install', true],
    ['poetry install --only main --no-root', 'poetry', 'install', true],
    ['pipenv install --deploy --system', 'pipenv', 'install', true],
    ['go mod download', 'go', 'mod download', true],
    ['CGO_ENABLED=0 go build -o /out/app ./cmd/app', 'go', 'build', true],
    ['go install github.com/a/b@latest', 'go', 'install', false],
    ['cargo build --release --locked', 'cargo', 'build', true],
    ['bundle install --jobs 4', 'bundler', 'install', true],
    ['composer install --no-dev --optimize-autoloader', 'composer', 'install', true],
    ['./mvnw -B dependency:go-offline', 'maven', 'dependency:go-offline', true],
    ['mvn -q -DskipTests package', 'maven', 'package', true],
    ['./gradlew build -x test', 'gradle', 'build test', true],
    ['dotnet restore', 'dotnet', 'restore', true],
    ['gem install bundler -v 2.5.0', 'gem', 'install', false],
    ['sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl', 'apt', 'install', false],
    ['apk add --no-cache git', 'apk', 'add', false],
    ['dnf -y install gcc', 'dnf', 'install', false],
    ['zypper --non-interactive in curl', 'zypper', 'in', false],
  ])('%s', (run, tool, subcommand, project) => {
    const [command] = read(run);
    expect(command).toMatchObject({ tool, subcommand, installsProjectDependencies: project, downloads: true });
  });

  it('ignores commands that are not installs', () => {
    expect(read('npm run build && npm test && pip --version && go version && apt-get clean')).toEqual([]);
    expect(read('yarn --version && bundle -v && npm --help')).toEqual([]);
    expect(read('yarn --frozen-lockfile')).toHaveLength(1);
  });

  it('reads flags and their values', () => {
    const [pip] = read('pip install -r requirements.txt --requirement=dev.txt -rtest.txt --no-cache-dir');
    expect(flagValues(pip, '-r', '--requirement')).toEqual(['requirements.txt', 'dev.txt', 'test.txt']);
    expect(hasFlag(pip, '--no-cache-dir')).toBe(true);
    const [apt] = read('apt-get install -qy curl');
    expect(hasFlag(apt, '-y')).toBe(true);
    const [npm] = read('npm ci --omit dev');
    expect(flagValue(npm, '--omit')).toBe('dev');
    expect(npm.operands).toEqual([]);
  });

  it('sees inline and env assignments', () => {
    const [a] = read('NODE_ENV=production npm ci');
    expect(a.inlineEnv.get('NODE_ENV')).toBe('production');
    const [b] = read('env PIP_NO_CACHE_DIR=1 pip install flask');
    expect(b.inlineEnv.get('PIP_NO_CACHE_DIR')).toBe('1');
  });
});
