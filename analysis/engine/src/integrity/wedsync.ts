import { batches, FindingSink, keyRange, num, shown, str } from './checkKit.js';
import { isObject, jsonEqual } from './jsonEqual.js';
import { RecordState } from './recordState.js';
import type { CheckOutcome, IntegrityContext } from './types.js';

/** `wedsync` (sources.md §4): ids are unique across both tables; each update starts from the state it claims. */
export async function wedsyncChecks(ctx: IntegrityContext): Promise<CheckOutcome[]> {
  return [await duplicateIds(ctx), await updateOldValues(ctx)];
}

async function duplicateIds(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'unique_ids');
  const rows = await ctx.store.all(`SELECT source_id, count(*) AS n, list(seq ORDER BY seq) AS seqs,
      list(src_file || ':' || src_line ORDER BY seq) AS places
    FROM events GROUP BY source_id HAVING count(*) > 1 ORDER BY min(seq)`);
  for (const r of rows) {
    const seqs = (r['seqs'] as unknown[]).map(Number);
    const places = (r['places'] as unknown[]).map(String);
    sink.add({
      kind: 'duplicate_id',
      severity: 'high',
      seq: seqs[1],
      sourceId: str(r['source_id']),
      expected: '1 record',
      actual: `${str(r['n'])} records`,
      detail: `id ${str(r['source_id'])} appears ${str(r['n'])} times: ${places.join(', ')}`,
    });
  }
  return sink.outcome('every id appears once in audit_logs and audit_logs_archive');
}

/**
 * Replays create/update/delete per resource. An update's `old` must equal the value the
 * rebuilt resource holds; a record first met in an update (created before the export) is
 * learned, not judged.
 */
async function updateOldValues(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'update_old_values');
  const state = new RecordState();
  let updates = 0;
  const select = `SELECT seq AS _k, source_id, entity_type, entity_id, action, delta::VARCHAR AS changes,
      new_state::VARCHAR AS new_values FROM events WHERE action IN ('create', 'update', 'delete') AND entity_id IS NOT NULL`;
  for await (const rows of batches(ctx.store, select, await keyRange(ctx.store, 'events', 'seq'))) {
    for (const r of rows) {
      const type = String(r['entity_type']);
      const id = String(r['entity_id']);
      const action = r['action'];
      if (action === 'create') state.create(type, id, parse(r['new_values']));
      else if (action === 'delete') state.remove(type, id);
      else {
        const changes = parse(r['changes']);
        if (!isObject(changes)) continue;
        updates++;
        const known = state.get(type, id);
        const after: Record<string, unknown> = {};
        for (const [field, change] of Object.entries(changes)) {
          if (!isObject(change)) continue;
          after[field] = change['new'];
          if (!known || known.deleted || !(field in known.fields)) continue;
          if (jsonEqual(known.fields[field], change['old'])) continue;
          sink.add({
            kind: 'modified',
            severity: 'high',
            seq: num(r['_k']),
            sourceId: str(r['source_id']),
            expected: shown(known.fields[field]),
            actual: shown(change['old']),
            detail: `${type} ${id}.${field}: the update's old value differs from the value rebuilt from the log: a change before it is missing or altered`,
          });
        }
        state.update(type, id, after);
      }
    }
  }
  return sink.outcome(`${updates} updates start from the values the log gave them`);
}

function parse(text: unknown): unknown {
  return typeof text === 'string' ? (JSON.parse(text) as unknown) : undefined;
}
