/** The rule registry: lookup by id or by alias (hadolint code, BuildKit check name). */
import type { Rule } from './types.js';

export class RuleSet {
  readonly rules: readonly Rule[];
  private readonly byName = new Map<string, Rule>();

  constructor(rules: readonly Rule[]) {
    this.rules = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
    for (const rule of this.rules) {
      if (this.byName.has(rule.meta.id)) throw new Error(`Duplicate rule id ${rule.meta.id}`);
      this.byName.set(rule.meta.id, rule);
    }
    for (const rule of this.rules) {
      for (const alias of rule.meta.aliases) {
        if (!this.byName.has(alias)) this.byName.set(alias, rule);
      }
    }
  }

  /** The rule id for an id or alias; aliases match case-insensitively for hadolint codes. */
  resolve(name: string): string | undefined {
    return (this.byName.get(name) ?? this.byName.get(name.toUpperCase()))?.meta.id;
  }

  get(id: string): Rule | undefined {
    const rule = this.byName.get(id);
    return rule && rule.meta.id === id ? rule : undefined;
  }
}
