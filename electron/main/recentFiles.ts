import { isAbsolute } from 'node:path';

export const MAX_RECENT = 10;

/** The list with `path` first, once, trimmed to `max` entries. */
export function addRecent(list: readonly string[], path: string, max = MAX_RECENT): string[] {
  return [path, ...list.filter((entry) => entry !== path)].slice(0, max);
}

/** A saved list, keeping only absolute paths (a hand-edited or foreign file yields what it can). */
export function parseRecent(value: unknown, max = MAX_RECENT): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const entry of value) {
    if (typeof entry === 'string' && isAbsolute(entry) && !out.includes(entry)) out.push(entry);
  }
  return out.slice(0, max);
}
