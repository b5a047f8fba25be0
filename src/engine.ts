/**
 * Runs the enabled rules over one parsed file and turns their reports into
 * diagnostics: configured severity, suppressions applied, positions computed,
 * sorted. A rule that throws becomes an `internal-error` diagnostic; it never
 * stops the other rules.
 */
import { parseDockerfile } from './model/dockerfile.js';
import type { DockerfileModel } from './model/dockerfile.js';
import { parseIgnoreFile } from './model/ignorefile.js';
import type { IgnoreFileModel } from './model/ignorefile.js';
import type { SourceText } from './model/source.js';
import { readSuppressions, suppressionFor } from './suppressions.js';
import type { SuppressedName, Suppression, SuppressionComment } from './suppressions.js';
import { isBuildkitCheckName } from './rules.js';
import type { RuleSet } from './rules.js';
import type { BuildContextInfo, Diagnostic, DockerfileRule, FileKind, LintSettings, OffsetRange, Report, Rule, Severity } from './types.js';

/** Diagnostics the engine itself reports; they are not rules and cannot be configured. */
export const BUILTIN_IDS = {
  parseError: 'parse-error',
  internalError: 'internal-error',
  invalidSuppression: 'invalid-suppression',
  unusedSuppression: 'unused-suppression',
} as const;

export type Level = Severity | 'off';

export interface RuleSetting {
  /** The rule's own level; `off` when it runs only for aliases turned on one by one. */
  readonly severity: Level;
  readonly options: Readonly<Record<string, unknown>>;
  /** Levels set on single aliases (`DL3008: off`); they win for the findings that stand for those aliases. */
  readonly aliasLevels?: ReadonlyMap<string, Level>;
}

export interface EngineConfig {
  /** Enabled rules with their effective severity and options. */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly settings: LintSettings;
  /** The build context of the file being linted, when known. */
  readonly buildContext?: BuildContextInfo;
  /** Report suppression comments that silence nothing (`--report-unused-ignores`). */
  readonly reportUnusedIgnores?: boolean;
}

export interface LintOutcome {
  readonly diagnostics: Diagnostic[];
  /** Suppressions in force, for --report-unused-ignores. */
  readonly suppressions: readonly Suppression[];
  /** The parsed file, when it is a Dockerfile that parsed. */
  readonly model: DockerfileModel | IgnoreFileModel;
}

export function lintSource(text: string, filePath: string, kind: FileKind, ruleSet: RuleSet, config: EngineConfig): LintOutcome {
  if (kind === 'dockerfile') return lintDockerfileText(text, filePath, ruleSet, config);
  return lintIgnoreFileText(text, filePath, ruleSet, config);
}

function lintDockerfileText(text: string, filePath: string, ruleSet: RuleSet, config: EngineConfig): LintOutcome {
  const model = parseDockerfile(text, filePath);
  const reports: RawDiagnostic[] = model.syntaxErrors.map((error) => ({
    ruleId: BUILTIN_IDS.parseError,
    severity: 'error' as const,
    message: error.message,
    start: error.start,
    end: error.end,
  }));
  for (const rule of ruleSet.rules) {
    if (!isDockerfileRule(rule)) continue;
    const setting = config.rules.get(rule.meta.id);
    if (!setting) continue;
    reports.push(
      ...runRule(rule, setting, () =>
        rule.check({ file: model, options: setting.options, settings: config.settings, buildContext: config.buildContext }),
      ),
    );
  }
  const nextInstruction = (line: number): OffsetRange | undefined => {
    const next = model.instructions.find((instruction) => model.source.lineOf(instruction.start) > line);
    return next && { start: next.start, end: next.end };
  };
  return finish(model, model.source, model.comments, nextInstruction, reports, ruleSet, config);
}

function lintIgnoreFileText(text: string, filePath: string, ruleSet: RuleSet, config: EngineConfig): LintOutcome {
  const model = parseIgnoreFile(text, filePath);
  const reports: RawDiagnostic[] = [];
  for (const rule of ruleSet.rules) {
    if (isDockerfileRule(rule)) continue;
    const setting = config.rules.get(rule.meta.id);
    if (!setting) continue;
    reports.push(
      ...runRule(rule, setting, () =>
        rule.check({ file: model, options: setting.options, settings: config.settings, buildContext: config.buildContext }),
      ),
    );
  }
  const nextPattern = (line: number): OffsetRange | undefined => {
    const next = model.patterns.find((pattern) => pattern.line - 1 > line);
    return next && { start: next.start, end: next.end };
  };
  return finish(model, model.source, model.comments, nextPattern, reports, ruleSet, config);
}

function isDockerfileRule(rule: Rule): rule is DockerfileRule {
  return rule.meta.fileKind === 'dockerfile';
}

interface RawDiagnostic extends Report {
  readonly ruleId: string;
  readonly severity: Severity;
  /** The rule that reported it; absent for the engine's own diagnostics. */
  readonly rule?: Rule;
}

function runRule(rule: Rule, setting: RuleSetting, check: () => Report[]): RawDiagnostic[] {
  try {
    const diagnostics: RawDiagnostic[] = [];
    for (const report of check()) {
      const severity = levelOf(rule, setting, report.codes);
      // Object.assign copies like a spread, without V8's slow path for properties added after one.
      if (severity !== 'off') diagnostics.push(Object.assign({}, report, { ruleId: rule.meta.id, severity, rule }));
    }
    return diagnostics;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{
      ruleId: BUILTIN_IDS.internalError,
      severity: 'error',
      message: `Rule ${rule.meta.id} failed: ${detail}. Please report this bug with the Dockerfile that triggers it.`,
      start: 0,
      end: 0,
    }];
  }
}

