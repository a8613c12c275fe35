import { createHash } from 'node:crypto';
import { canonicalJsonFast as canonicalJson } from './canonical.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { batches, FindingSink, keyRange, num, str, tableExists } from './checkKit.js';
import { DescendantsWorld } from './descendantsWorld.js';
import type { WorldChange } from './descendantsWorld.js';
import { isObject } from './jsonEqual.js';
import type { JsonObject } from './jsonEqual.js';
import type { CheckOutcome, IntegrityContext } from './types.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface SnapshotRef {
  rowid: number;
  id: string;
  tsUs: number;
}

/**
 * `descendants` (sources.md §1): every record's checksum, every change against the world
 * rebuilt before it, and every snapshot against its own checksum and the rebuilt world.
 * One pass over the events in `seq` order; `raw` holds each line as written (an NDJSON line
 * is cast to JSON without being re-serialised), so the checksum is recomputed from it.
 */
export async function descendantsChecks(ctx: IntegrityContext): Promise<CheckOutcome[]> {
  const checksums = FindingSink.for(ctx, 'record_checksums');
  const states = FindingSink.for(ctx, 'change_continuity');
  const deltas = FindingSink.for(ctx, 'delta_vs_new_state');
  const snapshotSums = FindingSink.for(ctx, 'snapshot_checksums');
  const snapshotStates = FindingSink.for(ctx, 'snapshots_vs_rebuilt_state');
  const world = new DescendantsWorld(states, deltas);
  const snapshots = await snapshotRefs(ctx.store);
  let next = 0;
  let records = 0;
  const reach = async (tsUs: number): Promise<void> => {
    for (let s = snapshots[next]; s !== undefined && s.tsUs < tsUs; s = snapshots[++next]) {
      await checkSnapshot(ctx.store, s, world, snapshotSums, snapshotStates);
    }
  };
  const select = `SELECT seq AS _k, source_id, epoch_us(ts) AS ts_us, raw::VARCHAR AS raw FROM events`;
  for await (const rows of batches(ctx.store, select, await keyRange(ctx.store, 'events', 'seq'))) {
    for (const row of rows) {
      const tsUs = num(row['ts_us']) ?? 0;
      await reach(tsUs);
      const seq = Number(row['_k']);
      const record = JSON.parse(String(row['raw'])) as JsonObject;
      records++;
      checkRecordSum(record, seq, str(row['source_id']) ?? '', checksums);
      world.apply(toChange(record, seq));
    }
  }
  await reach(Number.POSITIVE_INFINITY);
  const noSnapshots = snapshots.length === 0 ? 'the export has no world_snapshots' : undefined;
  return [
    checksums.outcome(`${records} record checksums match their canonical JSON`),
    states.outcome('every update and removal changes an entity that exists, from the state it had'),
    deltas.outcome('every delta turns the old state into the newState'),
    snapshotSums.outcome(`${snapshots.length} snapshot checksums match`, noSnapshots),
    snapshotStates.outcome(`${snapshots.length} snapshots equal the world rebuilt from changes`, noSnapshots),
  ];
}

function checkRecordSum(record: JsonObject, seq: number, id: string, sink: FindingSink): void {
  const { checksum, ...rest } = record;
  const actual = sha256(canonicalJson(rest));
  if (checksum === actual) return;
  sink.add({
    kind: 'checksum_mismatch',
    severity: 'critical',
    seq,
    sourceId: id,
    expected: typeof checksum === 'string' ? checksum : String(checksum),
    actual,
    detail:
      checksum === undefined
        ? 'the record has no checksum'
        : 'sha256 of the canonical JSON of the record differs from its checksum: the record was altered',
  });
}

function toChange(record: JsonObject, seq: number): WorldChange {
  return {
    seq,
    id: String(record['id']),
    changeType: String(record['changeType']),
    entityType: typeof record['entityType'] === 'string' ? record['entityType'] : undefined,
    entityId: typeof record['entityId'] === 'string' ? record['entityId'] : undefined,
    oldState: record['oldState'],
    newState: record['newState'],
    delta: record['delta'],
  };
}

async function snapshotRefs(store: ArchiveStore): Promise<SnapshotRef[]> {
  if (!(await tableExists(store, 'world_snapshots'))) return [];
  const rows = await store.all(
    `SELECT rowid, id, epoch_us("timestamp") AS ts_us FROM world_snapshots ORDER BY "timestamp", rowid`,
  );
  return rows.map((r) => ({ rowid: Number(r['rowid']), id: String(r['id']), tsUs: Number(r['ts_us']) }));
}

/** Snapshots are read one at a time: each can hold the whole world. */
async function checkSnapshot(
  store: ArchiveStore,
  ref: SnapshotRef,
  world: DescendantsWorld,
  sums: FindingSink,
  states: FindingSink,
): Promise<void> {
  const row = (
    await store.all(`SELECT raw::VARCHAR AS raw FROM world_snapshots WHERE rowid = ${ref.rowid}`)
  )[0];
  const record = JSON.parse(String(row?.['raw'] ?? '{}')) as JsonObject;
  const worldState = isObject(record['worldState']) ? record['worldState'] : {};
  const integrity = isObject(record['integrity']) ? record['integrity'] : {};
  const claimed = integrity['checksum'];
  const actual = sha256(canonicalJson(worldState));
  const trusted = claimed === actual;
  if (!trusted) {
    sums.add({
      kind: 'checksum_mismatch',
      severity: 'critical',
      sourceId: ref.id,
      expected: typeof claimed === 'string' ? claimed : String(claimed),
      actual,
      detail: `world_snapshots ${ref.id}: sha256 of the canonical JSON of worldState differs from integrity.checksum`,
    });
  }
  world.compare(ref.id, worldState, trusted, states);
}
