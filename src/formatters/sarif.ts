/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it: one
 * run, the rules that ran with their documentation, results with stable
 * fingerprints and fixes.
 *
 * GitHub rejects uploads over 25,000 results per run or 10 MB gzipped; this
 * formatter keeps the most severe results that fit, says so in the log's
 * tool notifications and through `context.warn`, and stays valid.
 */
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { fingerprintFile, FINGERPRINT_KEY } from '../fingerprint.js';
import type { Formatter, FormatContext, RuleInfo } from './types.js';
import { fatalMessage, IO_ERROR_ID, reportPath } from './shared.js';
import type { Diagnostic, FileResult, RuleMeta, Severity, TextEdit } from '../types.js';
import { SourceText, withLineEndings } from '../model/source.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const DEFAULT_SARIF_CATEGORY = 'dockfix/';

/** GitHub code scanning's upload limits. */
export interface SarifLimits {
  readonly maxResults: number;
  readonly maxGzipBytes: number;
}
export const GITHUB_SARIF_LIMITS: SarifLimits = { maxResults: 25_000, maxGzipBytes: 10 * 1024 * 1024 };

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };
const LEVEL_RANK: Record<SarifLevel, number> = { error: 0, warning: 1, note: 2 };
/** GitHub's security-severity scale: 9+ critical, 7+ high, 4+ medium, above 0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

const SRCROOT = '%SRCROOT%';

/* The parts of the SARIF object model dockfix writes. */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string; 'security-severity'?: string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  partialFingerprints: Record<string, string>;
  fixes?: {
    description: { text: string };
    artifactChanges: {
      artifactLocation: SarifArtifactLocation;
      replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
    }[];
  }[];
}
export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  descriptor?: { id: string };
  locations?: { physicalLocation: { artifactLocation: SarifArtifactLocation } }[];
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        semanticVersion?: string;
        informationUri?: string;
        rules: SarifReportingDescriptor[];
      };
    };
    automationDetails: { id: string };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
    results: SarifResult[];
  }[];
}

/** `copy-from-unknown-stage` → `CopyFromUnknownStage`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** The fenced code of a `## Heading` section of a rule's documentation. */
export function docExample(docs: string, heading: string): { language: string; code: string } | undefined {
  const lines = docs.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start < 0) return undefined;
  let open = -1;
  let language = '';
  for (let i = start + 1; i < lines.length; i++) {
    const fence = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(lines[i]);
    if (open < 0) {
      if (/^##?\s/.test(lines[i])) return undefined;
      if (fence) {
        open = i;
        language = fence[2];
      }
    } else if (fence && fence[2] === '') {
      return { language, code: lines.slice(open + 1, i).join('\n') };
    }
  }
  return undefined;
}

