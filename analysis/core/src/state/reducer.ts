import { eventEffects } from './effects.js';
import { applyJsonPatch } from './jsonPatch.js';
import type { EntityEffect, EntityState, JsonObject, StateChange, StateEvent } from './types.js';

/** The state of one entity after one change; `prev` is never mutated (states are shared). */
export function applyChange(
  prev: EntityState | undefined,
  entityType: string,
  entityId: string,
  change: StateChange,
  seq: number,
): EntityState {
  const before = prev && !prev.deleted ? prev.state : null;
  switch (change.op) {
    case 'set':
      return { entityType, entityId, state: change.value, deleted: false, lastSeq: seq };
    case 'merge':
      return { entityType, entityId, state: { ...before, ...change.value }, deleted: false, lastSeq: seq };
    case 'patch': {
      // The record's own `oldState` stands in when the entity's earlier history is not known.
      const base = before ?? change.base ?? {};
      const patched = applyJsonPatch(base, change.patch);
      const state = isObject(patched) ? patched : base;
      return { entityType, entityId, state, deleted: false, lastSeq: seq };
    }
    case 'delete':
      return {
        entityType,
        entityId,
        state: before ?? change.last ?? prev?.state ?? {},
        deleted: true,
        lastSeq: seq,
      };
  }
}

/**
 * The state of one entity after `event`: `prev` when the event does not change it. Events
 * that change several entities (a battle) are folded with {@link EntityStates}.
 */
export function nextState(
  prev: EntityState | undefined,
  event: StateEvent,
  entity?: { entityType: string; entityId: string },
): EntityState | undefined {
  const type = entity?.entityType ?? event.entityType;
  const id = entity?.entityId ?? event.entityId;
  let state = prev;
  for (const e of eventEffects(event)) {
    if (e.entityType === type && e.entityId === id) state = applyChange(state, type, id, e.change, event.seq);
  }
  return state;
}

/** The key of an entity in maps: type and id cannot contain NUL. */
export function entityKey(entityType: string, entityId: string): string {
  return `${entityType}\u0000${entityId}`;
}

/**
 * Every entity's state, folded event by event in `seq` order. Keeps its own map; the states
 * in it are immutable values, so a copy of the map is a cheap checkpoint.
 */
export class EntityStates {
  readonly entities: Map<string, EntityState>;

  constructor(initial?: Iterable<EntityState>) {
    this.entities = new Map();
    for (const e of initial ?? []) this.entities.set(entityKey(e.entityType, e.entityId), e);
  }

  get(entityType: string, entityId: string): EntityState | undefined {
    return this.entities.get(entityKey(entityType, entityId));
  }

  /** Applies one event; returns the effects it had (empty when it changed nothing). */
  apply(event: StateEvent): EntityEffect[] {
    const effects = eventEffects(event);
    for (const e of effects) {
      const key = entityKey(e.entityType, e.entityId);
      this.entities.set(
        key,
        applyChange(this.entities.get(key), e.entityType, e.entityId, e.change, event.seq),
      );
    }
    return effects;
  }

  /** Every entity, ordered by type then id so outputs are stable. */
  list(filter?: (e: EntityState) => boolean): EntityState[] {
    const out = [...this.entities.values()].filter((e) => !filter || filter(e));
    return out.sort((a, b) => compareEntities(a, b));
  }
}

export function compareEntities(
  a: { entityType: string; entityId: string },
  b: { entityType: string; entityId: string },
): number {
  if (a.entityType !== b.entityType) return a.entityType < b.entityType ? -1 : 1;
  return a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
