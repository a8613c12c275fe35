import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import type { EventFilterParams } from '../../../../core/src/index.js';
import { compileFilter } from '../../../../engine/src/index.js';
import type { CompiledFilter, EventFilter } from '../../../../engine/src/index.js';

/** The contract's filter as the engine takes it: times parsed (the contract only checked their form). */
export function engineFilter(method: string, filter: EventFilterParams): EventFilter {
  const time = (text: string | undefined, key: string): EventFilter['from'] =>
    text === undefined ? undefined : parseTimeSpec(text, `${method}: params.filter.${key}`);
  const out: EventFilter = {};
  const from = time(filter.from, 'from');
  const to = time(filter.to, 'to');
  if (from) out.from = from;
  if (to) out.to = to;
  if (filter.actors) out.actors = filter.actors;
  if (filter.actions) out.actions = filter.actions;
  if (filter.eventTypes) out.eventTypes = filter.eventTypes;
  if (filter.entityTypes) out.entityTypes = filter.entityTypes;
  if (filter.entities) out.entities = filter.entities;
  if (filter.text) out.text = filter.text;
  return out;
}

/**
 * The engine's compiled filter plus `seqs` (a finding's evidence), which the engine's
 * EventFilter does not know yet. The list travels as one bound text value cast to BIGINT[],
 * never spliced into the SQL.
 */
export function filterSql(method: string, filter: EventFilterParams, prefix = 'f'): CompiledFilter {
  const base = compileFilter(engineFilter(method, filter), prefix);
  if (!filter.seqs || filter.seqs.length === 0) return base;
  const key = `${prefix}_seqs`;
  const seqs = `seq IN (SELECT unnest(CAST($${key} AS BIGINT[])))`;
  const clause = base.where === '' ? seqs : `${base.clause} AND ${seqs}`;
  return { clause, where: `WHERE ${clause}`, params: { ...base.params, [key]: JSON.stringify(filter.seqs) } };
}

/**
 * For the engine's own analytics, which compile the filter themselves: a `seqs` filter is
 * refused rather than silently dropped (the panel would show numbers for the wrong events).
 */
export function engineOnlyFilter(method: string, filter: EventFilterParams): EventFilter {
  if (filter.seqs && filter.seqs.length > 0) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `${method}: params.filter.seqs: not supported by ${method} yet (the engine's filter has no seq list)`,
    );
  }
  return engineFilter(method, filter);
}
