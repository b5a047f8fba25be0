/**
 * `dockfix context [DIR]`: what `docker build` would send from a directory.
 * Loaded only when the command runs, so linting never pays for it.
 */
import { resolve } from 'node:path';
import { findIgnoreFile } from './context/ignore-file.js';
import { scanContext } from './context/scan.js';
import { buildContextReport, contextReportJson, listSentFiles, renderContextReport } from './context/report.js';

export interface ContextCommandOptions {
  /** The context directory, absolute and known to exist. */
  readonly root: string;
  /** `--dockerfile`: picks `<Dockerfile>.dockerignore` when it exists. */
  readonly dockerfile: string | undefined;
  readonly format: 'stylish' | 'json';
  readonly list: boolean;
  readonly color: boolean;
  readonly cwd: string;
  /** Progress goes to stderr only on a terminal. */
  readonly progress: ((text: string) => void) | undefined;
  readonly stdout: (text: string) => void;
}

export async function contextCommand(options: ContextCommandOptions): Promise<number> {
  const root = options.root;
  const dockerfile = options.dockerfile === undefined ? undefined : resolve(options.cwd, options.dockerfile);
  const ignoreFile = findIgnoreFile(root, dockerfile);
  let lastShown = 0;
  const scan = await scanContext(root, {
    ignoreFile,
    // --list promises every path, so nothing may be left out.
    maxEntries: options.list ? Number.MAX_SAFE_INTEGER : undefined,
    onProgress: options.progress && ((files) => {
      if (files - lastShown < 20_000) return;
      lastShown = files;
      options.progress!(`\rscanning… ${files.toLocaleString('en-US')} files`);
    }),
  });
  if (lastShown > 0) options.progress!('\r\u001b[K');
  if (options.list) {
    const lines = listSentFiles(scan);
    options.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
    return 0;
  }
  const report = buildContextReport(scan);
  options.stdout(options.format === 'json'
    ? `${JSON.stringify(contextReportJson(report), null, 2)}\n`
    : renderContextReport(report, { color: options.color, cwd: options.cwd }));
  return 0;
}
