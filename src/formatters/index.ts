/** Formatters are loaded on demand so a run pays only for the ones it prints. */
import type { Formatter } from './types.js';

const LOADERS: Record<string, () => Promise<{ default: Formatter }>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  sarif: () => import('./sarif.js'),
  github: () => import('./github.js'),
  gitlab: () => import('./gitlab.js'),
  checkstyle: () => import('./checkstyle.js'),
  junit: () => import('./junit.js'),
  compact: () => import('./compact.js'),
};

export const FORMAT_NAMES = Object.keys(LOADERS);

export async function loadFormatter(name: string): Promise<Formatter> {
  const load = LOADERS[name];
  if (!load) throw new Error(`unknown format "${name}" (available: ${FORMAT_NAMES.join(', ')})`);
  return (await load()).default;
}
