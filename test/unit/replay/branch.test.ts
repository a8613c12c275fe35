import { describe, expect, it } from 'vitest';
import {
  BranchSource,
  canonicalJson,
  EntityStates,
  MemoryReplaySource,
  Replay,
} from '../../../analysis/core/src/index.js';
import type { BranchSpec, EntityState, ReplayEvent } from '../../../analysis/core/src/index.js';
import { block, event } from './handMade.js';

const text = (entities: EntityState[]): string =>
  [...entities]
    .sort((a, b) => (a.entityType + a.entityId < b.entityType + b.entityId ? -1 : 1))
    .map((e) => `${e.entityType}/${e.entityId} ${e.deleted} ${canonicalJson(e.state)}`)
    .join('\n');

async function branchOf(system: string, events: ReplayEvent[], spec: BranchSpec) {
  return BranchSource.create(new MemoryReplaySource(system, events), spec, {
    windowSize: 4,
    checkpointEvery: 3,
  });
}

describe('branch conflicts on hand-made timelines', () => {
  it('an update of a block whose creation was left out', async () => {
    const events = [
      block(0, 'create', 'b1', [0, 0, 0]),
      { ...block(1, 'update', 'b1', [0, 0, 0], { color: '#fff' }), actor: 'bob' },
      { ...block(2, 'create', 'b2', [1, 0, 0]), actor: 'bob' },
    ];
    const branch = await branchOf('descendants', events, { exclude: [{ actors: ['alice'] }] });
    expect(branch.excludedSeqs).toEqual([0]);
    expect(branch.divergence).toBe(-1);
    expect(branch.conflicts).toEqual([
      expect.objectContaining({
        kind: 'missing_entity',
        entityType: 'block',
        entityId: 'b1',
        seq: 1,
        causes: [0],
      }),
    ]);
  });

  it('a re-creation of an entity whose deletion was left out', async () => {
    const events = [
      event(0, { action: 'create', newState: { status: 'new' } }),
      event(1, { action: 'delete', oldState: { status: 'new' }, actor: 'bob' }),
      event(2, { action: 'create', newState: { status: 'again' }, actor: 'carol' }),
    ];
    const branch = await branchOf('qcs', events, { exclude: [{ seqs: [1] }] });
    expect(branch.conflicts.map((c) => [c.kind, c.seq, c.causes])).toEqual([['already_exists', 2, [1]]]);
  });

  it('an update whose before-state no longer matches', async () => {
    const events = [
      event(0, { action: 'create', newState: { status: 'new', amount: 5 } }),
      event(1, { newState: { status: 'paid' }, oldState: { status: 'new' } }),
      event(2, { newState: { status: 'shipped' }, oldState: { status: 'paid' }, actor: 'bob' }),
      event(3, { newState: { amount: 6 }, oldState: { amount: 5 }, actor: 'bob' }),
    ];
    const branch = await branchOf('qcs', events, { exclude: [{ actors: ['alice'], from: 1000 }] });
    expect(branch.excludedSeqs).toEqual([1]);
    expect(branch.conflicts).toEqual([
      expect.objectContaining({
        kind: 'base_mismatch',
        seq: 2,
        causes: [1],
        detail: expect.stringContaining('status'),
      }),
    ]);
  });

  it('a change to an entity a rollback removed, and none for entities the branch left alone', async () => {
    const events = [
      event(0, { action: 'create', newState: { v: 0 } }),
      event(1, { action: 'create', entityId: 'o2', newState: { v: 0 } }),
      event(2, { newState: { v: 1 }, oldState: { v: 0 } }),
      event(3, { newState: { v: 2 }, actor: 'carol' }),
      event(4, { entityId: 'o2', newState: { v: 9 }, oldState: { v: 0 }, actor: 'carol' }),
    ];
    // Right after seq 2, o1 goes back to how it was before seq 0: it did not exist.
    const branch = await branchOf('qcs', events, {
      rollback: { at: 2, to: -1, selection: { entityId: 'o1' } },
    });
    expect(branch.conflicts.map((c) => [c.kind, c.entityId, c.seq, c.causes])).toEqual([
      ['deleted_entity', 'o1', 3, [2]],
    ]);
    const atEnd = await branch.keyframe('seq:4');
    expect(atEnd.entities.find((e) => e.entityId === 'o1')?.deleted).toBe(false);
    const afterRollback = await branch.keyframe('seq:2');
    expect(afterRollback.entities.find((e) => e.entityId === 'o1')?.deleted).toBe(true);
  });

  it('leaves out a session, an event type and an entity', async () => {
    const events = [
      event(0, { action: 'create', session: 's1', newState: { v: 0 } }),
      event(1, { action: 'create', entityId: 'o2', session: 's2', eventType: 'INSERT', newState: { v: 0 } }),
      event(2, { entityType: 'customer', entityId: 'c1', action: 'create', newState: {}, session: 's2' }),
    ];
    const excluded = async (spec: BranchSpec) => (await branchOf('qcs', events, spec)).excludedSeqs;
    expect(await excluded({ exclude: [{ sessions: ['s1'] }] })).toEqual([0]);
    expect(await excluded({ exclude: [{ eventTypes: ['INSERT'] }] })).toEqual([1]);
    expect(await excluded({ exclude: [{ entities: ['customer/c1'] }, { entities: ['o2'] }] })).toEqual([
      1, 2,
    ]);
    await expect(excluded({ exclude: [{}] })).rejects.toThrow(/names no events/);
    await expect(excluded({ rollback: { at: 1, to: 1, selection: {} } })).rejects.toThrow(/before/);
  });
});

