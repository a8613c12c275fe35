import { isJsonPatch } from './jsonPatch.js';
import type { EntityEffect, JsonObject, StateChange, StateEvent } from './types.js';

/**
 * What one event does to the state of the entities it touches, per system (the state rules
 * of sources.md). Most events touch their own entity; a robot-cycles battle also sets the
 * hit points of both robots. Reads, exports, logins and bulk parents change nothing: their
 * children (or nothing at all) carry the change, and an entity a read merely names must not
 * spring into existence.
 */
export function eventEffects(event: StateEvent): EntityEffect[] {
  const effects: EntityEffect[] = [];
  const own = ownChange(event);
  if (own && event.entityType !== null && event.entityId !== null && event.entityId !== '*') {
    effects.push({ entityType: event.entityType, entityId: event.entityId, change: own });
  }
  if (event.system === 'robot-cycles') effects.push(...battleHitPoints(event));
  return effects;
}

function ownChange(event: StateEvent): StateChange | null {
  switch (event.system) {
    case 'descendants':
      return descendantsChange(event);
    case 'qcs':
    case 'wedsync':
      return rowAuditChange(event);
    case 'robot-cycles':
      return robotCyclesChange(event);
    case 'blockchain':
      return blockchainChange(event);
    default:
      return rowAuditChange(event);
  }
}

/** Full states when the record has one, else its RFC 6902 delta on the previous state. */
function descendantsChange(event: StateEvent): StateChange | null {
  const { action } = event;
  if (action === 'delete') return tombstone(event);
  if (action !== 'create' && action !== 'update' && action !== 'config_change') return null;
  const full = asObject(event.newState);
  if (full) return { op: 'set', value: full };
  if (isJsonPatch(event.delta)) {
    return { op: 'patch', patch: event.delta, base: asObject(event.oldState) };
  }
  return null;
}

/**
 * qcs and wedsync: a create holds every field, an update only those that changed (merged
 * field by field). A qcs update without `new_values` still has its `change_set`.
 */
function rowAuditChange(event: StateEvent): StateChange | null {
  switch (event.action) {
    case 'delete':
      return tombstone(event);
    case 'create': {
      const value = asObject(event.newState) ?? fieldChanges(event.delta);
      return value ? { op: 'set', value } : null;
    }
    case 'update':
    case 'permission_change':
    case 'config_change': {
      const value = asObject(event.newState) ?? fieldChanges(event.delta);
      return value ? { op: 'merge', value } : null;
    }
    default:
      return null;
  }
}

/** The adapter already maps each payload onto the fields it sets (`balance`, `hp`, ...). */
function robotCyclesChange(event: StateEvent): StateChange | null {
  const value = asObject(event.newState);
  if (!value) return null;
  // A battle's own state is its outcome, whole; everything else accumulates.
  return event.entityType === 'battle' ? { op: 'set', value } : { op: 'merge', value };
}

function battleHitPoints(event: StateEvent): EntityEffect[] {
  if (event.entityType !== 'battle') return [];
  const payload = asObject(event.delta) ?? asObject(event.newState);
  if (!payload) return [];
  const effects: EntityEffect[] = [];
  for (const side of ['robot1', 'robot2'] as const) {
    const id = payload[`${side}Id`];
    const hp = payload[`${side}HpAfter`];
    if ((typeof id === 'string' || typeof id === 'number') && hp !== undefined) {
      effects.push({ entityType: 'robot', entityId: String(id), change: { op: 'merge', value: { hp } } });
    }
  }
  return effects;
}

/** `data.newState` replaces the state; otherwise the event's `data` is merged onto it. */
function blockchainChange(event: StateEvent): StateChange | null {
  if (event.action === 'delete') return tombstone(event);
  const value = asObject(event.newState);
  if (!value) return null;
  return event.fullState ? { op: 'set', value } : { op: 'merge', value };
}

function tombstone(event: StateEvent): StateChange {
  return { op: 'delete', last: asObject(event.oldState) };
}

/** qcs `change_set.fieldChanges[]` as `{field: newValue}`. */
function fieldChanges(changeSet: unknown): JsonObject | null {
  const list = asObject(changeSet)?.['fieldChanges'];
  if (!Array.isArray(list) || list.length === 0) return null;
  const out: JsonObject = {};
  for (const change of list) {
    const c = asObject(change);
    if (c && typeof c['fieldName'] === 'string') out[c['fieldName']] = c['newValue'] ?? null;
  }
  return out;
}

export function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}
