/** The default terminal report, grouped by file like ESLint's stylish. */
import { relative } from 'node:path';
import { Chalk } from 'chalk';
import type { Formatter } from './types.js';
import type { Severity } from '../types.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

const format: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const paint: Record<Severity, (text: string) => string> = {
    error: chalk.red,
    warning: chalk.yellow,
    info: chalk.blue,
  };
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let safeFixes = 0;
  let unsafeFixes = 0;
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    out += `\n${chalk.underline(relative(context.cwd, result.filePath) || result.filePath)}\n`;
    const rows = result.diagnostics.map((diagnostic) => {
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
      else infos++;
      if (diagnostic.fix?.applicability === 'safe') safeFixes++;
      else if (diagnostic.fix) unsafeFixes++;
      return [`${diagnostic.line}:${diagnostic.column}`, diagnostic.severity, diagnostic.message, diagnostic.ruleId] as const;
    });
    const positionWidth = Math.max(...rows.map((row) => row[0].length));
    const severityWidth = Math.max(...rows.map((row) => row[1].length));
    for (const [position, severity, message, ruleId] of rows) {
      out += `  ${chalk.dim(position.padEnd(positionWidth))}  ${paint[severity](severity.padEnd(severityWidth))}  ${message}  ${chalk.dim(ruleId)}\n`;
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return out;
  const mark = errors > 0 ? chalk.red.bold('✖') : warnings > 0 ? chalk.yellow.bold('⚠') : chalk.blue.bold('ℹ');
  const summary = `${mark} ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)`;
  out += `\n${errors > 0 ? chalk.red.bold(summary) : warnings > 0 ? chalk.yellow.bold(summary) : chalk.bold(summary)}\n`;
  if (safeFixes > 0) out += `  ${plural(safeFixes, 'problem')} fixable with --fix (preview with --diff).\n`;
  if (unsafeFixes > 0) out += `  ${plural(unsafeFixes, 'more problem')} fixable with --fix --unsafe-fixes: review these changes.\n`;
  return out;
};
export default format;
