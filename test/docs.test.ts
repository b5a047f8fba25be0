/** The docs promise a page with a bad and a good example per rule, and the README lists every rule: keep them true. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe.each(allRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  it('has a page with a bad and a good example and the right severity', () => {
    const page = join(ROOT, 'docs', 'rules', `${id}.md`);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(text).toMatch(/^## Bad$/m);
    expect(text).toMatch(/^## Good$/m);
    expect(text).toContain(`**Severity:** ${rule.meta.severity}`);
  });

  it('is listed in the README with its severity, fix and aliases', () => {
    const aliases = rule.meta.aliases.length > 0 ? rule.meta.aliases.join(', ') : '—';
    expect(readme).toContain(`| [${id}](docs/rules/${id}.md) | ${rule.meta.severity} | ${rule.meta.fixable ?? '—'} | ${aliases} |`);
  });
});
