import { canonicalJson } from '../canonicalJson.js';
import { compareEntities } from './reducer.js';
import type { EntityState, JsonObject } from './types.js';

/** One later event on an entity, as the rollback plan needs to weigh it. */
export interface Touch {
  seq: number;
  actor: string | null;
  action: string;
}

export interface RollbackSelection {
  actor?: string;
  entityId?: string;
  entityType?: string;
}

/** `from` is what the entity is now, `to` what it must become; null where it does not exist. */
export interface RollbackChange {
  entityType: string;
  entityId: string;
  from: JsonObject | null;
  to: JsonObject | null;
  op: 'create' | 'update' | 'delete';
}

export interface RollbackConflict {
  entityType: string;
  entityId: string;
  kind: 'overwritten' | 'deleted_by_other' | 'recreated_by_other';
  detail: string;
  seqs: number[];
}

export interface RollbackPlanInput {
  /** Every entity's state at the target time (absent: it did not exist yet). */
  atTarget: ReadonlyMap<string, EntityState>;
  /** Every entity's state at the end of the timeline. */
  atEnd: ReadonlyMap<string, EntityState>;
  /** The events after the target that changed each entity, keyed like the maps. */
  touches: ReadonlyMap<string, readonly Touch[]>;
  selection: RollbackSelection;
}

/**
 * The changes that bring the selection back to its state at the target, and the conflicts:
 * later changes by other actors to the same entities, which the rollback would silently
 * undo. With an actor, the selection is what that actor changed after the target; without
 * one, everything changed after it (so nothing is "by others").
 */
export function planRollback(input: RollbackPlanInput): {
  changes: RollbackChange[];
  conflicts: RollbackConflict[];
} {
  const { selection } = input;
  const changes: RollbackChange[] = [];
  const conflicts: RollbackConflict[] = [];
  const keys = [...input.touches.keys()]
    .map((key) => ({ key, entity: input.atEnd.get(key) }))
    .filter((k): k is { key: string; entity: EntityState } => k.entity !== undefined)
    .sort((a, b) => compareEntities(a.entity, b.entity));
  for (const { key, entity } of keys) {
    if (selection.entityType !== undefined && entity.entityType !== selection.entityType) continue;
    if (selection.entityId !== undefined && entity.entityId !== selection.entityId) continue;
    const touches = input.touches.get(key) ?? [];
    if (selection.actor !== undefined && !touches.some((t) => t.actor === selection.actor)) continue;
    const change = changeFor(input.atTarget.get(key), entity);
    if (change) changes.push(change);
    if (selection.actor !== undefined) {
      const conflict = conflictFor(entity, touches, selection.actor);
      if (conflict) conflicts.push(conflict);
    }
  }
  return { changes, conflicts };
}

function changeFor(target: EntityState | undefined, now: EntityState): RollbackChange | null {
  const { entityType, entityId } = now;
  const wasLive = target !== undefined && !target.deleted;
  if (now.deleted) {
    return wasLive ? { entityType, entityId, from: null, to: target.state, op: 'create' } : null;
  }
  if (!wasLive) return { entityType, entityId, from: now.state, to: null, op: 'delete' };
  if (canonicalJson(target.state) === canonicalJson(now.state)) return null;
  return { entityType, entityId, from: now.state, to: target.state, op: 'update' };
}

/** Other actors' changes that come after the selected actor's first change are at stake. */
function conflictFor(entity: EntityState, touches: readonly Touch[], actor: string): RollbackConflict | null {
  const first = touches.find((t) => t.actor === actor);
  if (!first) return null;
  const others = touches.filter((t) => t.actor !== actor && t.seq > first.seq);
  if (others.length === 0) return null;
  const kind = others.some((t) => t.action === 'delete')
    ? 'deleted_by_other'
    : others.some((t) => t.action === 'create')
      ? 'recreated_by_other'
      : 'overwritten';
  const who = [...new Set(others.map((t) => t.actor ?? 'unknown'))].join(', ');
  return {
    entityType: entity.entityType,
    entityId: entity.entityId,
    kind,
    detail: `${others.length} later change(s) by ${who} after ${actor}'s first change would be undone`,
    seqs: others.map((t) => t.seq),
  };
}
