/** Small helpers the text formatters share: paths, fatal files as findings, XML escaping. */
import { reportPath } from '../fingerprint.js';
import type { Diagnostic, FileResult } from '../types.js';

export { reportPath };

/** The id under which a file that could not be read is reported (as in the JSON format). */
export const IO_ERROR_ID = 'io-error';

/** The diagnostics of a result, plus one error at 1:1 for a file that could not be linted. */
export function findingsOf(result: FileResult): readonly Diagnostic[] {
  if (!result.fatal) return result.diagnostics;
  return [
    ...result.diagnostics,
    { ruleId: IO_ERROR_ID, severity: 'error', message: fatalMessage(result), start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 },
  ];
}

/** Why a file could not be linted, without the path the message starts with (reports show the path anyway). */
export function fatalMessage(result: FileResult): string {
  const fatal = result.fatal ?? '';
  return fatal.startsWith(`${result.filePath}: `) ? fatal.slice(result.filePath.length + 2) : fatal;
}

/** Characters XML 1.0 cannot carry at all, even as references. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an XML attribute or element; line breaks and tabs survive attribute normalisation. */
export function xmlEscape(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>"'\r\n\t]/g, (char) => XML_ENTITIES[char]);
}

/** Escapes the text content of an XML element; line breaks stay as they are. */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>]/g, (char) => XML_ENTITIES[char]);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};
