import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dockfix's home page: SARIF's informationUri, and the base of the rule documentation links. */
export const HOMEPAGE = 'https://github.com/dockfix/dockfix';

let root: string | undefined;
/** The package directory, found from this module whether it runs from src/ or dist/src/. */
export function packageRoot(): string {
  if (root) return root;
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('cannot find the dockfix package directory');
    directory = parent;
  }
  root = directory;
  return root;
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
