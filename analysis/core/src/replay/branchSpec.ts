import { ChronoscopeError } from '../errors.js';
import type { RollbackSelection } from '../state/rollbackPlan.js';
import type { ReplayEvent } from './types.js';

/**
 * Events to leave out of a branch. Every criterion given must match (like a filter: "what
 * actor X did in this hour"); a branch takes several rules to leave out several things.
 */
export interface ExcludeRule {
  actors?: string[];
  sessions?: string[];
  eventTypes?: string[];
  /** `type/id`, or a bare id that matches it in any type. */
  entities?: string[];
  /** Event times, ms since the epoch, both ends included. */
  from?: number;
  to?: number;
  seqs?: number[];
}

/**
 * A rollback carried out inside the timeline: right after event `at`, the selection is
 * restored to its state after event `to` (core's planRollback decides the changes).
 */
export interface RollbackRule {
  at: number;
  to: number;
  selection: RollbackSelection;
}

/** A branch: the original timeline with events left out and/or a rollback carried out. */
export interface BranchSpec {
  name?: string;
  exclude?: ExcludeRule[];
  rollback?: RollbackRule;
}

/** A predicate for a spec's exclusions; throws BAD_ARGUMENT for a rule that cannot match anything sensible. */
export function excluder(spec: BranchSpec): (event: ReplayEvent) => boolean {
  const rules = (spec.exclude ?? []).map((rule, i) => compileRule(rule, `exclude[${i}]`));
  if (rules.length === 0) return () => false;
  return (event) => rules.some((matches) => matches(event));
}

function compileRule(rule: ExcludeRule, path: string): (event: ReplayEvent) => boolean {
  const sets = {
    actors: set(rule.actors),
    sessions: set(rule.sessions),
    eventTypes: set(rule.eventTypes),
    entities: set(rule.entities),
    seqs: rule.seqs ? new Set(rule.seqs) : null,
  };
  if (rule.from !== undefined && rule.to !== undefined && rule.from > rule.to) {
    throw new ChronoscopeError('BAD_ARGUMENT', `${path}: the time range ends before it starts`);
  }
  const given =
    Object.values(sets).some((s) => s !== null) || rule.from !== undefined || rule.to !== undefined;
  if (!given) throw new ChronoscopeError('BAD_ARGUMENT', `${path}: a rule names no events to leave out`);
  return (e) =>
    (sets.actors === null || (e.actor !== null && sets.actors.has(e.actor))) &&
    (sets.sessions === null || (e.session != null && sets.sessions.has(e.session))) &&
    (sets.eventTypes === null || sets.eventTypes.has(e.eventType)) &&
    (sets.entities === null ||
      (e.entityId !== null &&
        (sets.entities.has(e.entityId) || sets.entities.has(`${e.entityType ?? ''}/${e.entityId}`)))) &&
    (rule.from === undefined || e.ts >= rule.from) &&
    (rule.to === undefined || e.ts <= rule.to) &&
    (sets.seqs === null || sets.seqs.has(e.seq));
}

function set(values: string[] | undefined): Set<string> | null {
  return values ? new Set(values) : null;
}
