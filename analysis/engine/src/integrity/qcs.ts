import { createHash } from 'node:crypto';
import { canonicalJsonFast as canonicalJson } from './canonical.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { batches, FindingSink, keyRange, num, str } from './checkKit.js';
import { isObject } from './jsonEqual.js';
import { RecordState } from './recordState.js';
import type { CheckOutcome, IntegrityContext } from './types.js';

interface SnapshotRef {
  rowid: number;
  id: string;
  tsUs: number;
  types: Set<string>;
}

/** `qcs` (sources.md §2): snapshots, bulk operations and rollback links. */
export async function qcsChecks(ctx: IntegrityContext): Promise<CheckOutcome[]> {
  const snapshots = await snapshotRefs(ctx.store);
  return [
    ...(await snapshotChecks(ctx, snapshots)),
    await bulkCounts(ctx),
    await orphanChildren(ctx),
    await rollbackLinks(ctx),
  ];
}

async function snapshotRefs(store: ArchiveStore): Promise<SnapshotRef[]> {
  // Without entity_types (or in a form the reader could not take as a list) the snapshot's
  // own entities say which types it covers.
  const rows = await store.all(`SELECT rowid, id, epoch_us("timestamp") AS ts_us,
      CASE WHEN len(entity_types) > 0 THEN entity_types
        ELSE list_distinct(json_extract_string(snapshot_data, '$.entities[*].entityType')) END AS types
    FROM system_snapshots ORDER BY "timestamp", rowid`);
  return rows.map((r) => ({
    rowid: Number(r['rowid']),
    id: String(r['id']),
    tsUs: Number(r['ts_us']),
    types: new Set(((r['types'] as unknown[] | null) ?? []).map(String)),
  }));
}

/** Rebuilds the records in `seq` order and stops at each snapshot to compare (one snapshot in memory at a time). */
async function snapshotChecks(ctx: IntegrityContext, snapshots: SnapshotRef[]): Promise<CheckOutcome[]> {
  const sums = FindingSink.for(ctx, 'snapshot_checksums');
  const contents = FindingSink.for(ctx, 'snapshots_vs_rebuilt_state');
  const state = new RecordState();
  const none = snapshots.length === 0 ? 'the export has no system_snapshots' : undefined;
  let next = 0;
  const reach = async (tsUs: number): Promise<void> => {
    for (let s = snapshots[next]; s !== undefined && s.tsUs < tsUs; s = snapshots[++next]) {
      await compareSnapshot(ctx.store, s, state, sums, contents);
    }
  };
  const allTypes = new Set(snapshots.flatMap((s) => [...s.types]));
  if (allTypes.size > 0) {
    const types = [...allTypes].map((t) => `'${t.replaceAll("'", "''")}'`);
    const select = `SELECT seq AS _k, epoch_us(ts) AS ts_us, upper(event_type) AS op, entity_type, entity_id,
        new_state::VARCHAR AS new_values, old_state::VARCHAR AS old_values FROM events
      WHERE entity_type IN (${types.join(', ')}) AND upper(event_type) IN ('CREATE', 'UPDATE', 'DELETE', 'CONFIG_CHANGE', 'PERMISSION_CHANGE')`;
    for await (const rows of batches(ctx.store, select, await keyRange(ctx.store, 'events', 'seq'))) {
      for (const r of rows) {
        await reach(Number(r['ts_us']));
        const type = String(r['entity_type']);
        const id = String(r['entity_id']);
        const values =
          r['new_values'] === null ? undefined : (JSON.parse(String(r['new_values'])) as unknown);
        if (r['op'] === 'CREATE') state.create(type, id, values);
        else if (r['op'] === 'DELETE') state.remove(type, id);
        else state.update(type, id, values);
      }
    }
  }
  await reach(Number.POSITIVE_INFINITY);
  return [
    sums.outcome(`${snapshots.length} snapshot checksums match`, none),
    contents.outcome(`${snapshots.length} snapshots equal the records rebuilt from the log`, none),
  ];
}

