import { tableFromIPC } from 'apache-arrow';
import type { AnalysisClient } from '../../../analysis/core/src/index.js';
import type { IntegrityFinding } from './IntegrityFindings.js';

export interface Located {
  seq: number;
  /** ISO time of the event, for the playhead. */
  at: string | null;
  /** The source id landed on, when it is not the finding's own record (a missing one). */
  neighbour: string | null;
}

/** A source id as an SQL string literal: quotes doubled, so text from the evidence stays text. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Finds the event a finding names. Most name it by `seq`; a missing record (a gap in a
 * cycle's sequence) has none, so we land on the record the check found in its place
 * (`actual`, when it is an id of this archive), the nearest evidence there is.
 */
export async function locateRecord(
  client: AnalysisClient,
  archive: string,
  f: IntegrityFinding,
  signal?: AbortSignal,
): Promise<Located | null> {
  if (f.seq !== undefined) {
    const detail = await client.call('events.detail', { archive, seq: f.seq }, { signal });
    const ts = detail.event['ts'];
    return { seq: f.seq, at: typeof ts === 'string' ? ts : null, neighbour: null };
  }
  const ids = [f.sourceId, f.actual].filter((v): v is string => !!v && v.length <= 200);
  if (ids.length === 0) return null;
  const sql = `SELECT seq::DOUBLE AS seq, ts, source_id FROM events WHERE source_id IN (${ids.map(literal).join(', ')}) ORDER BY seq`;
  const result = await client.call('query.run', { archive, sql, limit: 10 }, { signal });
  const table = tableFromIPC(result.table);
  const rows = Array.from({ length: table.numRows }, (_, i) => ({
    seq: Number(table.getChild('seq')?.get(i)),
    ts: table.getChild('ts')?.get(i) as unknown,
    id: String(table.getChild('source_id')?.get(i)),
  }));
  const hit = ids.map((id) => rows.find((r) => r.id === id)).find((r) => r !== undefined);
  if (!hit) return null;
  const at = typeof hit.ts === 'number' ? new Date(hit.ts).toISOString() : null;
  return { seq: hit.seq, at, neighbour: hit.id === f.sourceId ? null : hit.id };
}
