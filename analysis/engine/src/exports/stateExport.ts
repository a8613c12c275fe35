import type { EntityState } from '../../../core/src/index.js';
import type { RowColumn } from './rowsExport.js';

/** The columns of a state export: one entity a row, its state as JSON. */
export const STATE_COLUMNS: readonly RowColumn[] = [
  { name: 'entity_type', type: 'VARCHAR' },
  { name: 'entity_id', type: 'VARCHAR' },
  { name: 'deleted', type: 'BOOLEAN' },
  { name: 'last_seq', type: 'BIGINT' },
  { name: 'state', type: 'JSON' },
];

export function* stateRows(entities: readonly EntityState[]): Generator<Record<string, unknown>> {
  for (const e of entities) {
    yield {
      entity_type: e.entityType,
      entity_id: e.entityId,
      deleted: e.deleted,
      last_seq: e.lastSeq,
      state: e.state,
    };
  }
}
