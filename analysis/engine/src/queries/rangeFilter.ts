import type { TimeSpec } from '../../../core/src/index.js';

/**
 * A WHERE clause over `events` for `--from`/`--to`. The values are ours to inline: a
 * TimeSpec is either a validated integer or an ISO string we re-serialised, never user text.
 */
export function rangeWhere(from?: TimeSpec, to?: TimeSpec): string {
  const parts: string[] = [];
  if (from) parts.push(from.kind === 'seq' ? `seq >= ${from.seq}` : `ts >= TIMESTAMPTZ '${from.iso}'`);
  if (to) parts.push(to.kind === 'seq' ? `seq <= ${to.seq}` : `ts <= TIMESTAMPTZ '${to.iso}'`);
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}
