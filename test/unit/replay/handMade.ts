import type { ReplayEvent } from '../../../analysis/core/src/index.js';

/** A hand-made event: seq n happens at 1000·n ms unless told otherwise. */
export function event(seq: number, fields: Partial<ReplayEvent>): ReplayEvent {
  return {
    seq,
    system: 'qcs',
    ts: 1000 * seq,
    action: 'update',
    eventType: fields.action ?? 'update',
    actor: 'alice',
    entityType: 'order',
    entityId: 'o1',
    oldState: null,
    newState: null,
    delta: null,
    x: null,
    y: null,
    z: null,
    session: null,
    ...fields,
  };
}

/** A block event of descendants at an integer position. */
export function block(
  seq: number,
  action: 'create' | 'update' | 'delete',
  id: string,
  position: [number, number, number],
  extra: Record<string, unknown> = {},
): ReplayEvent {
  const [x, y, z] = position;
  const state = { position: { x, y, z }, type: 'stone', ...extra };
  return event(seq, {
    system: 'descendants',
    action,
    eventType: `block_${action}`,
    entityType: 'block',
    entityId: id,
    newState: action === 'delete' ? null : state,
    oldState: action === 'delete' ? state : null,
  });
}
