import type { DuckDBValue } from '@duckdb/node-api';
import type { TimeSpec } from '../../../core/src/index.js';

/**
 * The one filter every analytics call and the detectors take, so the studio's panels stay
 * linked. Lists mean "any of"; absent or empty means no condition.
 */
export interface EventFilter {
  from?: TimeSpec;
  to?: TimeSpec;
  actors?: string[];
  /** Normalised actions (`delete`, `login_failed`, ...). */
  actions?: string[];
  /** The source's own types (`block_remove`, `guest.delete`, ...). */
  eventTypes?: string[];
  entityTypes?: string[];
  /** Entity ids. */
  entities?: string[];
  /** Case-insensitive text anywhere in the old state, new state, delta or raw record. */
  text?: string;
  /** Exactly these events (a finding's evidence, a failed integrity record). */
  seqs?: number[];
}

/** A compiled filter: SQL with `$name` placeholders only, and the values to bind. */
export interface CompiledFilter {
  /** A boolean SQL expression (`true` when the filter is empty). */
  clause: string;
  /** `WHERE <clause>`, or '' when the filter is empty. */
  where: string;
  params: Record<string, DuckDBValue>;
}

/**
 * Compiles a filter over the `events` columns. Every user value travels as a bound
 * parameter, never spliced into the SQL: actor names and search text come from people and
 * from the evidence itself, which an intruder may have written. `prefix` keeps the parameter
 * names of two filters in one statement apart.
 */
export function compileFilter(filter: EventFilter = {}, prefix = 'f'): CompiledFilter {
  const parts: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  const bind = (name: string, value: DuckDBValue): string => {
    const key = `${prefix}_${name}`;
    params[key] = value;
    return `$${key}`;
  };
  const bound = (spec: TimeSpec, name: string, op: '>=' | '<='): string =>
    spec.kind === 'seq'
      ? `seq ${op} CAST(${bind(name, spec.seq)} AS BIGINT)`
      : `ts ${op} CAST(${bind(name, spec.iso)} AS TIMESTAMPTZ)`;
  if (filter.from) parts.push(bound(filter.from, 'from', '>='));
  if (filter.to) parts.push(bound(filter.to, 'to', '<='));
  const anyOf = (column: string, name: string, values: string[] | undefined): void => {
    if (!values || values.length === 0) return;
    const list = values.map((v, i) => bind(`${name}${i}`, v));
    parts.push(`${column} IN (${list.join(', ')})`);
  };
  anyOf('actor_id', 'actor', filter.actors);
  anyOf('action', 'action', filter.actions);
  anyOf('event_type', 'etype', filter.eventTypes);
  anyOf('entity_type', 'type', filter.entityTypes);
  anyOf('entity_id', 'entity', filter.entities);
  if (filter.text) {
    const needle = bind('text', filter.text.toLowerCase());
    parts.push(
      `(contains(lower(coalesce(old_state::VARCHAR, '')), ${needle}) OR contains(lower(coalesce(new_state::VARCHAR, '')), ${needle})` +
        ` OR contains(lower(coalesce(delta::VARCHAR, '')), ${needle}) OR contains(lower(coalesce(raw::VARCHAR, '')), ${needle}))`,
    );
  }
  if (filter.seqs && filter.seqs.length > 0) {
    // One bound text value cast to BIGINT[]: a list of thousands stays one parameter.
    parts.push(`seq IN (SELECT unnest(CAST(${bind('seqs', JSON.stringify(filter.seqs))} AS BIGINT[])))`);
  }
  const clause = parts.length > 0 ? parts.join(' AND ') : 'true';
  return { clause, where: parts.length > 0 ? `WHERE ${clause}` : '', params };
}

export function isEmptyFilter(filter: EventFilter = {}): boolean {
  return compileFilter(filter).where === '';
}
