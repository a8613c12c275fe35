import { ChronoscopeError, nextState } from '../../../core/src/index.js';
import type { EntityState, JsonObject } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { queued } from './connectionQueue.js';
import { fromValues, stateValuesSql } from './eventRows.js';

/** Events per JSON text. */
const BATCH = 4096;

export interface HistoryEvent {
  seq: number;
  ts: string;
  action: string;
  eventType: string;
  actor: string | null;
  /** The state after the event; null while the entity does not exist yet. */
  state: JsonObject | null;
  deleted: boolean;
}

export interface EntityHistory {
  entity: { entityType: string; entityId: string };
  events: HistoryEvent[];
}

/**
 * Every event on one entity with the state after each, folded from the entity's first event
 * (its own events are all that decide its state). A robot-cycles robot's history includes
 * the battles it fought, since they set its hit points.
 */
export function entityHistory(
  store: ArchiveStore,
  system: string,
  entityId: string,
  entityType?: string,
): Promise<EntityHistory> {
  return queued(store.conn, () => readHistory(store, system, entityId, entityType));
}

async function readHistory(
  store: ArchiveStore,
  system: string,
  entityId: string,
  entityType?: string,
): Promise<EntityHistory> {
  const type = entityType ?? (await soleType(store, entityId));
  const battles =
    system === 'robot-cycles' && type === 'robot'
      ? ` OR (entity_type = 'battle' AND ((new_state->>'robot1Id') = $id OR (new_state->>'robot2Id') = $id))`
      : '';
  // Every event on it (reads and logins too: history lists them all), as JSON texts of up
  // to BATCH rows built by DuckDB: one JSON.parse per batch costs a tenth of converting
  // values one by one through the client.
  const sql = `SELECT '[' || string_agg(json_array(${stateValuesSql(system)}, ${isoSql('ts')})::VARCHAR, ','
      ORDER BY seq) || ']'
    FROM (SELECT *, (row_number() OVER (ORDER BY seq) - 1) // ${BATCH} AS batch FROM events
      WHERE (entity_type = $type AND entity_id = $id)${battles})
    GROUP BY batch ORDER BY batch`;
  const result = await store.conn.stream(sql, { type, id: entityId });
  const events: HistoryEvent[] = [];
  let state: EntityState | undefined;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const text of chunk.getColumnValues(0)) {
      for (const row of JSON.parse(String(text)) as unknown[][]) {
        const event = fromValues(system, row);
        state = nextState(state, event, { entityType: type, entityId });
        events.push({
          seq: event.seq,
          ts: String(row[10]),
          action: event.action,
          eventType: event.eventType,
          actor: event.actor ?? null,
          state: state?.state ?? null,
          deleted: state?.deleted ?? false,
        });
      }
    }
  }
  if (events.length === 0) {
    throw new ChronoscopeError(
      'NOT_FOUND',
      `no events on entity "${entityId}"${entityType ? ` of type ${entityType}` : ''}`,
    );
  }
  return { entity: { entityType: type, entityId }, events };
}

/** Ids are unique within a type only: an id that several types use needs `--type`. */
async function soleType(store: ArchiveStore, entityId: string): Promise<string> {
  const rows = await store.all(
    `SELECT entity_type, count(*)::INTEGER AS n FROM events WHERE entity_id = $id GROUP BY 1 ORDER BY 2 DESC`,
    { id: entityId },
  );
  if (rows.length === 0) throw new ChronoscopeError('NOT_FOUND', `no events on entity "${entityId}"`);
  if (rows.length > 1) {
    const types = rows.map((r) => String(r['entity_type'])).join(', ');
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `entity "${entityId}" exists as ${types}: name one with --type`,
    );
  }
  return String(rows[0]?.['entity_type']);
}
