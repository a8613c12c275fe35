import { describe, expect, it } from 'vitest';
import { EntityStates, nextState } from '../../../analysis/core/src/index.js';
import type { EntityState, StateEvent } from '../../../analysis/core/src/index.js';

let seq = 0;
function ev(system: string, fields: Partial<StateEvent>): StateEvent {
  return {
    seq: seq++,
    system,
    action: 'update',
    eventType: 'x',
    entityType: 'thing',
    entityId: 't1',
    oldState: null,
    newState: null,
    delta: null,
    ...fields,
  };
}

function fold(events: StateEvent[]): EntityState | undefined {
  let state: EntityState | undefined;
  for (const e of events) state = nextState(state, e);
  return state;
}

describe('descendants', () => {
  const block = { entityType: 'block', entityId: 'blk_1_0_0' };
  const created = { position: { x: 1, y: 0, z: 0 }, type: 'stone', color: '#8a8a8a' };

  it('applies a delta-only update to the previous state', () => {
    const s = fold([
      ev('descendants', { ...block, action: 'create', newState: created }),
      ev('descendants', { ...block, delta: [{ op: 'replace', path: '/color', value: '#ffffff' }] }),
      ev('descendants', { ...block, delta: [{ op: 'add', path: '/metadata', value: { by: 'u' } }] }),
    ]);
    expect(s?.state).toEqual({ ...created, color: '#ffffff', metadata: { by: 'u' } });
    expect(created.color).toBe('#8a8a8a');
  });

  it('prefers the full newState over the delta, tombstones a removal, and ignores user actions', () => {
    const s = fold([
      ev('descendants', { ...block, action: 'create', newState: created }),
      ev('descendants', {
        ...block,
        newState: { ...created, type: 'brick' },
        delta: [{ op: 'replace', path: '/type', value: 'other' }],
      }),
      ev('descendants', { ...block, action: 'delete', oldState: { ...created, type: 'brick' } }),
      ev('descendants', { ...block, action: 'other', newState: { action: 'chat' } }),
    ]);
    expect(s).toMatchObject({ deleted: true, state: { type: 'brick' }, lastSeq: seq - 2 });
  });

  it('builds a create from a root patch and patches a simulant seen first through its oldState', () => {
    const sim = { entityType: 'simulant', entityId: 'sim_1' };
    const s = fold([
      ev('descendants', {
        ...sim,
        oldState: { name: 'B', position: { x: 0, y: 0, z: 0 } },
        delta: [{ op: 'replace', path: '/position/x', value: 2.5 }],
      }),
    ]);
    expect(s?.state).toEqual({ name: 'B', position: { x: 2.5, y: 0, z: 0 } });
    const r = fold([
      ev('descendants', { ...block, action: 'create', delta: [{ op: 'add', path: '', value: created }] }),
    ]);
    expect(r?.state).toEqual(created);
  });
});

describe('qcs and wedsync', () => {
  it('merges partial updates field by field and revives a deleted entity on create', () => {
    const s = fold([
      ev('qcs', { action: 'create', newState: { status: 'booked', origin: 'DXB' } }),
      ev('qcs', { newState: { status: 'picked_up' } }),
      ev('qcs', { action: 'read' }),
      ev('qcs', { action: 'delete', oldState: { status: 'picked_up', origin: 'DXB' } }),
    ]);
    expect(s).toMatchObject({ deleted: true, state: { status: 'picked_up', origin: 'DXB' } });
    const again = nextState(s, ev('qcs', { action: 'create', newState: { status: 'booked' } }));
    expect(again).toMatchObject({ deleted: false, state: { status: 'booked' } });
  });

  it('falls back on the change_set and never makes an entity of a bulk parent', () => {
    const s = fold([
      ev('qcs', { action: 'create', newState: { a: 1, b: 2 } }),
      ev('qcs', {
        delta: { fieldChanges: [{ fieldName: 'b', oldValue: 2, newValue: 3, changeType: 'UPDATE' }] },
      }),
    ]);
    expect(s?.state).toEqual({ a: 1, b: 3 });
    const states = new EntityStates();
    states.apply(ev('qcs', { action: 'bulk', entityId: '*', newState: { count: 4 } }));
    expect(states.entities.size).toBe(0);
  });

  it('merges wedsync changes and keeps the last values on delete', () => {
    const s = fold([
      ev('wedsync', { action: 'create', newState: { name: 'Alex', table: 28 } }),
      ev('wedsync', { newState: { table: 22 }, oldState: { table: 28 } }),
      ev('wedsync', { action: 'permission_change', newState: { role: 'admin' } }),
    ]);
    expect(s?.state).toEqual({ name: 'Alex', table: 22, role: 'admin' });
  });
});

describe('robot-cycles', () => {
  it('accumulates user balances and sets both robots hit points from a battle', () => {
    const states = new EntityStates();
    const user = { entityType: 'user', entityId: '7' };
    states.apply(ev('robot-cycles', { ...user, newState: { balance: 100 } }));
    states.apply(ev('robot-cycles', { ...user, newState: { prestige: 5 } }));
    states.apply(ev('robot-cycles', { ...user, newState: { balance: 80 } }));
    states.apply(ev('robot-cycles', { entityType: 'robot', entityId: '501', newState: { league: 'gold' } }));
    const payload = { battleId: 'b1', robot1Id: 501, robot2Id: 502, robot1HpAfter: 40, robot2HpAfter: 0 };
    states.apply(
      ev('robot-cycles', { action: 'other', entityType: 'battle', entityId: 'b1', newState: payload }),
    );
    expect(states.get('user', '7')?.state).toEqual({ balance: 80, prestige: 5 });
    expect(states.get('robot', '501')?.state).toEqual({ league: 'gold', hp: 40 });
    expect(states.get('robot', '502')?.state).toEqual({ hp: 0 });
    expect(states.get('battle', 'b1')?.state).toEqual(payload);
  });
});

describe('blockchain', () => {
  it('replaces with data.newState, merges data otherwise, and tombstones a deletion', () => {
    const p = { entityType: 'prompt', entityId: 'prompt_1' };
    const s = fold([
      ev('blockchain', { ...p, action: 'create', newState: { promptId: 'prompt_1', title: 'A' } }),
      ev('blockchain', { ...p, action: 'other', newState: { promptId: 'prompt_1', rating: 4 } }),
    ]);
    expect(s?.state).toEqual({ promptId: 'prompt_1', title: 'A', rating: 4 });
    const r = nextState(s, ev('blockchain', { ...p, newState: { status: 'x' }, fullState: true }));
    expect(r?.state).toEqual({ status: 'x' });
    const d = nextState(r, ev('blockchain', { ...p, action: 'delete', newState: { deleted: true } }));
    expect(d).toMatchObject({ deleted: true, state: { status: 'x' } });
  });
});
