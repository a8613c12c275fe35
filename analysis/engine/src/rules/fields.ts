import { EVENT_COLUMNS } from '../../../core/src/index.js';

/** How a field compares: text, number, time, a whole JSON document, a list, or a value inside JSON. */
export type FieldKind = 'text' | 'number' | 'time' | 'json' | 'list' | 'jsonpath';

export interface FieldRef {
  /** SQL over the `events` columns; a JSON path appears only as a bound parameter. */
  sql: string;
  kind: FieldKind;
}

const KIND_OF_TYPE: Record<string, FieldKind> = {
  VARCHAR: 'text',
  BIGINT: 'number',
  DOUBLE: 'number',
  TIMESTAMPTZ: 'time',
  JSON: 'json',
  'VARCHAR[]': 'list',
};

const COLUMNS = new Map<string, FieldKind>(
  EVENT_COLUMNS.map((c) => [c.name, KIND_OF_TYPE[c.type] ?? 'text']),
);

/**
 * Fields computed from `ts`, for rules about the clock: hour of day and weekday (0 = Sunday),
 * UTC, by arithmetic on epoch milliseconds (1970-01-01 was a Thursday) rather than the ICU
 * calendar functions, which cost a call per row.
 */
const DERIVED: Record<string, string> = {
  hour: '((epoch_ms(ts) // 3600000) % 24)',
  weekday: '((epoch_ms(ts) // 86400000 + 4) % 7)',
};

/**
 * A path into one of the JSON columns: `new_state.role`, `raw.data.amount`, `delta.items[0]`.
 * Strict on purpose: keys are plain identifiers, so the path can be rebuilt in DuckDB's own
 * syntax with every key quoted, and it still travels as a bound parameter.
 */
const JSON_PATH = /^(old_state|new_state|delta|raw)((?:\.[A-Za-z_][A-Za-z0-9_-]{0,63}|\[\d{1,6}\]){1,12})$/;
const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/g;

export const FIELD_HELP =
  'a column of events (e.g. action, actor_id, ip), hour, weekday, or a JSON path such as new_state.role';

/**
 * Resolves a field name, binding a JSON path through `bind`; returns an error message for a
 * name that is none of these.
 */
export function resolveField(name: string, bind: (value: string) => string): FieldRef | string {
  const column = COLUMNS.get(name);
  if (column) return { sql: name, kind: column };
  const derived = DERIVED[name];
  if (derived) return { sql: derived, kind: 'number' };
  const path = JSON_PATH.exec(name);
  if (!path) return `unknown field "${name}": expected ${FIELD_HELP}`;
  let jsonPath = '$';
  for (const m of (path[2] ?? '').matchAll(SEGMENT)) {
    jsonPath += m[1] !== undefined ? `."${m[1]}"` : `[${m[2]}]`;
  }
  return { sql: `json_extract_string(${path[1]}, ${bind(jsonPath)})`, kind: 'jsonpath' };
}
