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

  /** The rule a written name (id or alias) means, and which alias it was, if one. */
  resolveName(name: string): { ruleId: string; code: string | undefined } | undefined {
    const rule = this.byName.get(name) ?? this.byName.get(name.toUpperCase());
    if (!rule) return undefined;
    if (rule.meta.id === name) return { ruleId: rule.meta.id, code: undefined };
    const code = rule.meta.aliases.find((alias) => alias.toUpperCase() === name.toUpperCase());
    return { ruleId: rule.meta.id, code };
  }

  /** Every rule alias that names a BuildKit build check, with its rule. */
  buildkitChecks(): { ruleId: string; code: string }[] {
    return this.rules.flatMap((rule) =>
      rule.meta.aliases.filter(isBuildkitCheckName).map((code) => ({ ruleId: rule.meta.id, code })),
    );
  }

  get(id: string): Rule | undefined {
    const rule = this.byName.get(id);
    return rule && rule.meta.id === id ? rule : undefined;
  }
}

/** BuildKit check names are CamelCase words (JSONArgsRecommended); hadolint's are DL/SC codes. */
export function isBuildkitCheckName(alias: string): boolean {
  return !/^(DL|SC)\d+$/i.test(alias);
}
