import { canonicalJson } from '../canonicalJson.js';
import { asObject } from '../state/effects.js';
import type { EntityEffect, EntityState } from '../state/types.js';
import type { ReplayEvent } from './types.js';

export type BranchConflictKind =
  /** A later event changes or removes an entity that does not exist in the branch (its creation was left out). */
  | 'missing_entity'
  /** A later event changes an entity the branch has deleted (a left-out re-creation, a rollback that removed it). */
  | 'deleted_entity'
  /** A later event creates an entity that still exists in the branch (its deletion was left out). */
  | 'already_exists'
  /** A later update names a before-state that no longer matches the branch's state of the entity. */
  | 'base_mismatch';

export interface BranchConflict {
  kind: BranchConflictKind;
  entityType: string;
  entityId: string;
  /** The later event that depended on what the branch changed. */
  seq: number;
  /** The left-out events (or the rollback's seq) that changed this entity in the branch. */
  causes: number[];
  detail: string;
}

/**
 * Whether applying `effect` of a kept `event` depends on what the branch removed. Only
 * entities the branch changed (`causes` non-empty) are judged: elsewhere the branch equals
 * the original, and the original's own inconsistencies are the integrity check's findings.
 */
export function conflictOf(
  event: ReplayEvent,
  effect: EntityEffect,
  prev: EntityState | undefined,
  causes: readonly number[],
): BranchConflict | null {
  const { entityType, entityId, change } = effect;
  const own = entityType === event.entityType && entityId === event.entityId;
  const make = (kind: BranchConflictKind, detail: string): BranchConflict => ({
    kind,
    entityType,
    entityId,
    seq: event.seq,
    causes: [...causes],
    detail: `${event.eventType || event.action} at seq ${event.seq}: ${detail}`,
  });
  const live = prev !== undefined && !prev.deleted;
  if (own && event.action === 'create') {
    return live
      ? make('already_exists', `creates ${entityType} ${entityId}, which still exists in the branch`)
      : null;
  }
  // A full-state update of an absent entity would recreate it silently: still a dependency.
  if (change.op === 'set' && !own) return null;
  if (prev === undefined) {
    return make('missing_entity', `changes ${entityType} ${entityId}, which does not exist in the branch`);
  }
  if (prev.deleted) {
    return make('deleted_entity', `changes ${entityType} ${entityId}, which the branch has deleted`);
  }
  if (!live || change.op === 'delete') return null;
  const before = asObject(event.oldState) ?? (change.op === 'patch' ? change.base : null);
  if (!before) return null;
  const stale = Object.keys(before).filter(
    (field) => canonicalJson(before[field] ?? null) !== canonicalJson(prev.state[field] ?? null),
  );
  if (stale.length === 0) return null;
  return make('base_mismatch', `expected ${stale.slice(0, 5).join(', ')} as the branch no longer has them`);
}