async function compareSnapshot(
  store: ArchiveStore,
  ref: SnapshotRef,
  state: RecordState,
  sums: FindingSink,
  contents: FindingSink,
): Promise<void> {
  const row = (
    await store.all(
      `SELECT snapshot_data::VARCHAR AS data, checksum FROM system_snapshots WHERE rowid = ${ref.rowid}`,
    )
  )[0];
  const data = JSON.parse(String(row?.['data'] ?? '{}')) as unknown;
  const actual = createHash('sha256').update(canonicalJson(data)).digest('hex');
  const claimed = str(row?.['checksum']);
  if (claimed !== actual) {
    sums.add({
      kind: 'checksum_mismatch',
      severity: 'critical',
      sourceId: ref.id,
      expected: claimed ?? '(none)',
      actual,
      detail: `system_snapshots ${ref.id}: sha256 of the canonical JSON of snapshot_data differs from its checksum`,
    });
  }
  const list = isObject(data) && Array.isArray(data['entities']) ? data['entities'] : [];
  const entities = list.filter(isObject).flatMap((e) => {
    const type = str(e['entityType']);
    return type !== undefined && ref.types.has(type)
      ? [{ type, id: String(e['entityId']), data: e['data'] }]
      : [];
  });
  state.compare(ref.id, ref.types, entities, claimed === actual, contents);
}

/** A bulk (or rollback) parent's `count` against the children that name it. */
async function bulkCounts(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'bulk_child_counts');
  const rows = await ctx.store.all(`WITH parents AS (
      SELECT seq, source_id, event_type, try_cast(new_state->>'count' AS BIGINT) AS claimed FROM events
      WHERE (starts_with(upper(event_type), 'BULK_') OR upper(event_type) = 'ROLLBACK') AND json_type(new_state->'count') IS NOT NULL),
    children AS (SELECT parent_id, count(*) AS n FROM events WHERE parent_id IS NOT NULL GROUP BY parent_id)
    SELECT p.*, coalesce(c.n, 0) AS n, (SELECT count(*) FROM parents) AS parents
    FROM parents p LEFT JOIN children c ON c.parent_id = p.source_id ORDER BY p.seq`);
  let parents = 0;
  for (const r of rows) {
    parents = num(r['parents']) ?? 0;
    if (num(r['claimed']) === num(r['n'])) continue;
    sink.add({
      kind: 'total_mismatch',
      severity: 'high',
      seq: num(r['seq']),
      sourceId: str(r['source_id']),
      expected: str(r['claimed']),
      actual: str(r['n']),
      detail: `${str(r['event_type'])} says count ${str(r['claimed'])} but ${str(r['n'])} child rows name it as their parent`,
    });
  }
  return sink.outcome(`${parents} bulk and rollback parents have as many children as their count`);
}

/** A child whose parent row is not in the log: the parent is named by the id it would have had. */
async function orphanChildren(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'orphan_children');
  const rows = await ctx.store
    .all(`SELECT parent_id, count(*) AS n, min(seq) AS first_seq, arg_min(source_id, seq) AS first_id
    FROM events c WHERE parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events p WHERE p.source_id = c.parent_id)
    GROUP BY parent_id ORDER BY first_seq`);
  for (const r of rows) {
    sink.add({
      kind: 'deleted',
      severity: 'high',
      sourceId: str(r['parent_id']),
      detail: `parent operation ${str(r['parent_id'])} is missing; ${str(r['n'])} child row(s) name it, first ${str(r['first_id'])} (seq ${str(r['first_seq'])})`,
    });
  }
  return sink.outcome('every child row has its parent operation');
}

/** Rows carrying a `rollback_id` that no `rollback_operations` row has. */
async function rollbackLinks(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'rollback_links');
  const ops = num((await ctx.store.all(`SELECT count(*) AS n FROM rollback_operations`))[0]?.['n']) ?? 0;
  const rows = await ctx.store
    .all(`SELECT rollback_id, count(*) AS n, min(seq) AS first_seq, arg_min(source_id, seq) AS first_id
    FROM events e WHERE rollback_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollback_operations r WHERE r.id = e.rollback_id)
    GROUP BY rollback_id ORDER BY first_seq`);
  for (const r of rows) {
    sink.add({
      kind: 'deleted',
      severity: 'high',
      sourceId: str(r['rollback_id']),
      detail: `rollback operation ${str(r['rollback_id'])} is not in rollback_operations${ops === 0 ? ' (the export has none)' : ''}; ${str(r['n'])} row(s) name it, first ${str(r['first_id'])} (seq ${str(r['first_seq'])})`,
    });
  }
  return sink.outcome(`every rollback row points to one of ${ops} rollback operations`);
}
