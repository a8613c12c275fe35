import { EVENT_COLUMNS } from '../../../../core/src/index.js';
import type { EventColumn } from '../../../../core/src/index.js';

export const ALL_EVENT_COLUMNS: readonly EventColumn[] = EVENT_COLUMNS.map((c) => c.name);

const TYPE_OF = new Map<string, string>(EVENT_COLUMNS.map((c) => [c.name, c.type]));

/**
 * A canonical column as the studio's tables carry it: numbers (seq, src_line, coordinates)
 * as DOUBLE, `ts` as ms since the epoch (DOUBLE), JSON and lists as JSON text. Converting in
 * SQL keeps the Arrow encoder's work to copying plain values. Names come from the contract's
 * enum, never from free text.
 */
export function eventColumnSql(name: string): string {
  const type = TYPE_OF.get(name);
  // The contract's enum already holds the names to EVENT_COLUMNS; this keeps free text out of SQL regardless.
  if (type === undefined) throw new Error(`not a canonical column: ${name}`);
  switch (type) {
    case 'TIMESTAMPTZ':
      return `epoch_ms(${name})::DOUBLE AS ${name}`;
    case 'BIGINT':
      return `${name}::DOUBLE AS ${name}`;
    case 'JSON':
      return `${name}::VARCHAR AS ${name}`;
    case 'VARCHAR[]':
      return `to_json(${name})::VARCHAR AS ${name}`;
    default:
      return name;
  }
}

export function eventColumnsSql(columns: readonly string[]): string {
  return columns.map(eventColumnSql).join(', ');
}
