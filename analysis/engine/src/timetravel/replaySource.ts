import { Table, tableToIPC } from 'apache-arrow';
import { parseTimeSpec } from '../../../core/src/index.js';
import type { EntityState, ReplayKeyframe, ReplayWindow, TimeSpec } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { boolColumn, float64Column, utf8Column } from './arrowColumns.js';
import { queued } from './connectionQueue.js';
import { StoredEntityState } from './storedState.js';
import { TimeTravel } from './TimeTravel.js';

/**
 * The replay engine's data, produced in the engine for the service (`replay.keyframe`,
 * `replay.window`) and for headless replays: Arrow IPC streams with exactly the columns and
 * types of the contract's REPLAY_KEYFRAME_COLUMNS and REPLAY_EVENT_COLUMNS.
 */

/** One TimeTravel per store that was passed bare, so its keyframe file is opened once. */
const travels = new WeakMap<ArchiveStore, Promise<TimeTravel>>();

function travelFor(source: ArchiveStore | TimeTravel): Promise<TimeTravel> {
  if (source instanceof TimeTravel) return Promise.resolve(source);
  let found = travels.get(source);
  if (!found) {
    found = TimeTravel.open(source);
    travels.set(source, found);
    found.catch(() => travels.delete(source));
  }
  return found;
}

/** Closes the TimeTravel that {@link replayKeyframe} opened for a bare store (before closing the store). */
export async function releaseReplay(store: ArchiveStore): Promise<void> {
  const found = travels.get(store);
  travels.delete(store);
  if (found) (await found.catch(() => null))?.close();
}

/**
 * The world after the last event at or before `at` (ISO 8601 or `seq:N`): one row per entity
 * that exists or was deleted by then. Pass the archive's TimeTravel when you hold one; a bare
 * store gets one opened (keyframes built on first use) and kept until {@link releaseReplay}.
 */
export async function replayKeyframe(
  source: ArchiveStore | TimeTravel,
  at: string | TimeSpec,
): Promise<ReplayKeyframe> {
  const spec = typeof at === 'string' ? parseTimeSpec(at, 'at') : at;
  const travel = await travelFor(source);
  const point = await travel.resolve(spec);
  const states = point.seq < 0 ? [] : [...(await travel.statesAt(point.seq)).entities.values()];
  return { seq: point.seq, at: point.at, table: keyframeTable(states) };
}

/** Encodes entity states as a REPLAY_KEYFRAME_COLUMNS table; states read from a keyframe keep their text. */
export function keyframeTable(states: readonly EntityState[]): Uint8Array<ArrayBuffer> {
  const n = states.length;
  const types = new Array<string>(n);
  const ids = new Array<string>(n);
  const texts = new Array<string>(n);
  const deleted = new Array<boolean>(n);
  const lastSeq = new Array<number>(n);
  states.forEach((e, i) => {
    types[i] = e.entityType;
    ids[i] = e.entityId;
    texts[i] = e instanceof StoredEntityState ? e.json : JSON.stringify(e.state);
    deleted[i] = e.deleted;
    lastSeq[i] = e.lastSeq;
  });
  const table = new Table({
    entity_type: utf8Column(types),
    entity_id: utf8Column(ids),
    state: utf8Column(texts),
    deleted: boolColumn(deleted),
    last_seq: float64Column(lastSeq),
  });
  return ipc(table);
}

/** Rows per JSON text DuckDB builds: one `JSON.parse` per batch instead of a conversion per value. */
const BATCH = 8192;

/**
 * Every event (not only those that change state: the viewport shows reads and logins too)
 * with `seq` in [fromSeq, fromSeq + limit), in order: REPLAY_EVENT_COLUMNS, then `session_id`. `done` when the window reaches the
 * archive's last event; `toSeq` is the last seq in the window (fromSeq - 1 when empty).
 */
export function replayWindow(store: ArchiveStore, fromSeq: number, limit: number): Promise<ReplayWindow> {
  return queued(store.conn, () => readWindow(store, fromSeq, limit));
}