/** The first prose paragraph of a rule's documentation (after the title and the summary line). */
export function docParagraph(docs: string): string | undefined {
  const paragraphs = docs.split(/\r?\n\s*\r?\n/).map((paragraph) => paragraph.trim());
  const prose = paragraphs.find((paragraph) => paragraph !== '' && !/^(#|\*\*|```|~~~|[-*] |\|)/.test(paragraph));
  return prose?.replace(/\s*\r?\n\s*/g, ' ');
}

function descriptor(info: RuleInfo): SarifReportingDescriptor {
  const { meta, helpUri, docs } = info;
  const bad = docs ? docExample(docs, 'Bad') : undefined;
  const good = docs ? docExample(docs, 'Good') : undefined;
  let text = meta.description;
  let markdown = meta.description;
  if (bad && good) {
    text += `\n\nBad:\n${bad.code}\n\nGood:\n${good.code}`;
    markdown += `\n\n## Bad\n\n\`\`\`${bad.language}\n${bad.code}\n\`\`\`\n\n## Good\n\n\`\`\`${good.language}\n${good.code}\n\`\`\``;
  }
  if (helpUri) {
    text += `\n\nDocumentation: ${helpUri}`;
    markdown += `\n\n[Documentation](${helpUri})`;
  }
  const properties: SarifReportingDescriptor['properties'] = {
    tags: [meta.category, ...meta.aliases],
    precision: meta.category === 'style' || meta.category === 'maintainability' ? 'very-high' : 'high',
  };
  if (meta.category === 'security') properties['security-severity'] = SECURITY_SEVERITY[meta.severity];
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: (docs && docParagraph(docs)) || meta.description },
    help: { text, markdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties,
  };
}

/** A rule the context did not describe (library callers may pass no rules). */
function unknownRule(id: string, severity: Severity): RuleMeta {
  return { id, description: `Reported by dockfix as ${id}.`, category: 'correctness', severity, fileKind: 'dockerfile', aliases: [] };
}


function artifactLocation(filePath: string, cwd: string): SarifArtifactLocation {
  const path = reportPath(filePath, cwd);
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function regionOf(diagnostic: Diagnostic): SarifRegion {
  return { startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn };
}

function fixesOf(diagnostic: Diagnostic, source: SourceText, location: SarifArtifactLocation): SarifResult['fixes'] {
  if (!diagnostic.fix || diagnostic.fix.edits.length === 0) return undefined;
  const replacement = (edit: TextEdit) => {
    const start = source.position(edit.start);
    const end = source.position(edit.end);
    return {
      deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
      insertedContent: { text: withLineEndings(edit.text, source.eol) },
    };
  };
  const description = diagnostic.fix.applicability === 'safe'
    ? 'Safe fix: dockfix --fix applies it.'
    : 'Unsafe fix: it may change what the image does; dockfix --fix --unsafe-fixes applies it.';
  return [{
    description: { text: description },
    artifactChanges: [{ artifactLocation: location, replacements: [...diagnostic.fix.edits].sort((a, b) => a.start - b.start).map(replacement) }],
  }];
}

/** Builds the SARIF log; exported for tests and library callers. */
export function toSarifLog(results: readonly FileResult[], context: FormatContext, limits: SarifLimits = GITHUB_SARIF_LIMITS): SarifLog {
  const infos = [...(context.rules ?? [])];
  const ruleIndex = new Map(infos.map((info, index) => [info.meta.id, index]));
  const notifications: SarifNotification[] = [];
  const all: SarifResult[] = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, context.cwd);
    if (result.fatal) {
      notifications.push({
        level: 'error',
        message: { text: fatalMessage(result) },
        descriptor: { id: IO_ERROR_ID },
        locations: [{ physicalLocation: { artifactLocation: location } }],
      });
    }
    const source = new SourceText(result.source ?? '');
    const fingerprints = fingerprintFile(result, context.cwd);
    result.diagnostics.forEach((diagnostic, index) => {
      if (!ruleIndex.has(diagnostic.ruleId)) {
        ruleIndex.set(diagnostic.ruleId, infos.length);
        infos.push({ meta: unknownRule(diagnostic.ruleId, diagnostic.severity) });
      }
      const fixes = fixesOf(diagnostic, source, location);
      all.push({
        ruleId: diagnostic.ruleId,
        ruleIndex: ruleIndex.get(diagnostic.ruleId)!,
        level: LEVEL[diagnostic.severity],
        message: { text: diagnostic.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: regionOf(diagnostic) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[index].value },
        ...(fixes ? { fixes } : {}),
      });
    });
  }

  let category = context.sarifCategory ?? DEFAULT_SARIF_CATEGORY;
  if (!category.endsWith('/')) category += '/';
  const build = (kept: SarifResult[], extra: SarifNotification[]): SarifLog => ({
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'dockfix',
          ...(context.toolVersion ? { semanticVersion: context.toolVersion } : {}),
          ...(context.informationUri ? { informationUri: context.informationUri } : {}),
          rules: infos.map(descriptor),
        },
      },
      automationDetails: { id: category },
      originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(context.cwd).href.replace(/\/$/, '')}/` } },
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: !results.some((result) => result.fatal), toolExecutionNotifications: [...notifications, ...extra] }],
      results: kept,
    }],
  });

  // Most severe first when not everything fits; the kept results stay in file order.
  const bySeverity = all.map((result, index) => ({ result, index }))
    .sort((a, b) => LEVEL_RANK[a.result.level] - LEVEL_RANK[b.result.level] || a.index - b.index);
  const keep = (count: number) => bySeverity.slice(0, count).sort((a, b) => a.index - b.index).map((entry) => entry.result);
  let count = Math.min(all.length, limits.maxResults);
  for (;;) {
    const truncated = count < all.length;
    const extra: SarifNotification[] = truncated
      ? [{
        level: 'warning',
        message: { text: truncationMessage(count, all.length, limits) },
        descriptor: { id: 'sarif-truncated' },
      }]
      : [];
    const log = build(keep(count), extra);
    const size = gzipSync(serialize(log)).length;
    if (size <= limits.maxGzipBytes || count === 0) {
      if (truncated) context.warn?.(truncationMessage(count, all.length, limits));
      return log;
    }
    count = Math.max(0, Math.min(count - 1, Math.floor(count * (limits.maxGzipBytes / size) * 0.9)));
  }
}

function truncationMessage(kept: number, total: number, limits: SarifLimits): string {
  return `SARIF report truncated to the ${kept} most severe of ${total} results, ` +
    `to stay within GitHub's limits (${limits.maxResults} results per run, ${limits.maxGzipBytes >= 1048576 ? `${Math.round(limits.maxGzipBytes / 1048576)} MB` : `${limits.maxGzipBytes} bytes`} gzipped)`;
}

function serialize(log: SarifLog): string {
  return JSON.stringify(log, null, 2) + '\n';
}

const format: Formatter = Object.assign(
  (results: readonly FileResult[], context: FormatContext) => serialize(toSarifLog(results, context)),
  { needs: { ruleDocs: true } },
);
export default format;
