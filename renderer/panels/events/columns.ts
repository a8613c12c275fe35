import type { EventColumn, EventFilterParams } from '../../../analysis/core/src/index.js';

/** A column of the events table; `filter` names the shared-filter list its filter input sets. */
export interface TableColumn {
  name: EventColumn;
  label: string;
  /** CSS grid track. */
  width: string;
  filter?: 'actors' | 'actions' | 'eventTypes' | 'entityTypes' | 'entities';
}

export const TABLE_COLUMNS: TableColumn[] = [
  { name: 'seq', label: 'seq', width: '84px' },
  { name: 'ts', label: 'time (UTC)', width: '210px' },
  { name: 'action', label: 'action', width: '120px', filter: 'actions' },
  { name: 'event_type', label: 'event type', width: 'minmax(120px, 1fr)', filter: 'eventTypes' },
  { name: 'actor_id', label: 'actor', width: 'minmax(120px, 1.2fr)', filter: 'actors' },
  { name: 'entity_type', label: 'entity type', width: '120px', filter: 'entityTypes' },
  { name: 'entity_id', label: 'entity', width: 'minmax(120px, 1.2fr)', filter: 'entities' },
  { name: 'severity', label: 'severity', width: '80px' },
  { name: 'source_id', label: 'source id', width: 'minmax(100px, 1fr)' },
];

export const GRID_TEMPLATE = TABLE_COLUMNS.map((c) => c.width).join(' ');

export type ListFilterKey = NonNullable<TableColumn['filter']>;

/** Text typed in a column filter (comma-separated values) as the filter's list, and back. */
export function parseList(text: string): string[] | undefined {
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  return values.length > 0 ? values : undefined;
}

export function listText(filter: EventFilterParams, key: ListFilterKey): string {
  return (filter[key] ?? []).join(', ');
}
