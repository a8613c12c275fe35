import { ChronoscopeError } from '../errors.js';
import { CaseFileShape } from './shapes.js';

/** `filter.actors[0]`: the path of a zod issue as a person reads it. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * A case file's text, checked: the service reads one beside an archive, the studio one the
 * user brings. A text that is not one is an UNREADABLE error naming the file and the reason.
 */
export function parseCaseFileText(text: string, file: string): CaseFileShape {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ChronoscopeError('UNREADABLE', `${file}: not JSON: ${(err as Error).message}`, { file });
  }
  const parsed = CaseFileShape.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ChronoscopeError(
    'UNREADABLE',
    `${file}: not a Chronoscope case file: ${issue ? `${issuePath(issue.path) || '(root)'}: ${issue.message}` : ''}`,
    { file },
  );
}