async function readWindow(store: ArchiveStore, fromSeq: number, limit: number): Promise<ReplayWindow> {
  const from = Math.max(0, Math.floor(fromSeq));
  const end = from + Math.max(0, Math.floor(limit));
  const info = (
    await store.all(`SELECT (SELECT system FROM archive_info) AS system,
      (SELECT coalesce(max(seq), -1)::BIGINT FROM events) AS last_seq`)
  )[0];
  const system = String(info?.['system']);
  const lastSeq = Number(info?.['last_seq'] ?? -1);
  const columns = emptyColumns();
  if (end > from && from <= lastSeq) {
    const sql = `SELECT '[' || string_agg(json_array(${windowValuesSql(system)})::VARCHAR, ',' ORDER BY seq) || ']'
      FROM events WHERE seq >= ${from} AND seq < ${end}
      GROUP BY seq // ${BATCH} ORDER BY seq // ${BATCH}`;
    const result = await store.conn.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const text of chunk.getColumnValues(0)) pushRows(columns, JSON.parse(String(text)) as unknown[][]);
    }
  }
  const n = columns.seq.length;
  const toSeq = n > 0 ? (columns.seq[n - 1] as number) : from - 1;
  return { fromSeq: from, toSeq, done: toSeq >= lastSeq, table: windowTable(columns) };
}

/**
 * The values of one window row, as members of a JSON array. JSON columns travel as their
 * text (cast to VARCHAR, so the array holds a string, never a parsed object); a blockchain
 * event's `new_state` is its complete state when the record carries `data.newState`.
 */
function windowValuesSql(system: string): string {
  const full =
    system === 'blockchain' ? `coalesce(json_type(raw->'data'->'newState') NOT IN ('NULL'), false)` : 'false';
  return `seq, epoch_ms(ts), action, event_type, actor_id, entity_type, entity_id,
    old_state::VARCHAR, new_state::VARCHAR, delta::VARCHAR, ${full}, x, y, z, session_id`;
}

type Text = string | null;
type Num = number | null;
interface WindowColumns {
  seq: number[];
  ts: Num[];
  action: Text[];
  event_type: Text[];
  actor_id: Text[];
  entity_type: Text[];
  entity_id: Text[];
  old_state: Text[];
  new_state: Text[];
  delta: Text[];
  full_state: boolean[];
  x: Num[];
  y: Num[];
  z: Num[];
  session_id: Text[];
}

function emptyColumns(): WindowColumns {
  return {
    seq: [],
    ts: [],
    action: [],
    event_type: [],
    actor_id: [],
    entity_type: [],
    entity_id: [],
    old_state: [],
    new_state: [],
    delta: [],
    full_state: [],
    x: [],
    y: [],
    z: [],
    session_id: [],
  };
}

function pushRows(c: WindowColumns, rows: unknown[][]): void {
  for (const r of rows) {
    c.seq.push(Number(r[0]));
    c.ts.push(r[1] === null ? null : Number(r[1]));
    c.action.push(r[2] as Text);
    c.event_type.push(r[3] as Text);
    c.actor_id.push(r[4] as Text);
    c.entity_type.push(r[5] as Text);
    c.entity_id.push(r[6] as Text);
    c.old_state.push(r[7] as Text);
    c.new_state.push(r[8] as Text);
    c.delta.push(r[9] as Text);
    c.full_state.push(r[10] === true);
    c.x.push(r[11] as Num);
    c.y.push(r[12] as Num);
    c.z.push(r[13] as Num);
    c.session_id.push(r[14] as Text);
  }
}

function windowTable(c: WindowColumns): Uint8Array<ArrayBuffer> {
  const utf8 = utf8Column;
  const f64 = float64Column;
  // Keys in REPLAY_EVENT_COLUMNS order: the Arrow schema keeps insertion order.
  const table = new Table({
    seq: f64(c.seq),
    ts: f64(c.ts),
    action: utf8(c.action),
    event_type: utf8(c.event_type),
    actor_id: utf8(c.actor_id),
    entity_type: utf8(c.entity_type),
    entity_id: utf8(c.entity_id),
    old_state: utf8(c.old_state),
    new_state: utf8(c.new_state),
    delta: utf8(c.delta),
    full_state: boolColumn(c.full_state),
    x: f64(c.x),
    y: f64(c.y),
    z: f64(c.z),
    // Not (yet) in the contract's list: branches leave out sessions by it. Decoders read columns by name.
    session_id: utf8(c.session_id),
  });
  return ipc(table);
}

/** Arrow writes into a plain ArrayBuffer; the contract's byte type says so. */
function ipc(table: Table): Uint8Array<ArrayBuffer> {
  return tableToIPC(table, 'stream') as Uint8Array<ArrayBuffer>;
}
