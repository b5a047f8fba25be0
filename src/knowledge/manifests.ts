/**
 * The files each package manager reads to install a project's dependencies:
 * the manifest that must be there, and lockfiles and settings that may be.
 * Rules that reorder layers copy exactly these files ahead of the sources.
 */
import { matchesPattern, parseDockerignore } from '../context/dockerignore.js';
import type { PackageTool } from './package-managers.js';

export interface ManifestSet {
  /** Files the tool cannot install without; a COPY of them fails only if the project is not of this kind. */
  readonly required: readonly string[];
  /** Lockfiles and settings that may be absent: copied with a trailing `*` so a missing one is no error. */
  readonly optional: readonly string[];
  /** How messages name the set: `package.json and package-lock.json`. */
  readonly label: string;
  /** Other names (and globs of names) a narrow COPY of this set may use. */
  readonly names: readonly string[];
}

const NODE_NAMES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'bun.lock', 'bun.lockb', '.npmrc', '.yarnrc', '.yarnrc.yml'];

const SETS: Partial<Record<PackageTool, ManifestSet>> = {
  npm: { required: ['package.json'], optional: ['package-lock.json', 'npm-shrinkwrap.json'], label: 'package.json and package-lock.json', names: NODE_NAMES },
  yarn: { required: ['package.json'], optional: ['yarn.lock', '.yarnrc.yml'], label: 'package.json and yarn.lock', names: NODE_NAMES },
  pnpm: { required: ['package.json'], optional: ['pnpm-lock.yaml', 'pnpm-workspace.yaml'], label: 'package.json and pnpm-lock.yaml', names: NODE_NAMES },
  // `bun.lock*` matches both the text lockfile (bun.lock) and the binary one (bun.lockb).
  bun: { required: ['package.json'], optional: ['bun.lock'], label: 'package.json and bun.lock', names: NODE_NAMES },
  poetry: { required: ['pyproject.toml'], optional: ['poetry.lock'], label: 'pyproject.toml and poetry.lock', names: ['pyproject.toml', 'poetry.lock', 'poetry.toml'] },
  uv: { required: ['pyproject.toml'], optional: ['uv.lock'], label: 'pyproject.toml and uv.lock', names: ['pyproject.toml', 'uv.lock', '.python-version'] },
  pipenv: { required: ['Pipfile'], optional: ['Pipfile.lock'], label: 'Pipfile and Pipfile.lock', names: ['Pipfile', 'Pipfile.lock'] },
  go: { required: ['go.mod'], optional: ['go.sum'], label: 'go.mod and go.sum', names: ['go.mod', 'go.sum', 'go.work', 'go.work.sum'] },
  cargo: { required: ['Cargo.toml'], optional: ['Cargo.lock'], label: 'Cargo.toml and Cargo.lock', names: ['Cargo.toml', 'Cargo.lock', 'recipe.json'] },
  bundler: { required: ['Gemfile'], optional: ['Gemfile.lock'], label: 'Gemfile and Gemfile.lock', names: ['Gemfile', 'Gemfile.lock', 'gems.rb', 'gems.locked'] },
  composer: { required: ['composer.json'], optional: ['composer.lock'], label: 'composer.json and composer.lock', names: ['composer.json', 'composer.lock', 'auth.json'] },
  maven: { required: ['pom.xml'], optional: [], label: 'pom.xml', names: ['pom.xml', 'mvnw', 'settings.xml'] },
  // Gradle and .NET projects name their files freely (modules, *.csproj): there is no set certain to exist.
  gradle: { required: [], optional: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties'], label: 'the Gradle build files (build.gradle, settings.gradle, gradle/)', names: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties', 'gradlew'] },
  dotnet: { required: [], optional: [], label: 'the project files (*.csproj, *.sln)', names: ['*.csproj', '*.fsproj', '*.vbproj', '*.sln', 'NuGet.Config', 'nuget.config', 'Directory.Build.props', 'Directory.Packages.props'] },
};

/** The manifest set of a tool; undefined for tools without one (pip reads the files it is given). */
export function manifestSet(tool: PackageTool): ManifestSet | undefined {
  return SETS[tool];
}

/**
 * The COPY sources for a set, relative to `dir` (a context directory, '' for
 * the root): the required files as they are, the optional ones with a `*` so
 * that a missing lockfile matches nothing instead of failing the build (valid
 * because a required file in the same COPY always matches).
 */
export function copySources(set: ManifestSet, dir: string): string[] | undefined {
  if (set.required.length === 0) return undefined;
  const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
  return [...set.required.map((name) => prefix + name), ...set.optional.map((name) => `${prefix}${name}*`)];
}

/** Docker's (Go filepath.Match) glob on one path segment. */
export function globMatches(pattern: string, name: string): boolean {
  // Docker matches COPY sources and ignore patterns with the same Go filepath.Match rules.
  const [compiled] = parseDockerignore(pattern).patterns;
  return compiled !== undefined && compiled.error === undefined && !compiled.negated && matchesPattern(compiled, name);
}
