/** A .dockerignore (or .containerignore) file as the ignore-file rules see it. */
import { parseDockerignore } from '../context/dockerignore.js';
import type { IgnorePattern } from '../context/dockerignore.js';
import { SourceText } from './source.js';
import type { Comment } from './dockerfile.js';

export interface IgnoreFileModel {
  readonly path: string;
  readonly source: SourceText;
  readonly text: string;
  readonly patterns: readonly IgnorePattern[];
  /** Lines that Docker reads as comments: `#` in column 1. */
  readonly comments: readonly Comment[];
}

export function parseIgnoreFile(text: string, path: string): IgnoreFileModel {
  const source = new SourceText(text);
  const comments: Comment[] = [];
  source.lineStarts.forEach((start, line) => {
    if (text[start] === '#') {
      const end = source.lineEnd(line);
      comments.push({ text: text.slice(start + 1, end).trim(), line, start, end });
    }
  });
  return { path, source, text, patterns: parseDockerignore(text).patterns, comments };
}