/** A finding's level: the first alias it stands for that has its own level, else the rule's. */
function levelOf(rule: Rule, setting: RuleSetting, codes: readonly string[] | undefined): Level {
  if (setting.aliasLevels) {
    for (const code of codes ?? rule.meta.aliases) {
      const level = setting.aliasLevels.get(code);
      if (level) return level;
    }
  }
  return setting.severity;
}

function finish(
  model: DockerfileModel | IgnoreFileModel,
  source: SourceText,
  comments: readonly SuppressionComment[],
  nextUnit: (line: number) => OffsetRange | undefined,
  reports: RawDiagnostic[],
  ruleSet: RuleSet,
  config: EngineConfig,
): LintOutcome {
  const checkDirective = 'directives' in model ? model.directives.find((directive) => directive.name === 'check') : undefined;
  const { suppressions, unknown, buildkitErrors } = readSuppressions(
    comments,
    checkDirective && { line: source.lineOf(checkDirective.start), text: checkDirective.value, start: checkDirective.start, end: checkDirective.end },
    nextUnit,
    ruleSet,
    source.text.length,
  );
  const used = new Set<SuppressedName | Suppression>();
  const kept: RawDiagnostic[] = [];
  for (const report of reports) {
    if (!report.rule) {
      kept.push(report);
      continue;
    }
    const silenced = suppressionFor(suppressions, report.ruleId, report.codes, report);
    if (silenced) {
      used.add(silenced.name ?? silenced.suppression);
      continue;
    }
    // `# check=error=true` makes BuildKit's checks fail the build; so do their findings here.
    const raise = buildkitErrors && (report.codes ?? report.rule.meta.aliases).some(isBuildkitCheckName);
    kept.push(raise ? { ...report, severity: 'error' } : report);
  }
  for (const entry of unknown) {
    kept.push({
      ruleId: BUILTIN_IDS.invalidSuppression,
      severity: 'warning',
      message: `Unknown rule "${entry.name}" in a dockfix-ignore comment: run \`dockfix rules\` for the list of rule ids.`,
      start: entry.comment.start,
      end: entry.comment.end,
    });
  }
  if (config.reportUnusedIgnores) kept.push(...unusedSuppressions(suppressions, used, config, source));
  const diagnostics = kept.map((report) => toDiagnostic(report, source));
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { diagnostics, suppressions, model };
}

/**
 * Suppression comments that silenced nothing, like Ruff's unused `noqa`. Names
 * of rules that did not run are left alone: nobody can tell whether they would
 * be needed.
 */
function unusedSuppressions(
  suppressions: readonly Suppression[],
  used: ReadonlySet<SuppressedName | Suppression>,
  config: EngineConfig,
  source: SourceText,
): RawDiagnostic[] {
  const found: RawDiagnostic[] = [];
  for (const suppression of suppressions) {
    // A BuildKit check directive also configures `docker build`: it is not ours to remove.
    if (suppression.source === 'buildkit') continue;
    const comment = suppression.comment;
    const scope = suppression.scope === 'file' ? 'in this file' : 'on the next instruction';
    if (suppression.names.length === 0) {
      if (!used.has(suppression)) found.push(unusedReport(comment, `This suppression comment silences nothing ${scope}: remove it.`, source, true));
      continue;
    }
    const unused = suppression.names.filter((name) => !used.has(name) && config.rules.has(name.ruleId));
    if (unused.length === 0) continue;
    const list = unused.map((name) => name.written).join(', ');
    const whole = unused.length === suppression.names.length;
    const message = whole
      ? `This suppression comment silences nothing ${scope} (${list}): remove it.`
      : `${list} ${unused.length === 1 ? 'finds' : 'find'} nothing to silence ${scope}: remove ${unused.length === 1 ? 'it' : 'them'} from this comment.`;
    found.push(unusedReport(comment, message, source, whole));
  }
  return found;
}

function unusedReport(comment: SuppressionComment, message: string, source: SourceText, removable: boolean): RawDiagnostic {
  const lineStart = source.text.lastIndexOf('\n', comment.start - 1) + 1;
  const newline = source.text.indexOf('\n', comment.end);
  const lineEnd = newline < 0 ? source.text.length : newline + 1;
  const alone = source.text.slice(lineStart, comment.start).trim() === '';
  return {
    ruleId: BUILTIN_IDS.unusedSuppression,
    severity: 'warning',
    message,
    start: comment.start,
    end: comment.end,
    ...(removable && alone ? { fix: { applicability: 'safe' as const, edits: [{ start: lineStart, end: lineEnd, text: '' }] } } : {}),
  };
}

export function toDiagnostic(report: RawDiagnostic, source: SourceText): Diagnostic {
  const start = source.position(report.start);
  const end = source.position(Math.max(report.end, report.start));
  const diagnostic: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    ruleId: report.ruleId,
    severity: report.severity,
    message: report.message,
    start: report.start,
    end: report.end,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
  // Set one by one rather than spread in: the same properties in the same order, faster.
  if (report.codes && report.codes.length > 0) diagnostic.codes = report.codes;
  if (report.fix) diagnostic.fix = report.fix;
  if (report.suggestions && report.suggestions.length > 0) diagnostic.suggestions = report.suggestions;
  return diagnostic;
}
