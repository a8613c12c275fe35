import { parseTimeSpec } from '../../../../core/src/index.js';
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
  if (filter.seqs) out.seqs = filter.seqs;
  return out;
}

/** The contract's filter compiled by the engine: every value a bound parameter. */
export function filterSql(method: string, filter: EventFilterParams, prefix = 'f'): CompiledFilter {
  return compileFilter(engineFilter(method, filter), prefix);
}

/** The filter for the engine's own analytics, which compile it themselves. */
export function engineOnlyFilter(method: string, filter: EventFilterParams): EventFilter {
  return engineFilter(method, filter);
}
