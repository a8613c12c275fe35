import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { StateEvent } from '../../../core/src/index.js';

/**
 * Which rows can change state, per system (mirrors core's `eventEffects`): reads, exports,
 * logins and bulk parents are skipped in SQL so a replay never parses their JSON.
 */
export function stateRowsWhere(system: string): string {
  switch (system) {
    case 'descendants':
      return `action IN ('create', 'update', 'delete', 'config_change')`;
    case 'robot-cycles':
      return `new_state IS NOT NULL`;
    case 'blockchain':
      return `TRUE`;
    default:
      return `action IN ('create', 'update', 'delete', 'permission_change', 'config_change')`;
  }
}

/**
 * The columns of a state row. `old_state` and `delta` are only read when there is no
 * `new_state` (a removal, a delta-only update): they are the largest columns and otherwise
 * unused. robot-cycles battles keep their payload in `new_state` as well.
 */
export function stateColumnsSql(system: string): string {
  const full =
    system === 'blockchain' ? `coalesce(json_type(raw->'data'->'newState') NOT IN ('NULL'), false)` : 'false';
  return `seq::INTEGER AS seq, action, event_type, entity_type, entity_id,
    CASE WHEN new_state IS NULL THEN old_state END::VARCHAR AS old_state,
    new_state::VARCHAR AS new_state,
    CASE WHEN new_state IS NULL THEN delta END::VARCHAR AS delta,
    ${full} AS full_state, actor_id`;
}

/** Rows of `SELECT stateColumnsSql(...)` as events; the JSON columns are parsed here. */
export function toStateEvents(system: string, columns: DuckDBValue[][]): StateEvent[] {
  const [seq, action, eventType, entityType, entityId, oldState, newState, delta, full, actor] = columns;
  const out: StateEvent[] = [];
  const n = seq?.length ?? 0;
  for (let i = 0; i < n; i++) {
    out.push({
      seq: seq?.[i] as number,
      system,
      action: String(action?.[i] ?? ''),
      eventType: String(eventType?.[i] ?? ''),
      entityType: text(entityType?.[i]),
      entityId: text(entityId?.[i]),
      oldState: parse(oldState?.[i]),
      newState: parse(newState?.[i]),
      delta: parse(delta?.[i]),
      fullState: full?.[i] === true,
      actor: text(actor?.[i]),
    });
  }
  return out;
}

/** Rows per JSON batch: DuckDB builds each batch as one string, so JS parses once per batch. */
const BATCH = 4096;

/**
 * Streams the state rows with `seq` in (after, upTo], in order, batch by batch. DuckDB turns
 * each batch of rows into one JSON text: converting values one by one through the client
 * costs ten times more than one `JSON.parse` of the batch.
 */
export async function* streamStateEvents(
  conn: DuckDBConnection,
  system: string,
  after: number,
  upTo: number,
): AsyncGenerator<StateEvent[]> {
  if (upTo <= after) return;
  const sql = `SELECT '[' || string_agg(json_array(${stateValuesSql(system)})::VARCHAR, ',' ORDER BY seq) || ']'
    FROM events
    WHERE seq > ${Math.floor(after)} AND seq <= ${Math.floor(upTo)} AND ${stateRowsWhere(system)}
    GROUP BY seq // ${BATCH} ORDER BY seq // ${BATCH}`;
  const result = await conn.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const text of chunk.getColumnValues(0)) {
      const rows = JSON.parse(String(text)) as unknown[][];
      yield rows.map((r) => fromValues(system, r));
    }
  }
}

/** The same values as {@link stateColumnsSql}, as the members of one JSON array per row. */
function stateValuesSql(system: string): string {
  const full =
    system === 'blockchain' ? `coalesce(json_type(raw->'data'->'newState') NOT IN ('NULL'), false)` : 'false';
  return `seq, action, event_type, entity_type, entity_id, CASE WHEN new_state IS NULL THEN old_state END,
    new_state, CASE WHEN new_state IS NULL THEN delta END, ${full}, actor_id`;
}

function fromValues(system: string, r: unknown[]): StateEvent {
  return {
    seq: r[0] as number,
    system,
    action: String(r[1] ?? ''),
    eventType: String(r[2] ?? ''),
    entityType: (r[3] as string | null) ?? null,
    entityId: (r[4] as string | null) ?? null,
    oldState: r[5] ?? null,
    newState: r[6] ?? null,
    delta: r[7] ?? null,
    fullState: r[8] === true,
    actor: (r[9] as string | null) ?? null,
  };
}

function text(value: DuckDBValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function parse(value: DuckDBValue | undefined): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : null;
}
