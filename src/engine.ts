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
import { isSuppressed, readSuppressions } from './suppressions.js';
import type { Suppression, SuppressionComment } from './suppressions.js';
import type { RuleSet } from './rules.js';
import type { BuildContextInfo, Diagnostic, DockerfileRule, FileKind, LintSettings, OffsetRange, Report, Rule, Severity } from './types.js';

/** Diagnostics the engine itself reports; they are not rules and cannot be configured. */
export const BUILTIN_IDS = {
  parseError: 'parse-error',
  internalError: 'internal-error',
  invalidSuppression: 'invalid-suppression',
} as const;

export interface RuleSetting {
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface EngineConfig {
  /** Enabled rules with their effective severity and options. */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly settings: LintSettings;
  /** The build context of the file being linted, when known. */
  readonly buildContext?: BuildContextInfo;
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
  return finish(model, model.source, model.comments, nextInstruction, reports, ruleSet);
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
  return finish(model, model.source, model.comments, nextPattern, reports, ruleSet);
}

function isDockerfileRule(rule: Rule): rule is DockerfileRule {
  return rule.meta.fileKind === 'dockerfile';
}

interface RawDiagnostic extends Report {
  readonly ruleId: string;
  readonly severity: Severity;
}

function runRule(rule: Rule, setting: RuleSetting, check: () => Report[]): RawDiagnostic[] {
  try {
    return check().map((report) => ({ ...report, ruleId: rule.meta.id, severity: setting.severity }));
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

function finish(
  model: DockerfileModel | IgnoreFileModel,
  source: SourceText,
  comments: readonly SuppressionComment[],
  nextUnit: (line: number) => OffsetRange | undefined,
  reports: RawDiagnostic[],
  ruleSet: RuleSet,
): LintOutcome {
  const { suppressions, unknown } = readSuppressions(comments, nextUnit, (name) => ruleSet.resolve(name), source.text.length);
  const kept: RawDiagnostic[] = reports.filter(
    (report) =>
      report.ruleId === BUILTIN_IDS.parseError ||
      report.ruleId === BUILTIN_IDS.internalError ||
      !isSuppressed(suppressions, report.ruleId, report),
  );
  for (const entry of unknown) {
    kept.push({
      ruleId: BUILTIN_IDS.invalidSuppression,
      severity: 'warning',
      message: `Unknown rule "${entry.name}" in a dockfix-ignore comment: run \`dockfix rules\` for the list of rule ids.`,
      start: entry.comment.start,
      end: entry.comment.end,
    });
  }
  const diagnostics = kept.map((report) => toDiagnostic(report, source));
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { diagnostics, suppressions, model };
}

export function toDiagnostic(report: RawDiagnostic, source: SourceText): Diagnostic {
  const start = source.position(report.start);
  const end = source.position(Math.max(report.end, report.start));
  return {
    ruleId: report.ruleId,
    severity: report.severity,
    message: report.message,
    start: report.start,
    end: report.end,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(report.codes && report.codes.length > 0 ? { codes: report.codes } : {}),
    ...(report.fix ? { fix: report.fix } : {}),
    ...(report.suggestions && report.suggestions.length > 0 ? { suggestions: report.suggestions } : {}),
  };
}