describe('a branch replays as the original without its left-out events', () => {
  // 40 events on 4 orders by 2 actors: creates, merges, deletes and re-creates.
  const events = Array.from({ length: 40 }, (_, i) => {
    const id = `o${i % 4}`;
    const action = i < 4 || i % 13 === 0 ? 'create' : i % 11 === 0 ? 'delete' : 'update';
    return event(i, {
      action,
      entityId: id,
      actor: i % 3 === 0 ? 'alice' : 'bob',
      newState: action === 'delete' ? null : { [`f${i % 5}`]: i },
      oldState: action === 'delete' ? { f: 1 } : null,
    });
  });
  const spec: BranchSpec = { exclude: [{ actors: ['alice'], from: 5000 }] };

  /** The naive reference: fold every kept event from the first. */
  const naive = (seq: number): EntityState[] => {
    const states = new EntityStates();
    for (const e of events.slice(0, seq + 1)) if (!(e.actor === 'alice' && e.ts >= 5000)) states.apply(e);
    return states.list();
  };

  it('has the same state as the naive fold at every seq, by keyframe and by playing both ways', async () => {
    const branch = await branchOf('qcs', events, spec);
    const replay = await Replay.open(branch, { windowSize: 6, undoLimit: 9, seekThreshold: 12 });
    const seqs = Array.from({ length: 40 }, (_, i) => i);
    for (const seq of [...seqs, ...[...seqs].reverse(), 7, 33, 2, 39, 0]) {
      expect(text((await branch.keyframe(`seq:${seq}`)).entities), `keyframe ${seq}`).toBe(text(naive(seq)));
      await replay.goTo(seq);
      expect(text(replay.world.entities()), `world ${seq}`).toBe(text(naive(seq)));
    }
  });

  it('marks left-out events in its windows, in place', async () => {
    const branch = await branchOf('qcs', events, spec);
    const window = await branch.window(0, 40);
    expect(window.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(window.events.filter((e) => e.excluded).map((e) => e.seq)).toEqual(branch.excludedSeqs);
    expect(branch.excludedSeqs).toEqual([6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39]);
  });

  it('restores a selection by a rollback: at the end it is as it was at the target', async () => {
    const to = 10;
    const at = 39;
    const branch = await branchOf('qcs', events, { rollback: { at, to, selection: { actor: 'alice' } } });
    const reference = new EntityStates();
    for (const e of events.slice(0, to + 1)) reference.apply(e);
    const touchedByAlice = new Set(
      events.filter((e) => e.seq > to && e.actor === 'alice').map((e) => e.entityId),
    );
    const end = await branch.keyframe(`seq:${at}`);
    for (const id of touchedByAlice) {
      const before = reference.get('order', id as string);
      const now = end.entities.find((e) => e.entityId === id);
      if (!before || before.deleted) expect(now === undefined || now.deleted).toBe(true);
      else expect(canonicalJson(now?.state)).toBe(canonicalJson(before.state));
    }
    expect(touchedByAlice.size).toBeGreaterThan(0);
  });
});
