import { readFile } from 'node:fs/promises';
import { CaseFileShape } from '../../../core/src/index.js';
import type { Annotation, CaseAnnotations } from './reportData.js';

/** Where the studio keeps an archive's case: beside it, never inside it (PRODUCT.md). */
export function caseFilePathFor(archivePath: string): string {
  return `${archivePath.replace(/[\\/]+$/, '')}.chronocase.json`;
}

/**
 * The annotations of a case file, in time order. Null when there is no file; a file that
 * is not `chronoscope-case/1`, or names another archive, is reported as a warning rather
 * than stopping the report: the analyst still gets the rest.
 */
export async function readCaseAnnotations(
  path: string,
  archiveSha256: string,
): Promise<CaseAnnotations | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { path, warning: `could not read it: ${(err as Error).message}`, annotations: [] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { path, warning: `not JSON: ${(err as Error).message}`, annotations: [] };
  }
  const result = CaseFileShape.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    return {
      path,
      warning: `not a chronoscope-case/1 file: ${where}: ${issue?.message ?? 'invalid'}`,
      annotations: [],
    };
  }
  const warning =
    result.data.archive.sha256 !== archiveSha256
      ? `it was made for another archive (sha256 ${result.data.archive.sha256}, this one is ${archiveSha256})`
      : null;
  const annotations = result.data.annotations.map(toAnnotation).filter((a) => a !== null);
  annotations.sort((a, b) => (a.at ?? '\uffff').localeCompare(b.at ?? '\uffff'));
  return { path, warning, annotations };
}

/** The studio writes `at`/`from`, `text`/`note`; older or hand-written files vary, so read leniently. */
function toAnnotation(value: unknown): Annotation | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const a = value as Record<string, unknown>;
  const str = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = a[k];
      if (typeof v === 'string' && v !== '') return v;
      if (typeof v === 'number') return String(v);
    }
    return null;
  };
  const text = str('text', 'note', 'body', 'comment') ?? str('title', 'label') ?? '';
  return {
    at: isoOrNull(str('at', 'ts', 'time', 'from', 'start')),
    to: isoOrNull(str('to', 'end')),
    title: text === str('title', 'label') ? null : str('title', 'label'),
    text,
    author: str('author', 'by', 'user'),
  };
}

function isoOrNull(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
