import { describe, expect, it } from 'vitest';
import { copySources, globMatches, manifestSet } from '../../src/knowledge/manifests.js';

describe('manifests', () => {
  it('lists the required files as is and the optional ones as wildcards', () => {
    expect(copySources(manifestSet('npm')!, '')).toEqual(['package.json', 'package-lock.json*', 'npm-shrinkwrap.json*']);
    expect(copySources(manifestSet('go')!, 'svc/')).toEqual(['svc/go.mod', 'svc/go.sum*']);
    expect(copySources(manifestSet('bun')!, '')).toEqual(['package.json', 'bun.lock*']);
    expect(copySources(manifestSet('maven')!, '')).toEqual(['pom.xml']);
  });

  it('has no copy set for tools without certain file names', () => {
    expect(copySources(manifestSet('gradle')!, '')).toBeUndefined();
    expect(copySources(manifestSet('dotnet')!, '')).toBeUndefined();
    expect(manifestSet('pip')).toBeUndefined();
  });

  it('matches Docker globs on one path segment', () => {
    expect(globMatches('package*.json', 'package-lock.json')).toBe(true);
    expect(globMatches('requirements-[dp]*.txt', 'requirements-dev.txt')).toBe(true);
    expect(globMatches('requirements-[^d]*.txt', 'requirements-dev.txt')).toBe(false);
    // Go's filepath.Match negates with ^ only: [!d] is the class of "!" and "d".
    expect(globMatches('requirements-[!d]*.txt', 'requirements-dev.txt')).toBe(true);
    expect(globMatches('*.json', 'a/b.json')).toBe(false);
    expect(globMatches('go.?um', 'go.sum')).toBe(true);
  });
});
