import { describe, expect, it } from 'vitest';
import {
  CityLayout,
  INSTANCE_FLAGS,
  MemoryReplaySource,
  Replay,
  VoxelLayout,
  World,
} from '../../../analysis/core/src/index.js';
import { block, event } from './handMade.js';

const position = (world: World, i: number): number[] => [...world.arrays.position.slice(i * 3, i * 3 + 3)];

describe('replay world', () => {
  it('applies and un-applies events exactly, flagging live and deleted blocks', () => {
    const world = new World(new VoxelLayout());
    const events = [
      block(0, 'create', 'b1', [1, 2, 3], { color: '#ff0000' }),
      block(1, 'update', 'b1', [1, 2, 3], { color: '#00ff00' }),
      block(2, 'delete', 'b1', [1, 2, 3], { color: '#00ff00' }),
    ];
    const seen: string[] = [];
    for (const e of events) {
      world.apply(e);
      seen.push(JSON.stringify(world.entities()));
    }
    const i = world.instanceOf('block', 'b1') as number;
    expect(world.arrays.flags[i]! & INSTANCE_FLAGS.DELETED).toBeTruthy();
    expect(position(world, i)).toEqual([1, 2, 3]);
    world.unapply();
    expect(JSON.stringify(world.entities())).toBe(seen[1]);
    expect(world.arrays.flags[i]! & INSTANCE_FLAGS.LIVE).toBeTruthy();
    expect([...world.arrays.color.slice(i * 4, i * 4 + 3)]).toEqual([0, 255, 0]);
    world.unapply();
    expect(JSON.stringify(world.entities())).toBe(seen[0]);
    world.unapply();
    expect(world.entities()).toEqual([]);
    expect(world.seq).toBe(-1);
    expect(world.arrays.scale[i]).toBe(0);
    expect(world.unapply()).toBe(false);
  });

  it('lists only the instances that changed in a frame, and clears the flag in the next', () => {
    const world = new World(new CityLayout());
    world.apply(event(0, { action: 'create', entityId: 'o1', newState: { a: 1 }, actor: null }));
    world.apply(event(1, { action: 'create', entityId: 'o2', newState: { a: 1 }, actor: null }));
    world.beginFrame();
    world.beginFrame();
    expect(world.changes()).toEqual([]);
    world.apply(event(2, { entityId: 'o2', newState: { a: 2 }, actor: null }));
    const o2 = world.instanceOf('order', 'o2') as number;
    expect(world.changes()).toEqual([o2]);
    expect(world.arrays.flags[o2]! & INSTANCE_FLAGS.CHANGED).toBeTruthy();
    world.beginFrame();
    expect(world.changes()).toEqual([o2]);
    expect(world.arrays.flags[o2]! & INSTANCE_FLAGS.CHANGED).toBe(0);
    world.beginFrame();
    expect(world.changes()).toEqual([]);
  });

  it('sends an actor walking to what it touched, and back when un-applied', () => {
    const world = new World(new CityLayout(), { travelMs: 100 });
    world.apply(event(0, { action: 'create', entityId: 'o1', newState: { a: 1 }, actor: 'carol' }));
    const o1 = world.instanceOf('order', 'o1') as number;
    world.animate(0 + 100);
    const carol = world.changes().find((i) => world.arrays.flags[i]! & INSTANCE_FLAGS.ACTOR) as number;
    expect(carol).toBeDefined();
    const [x, , z] = position(world, o1);
    expect(position(world, carol)).toEqual([x, 1, z]);
    world.unapply(100);
    world.animate(300);
    expect(position(world, carol)).not.toEqual([x, 1, z]);
  });

  it('glides a simulant between its recorded positions by playhead time', () => {
    const world = new World(new VoxelLayout(), { travelMs: 1000 });
    const sim = (seq: number, x: number) =>
      event(seq, {
        system: 'descendants',
        action: seq === 0 ? 'create' : 'update',
        entityType: 'simulant',
        entityId: 's1',
        newState: { name: 'S', position: { x, y: 0, z: 0 } },
        actor: null,
      });
    world.apply(sim(0, 0));
    world.apply(sim(1, 10));
    const i = world.instanceOf('simulant', 's1') as number;
    world.animate(1000 + 500);
    expect(position(world, i)[0]).toBeCloseTo(5);
    expect(world.arrays.flags[i]! & INSTANCE_FLAGS.MOVING).toBeTruthy();
    world.animate(1000 + 1000);
    expect(position(world, i)[0]).toBe(10);
    expect(world.arrays.flags[i]! & INSTANCE_FLAGS.MOVING).toBe(0);
  });

  it('grows its arrays by doubling and says so with a new generation', () => {
    const world = new World(new CityLayout());
    const generation = world.arrays.generation;
    for (let i = 0; i < 3000; i++) {
      world.apply(event(i, { action: 'create', entityId: `o${i}`, newState: { i }, actor: null }));
    }
    expect(world.arrays.count).toBe(3000);
    expect(world.arrays.generation).toBe(generation + 2);
    expect(world.get('order', 'o2999')?.state).toEqual({ i: 2999 });
  });

  it('highlights and selects instances without touching their state', () => {
    const world = new World(new CityLayout());
    world.apply(event(0, { action: 'create', entityId: 'o1', newState: { a: 1 }, actor: null }));
    const i = world.instanceOf('order', 'o1') as number;
    world.select(i);
    world.highlight([i]);
    expect(world.arrays.flags[i]! & (INSTANCE_FLAGS.SELECTED | INSTANCE_FLAGS.HIGHLIGHTED)).toBe(24);
    world.apply(event(1, { entityId: 'o1', newState: { a: 2 }, actor: null }));
    expect(world.arrays.flags[i]! & INSTANCE_FLAGS.SELECTED).toBeTruthy();
    world.select(null);
    expect(world.arrays.flags[i]! & INSTANCE_FLAGS.SELECTED).toBe(0);
  });
});

describe('replay engine on a hand-made timeline', () => {
  const events = Array.from({ length: 60 }, (_, i) =>
    event(i, {
      action: i % 10 === 0 ? 'create' : 'update',
      entityId: `o${Math.floor(i / 10)}`,
      newState: { step: i },
    }),
  );

  it('plays frame by frame to the end and back, equal to a fresh fold at every frame', async () => {
    const source = new MemoryReplaySource('qcs', events);
    const replay = await Replay.open(source, { windowSize: 7, undoLimit: 1000, rate: 1 });
    replay.clock.setSpeed(100);
    replay.clock.play();
    const check = async (): Promise<void> => {
      const reference = await source.keyframe(`seq:${Math.max(0, replay.world.seq)}`);
      if (replay.world.seq >= 0)
        expect(JSON.stringify(replay.world.entities())).toBe(JSON.stringify(reference.entities));
    };
    for (let frame = 0; frame < 200 && replay.world.seq < 59; frame++) {
      replay.frame(16);
      await Promise.resolve();
      await check();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(replay.world.seq).toBe(59);
    replay.clock.reverse();
    replay.clock.play();
    for (let frame = 0; frame < 200 && replay.world.seq > 5; frame++) {
      replay.frame(16);
      await check();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(replay.world.seq).toBeLessThanOrEqual(5);
    expect(replay.error).toBeNull();
  });

  it('seeks to a time and to a seq, putting the clock there', async () => {
    const source = new MemoryReplaySource('qcs', events);
    const replay = await Replay.open(source, { windowSize: 7 });
    await replay.seekTo('1970-01-01T00:00:25.500Z');
    expect(replay.world.seq).toBe(25);
    expect(replay.clock.time).toBe(25_500);
    expect(JSON.stringify(replay.world.entities())).toBe(
      JSON.stringify((await source.keyframe('seq:25')).entities),
    );
    await replay.seekTo('seq:3');
    expect([replay.world.seq, replay.clock.time]).toEqual([3, 3000]);
    // The next frame starts from there: stepping forwards applies event 4 only.
    replay.clock.stepForward();
    expect(replay.frame(16)).toMatchObject({ seq: 4 });
  });
});

describe('replay loop', () => {
  it('wraps the playhead inside the loop and keeps the world equal to a fresh fold', async () => {
    const events = Array.from({ length: 80 }, (_, i) =>
      event(i, { action: i < 8 ? 'create' : 'update', entityId: `o${i % 8}`, newState: { step: i } }),
    );
    const source = new MemoryReplaySource('qcs', events);
    const replay = await Replay.open(source, { windowSize: 10, budgetBytes: 2000 });
    await replay.seekTo('seq:50');
    await replay.setLoop({ from: 40_000, to: 60_000 });
    replay.clock.setSpeed(10);
    replay.clock.play();
    const seen = new Set<number>();
    for (let frame = 0; frame < 120; frame++) {
      const result = replay.frame(100);
      await new Promise((resolve) => setTimeout(resolve, 0));
      seen.add(result.seq);
      expect(result.time).toBeGreaterThanOrEqual(40_000);
      expect(result.time).toBeLessThanOrEqual(60_000);
    }
    // Around and around: from the loop's end back to its start, never outside it.
    expect(seen.has(41) && seen.has(60)).toBe(true);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...seen)).toBeLessThanOrEqual(60);
    expect(replay.error).toBeNull();
    const reference = await source.keyframe(`seq:${replay.world.seq}`);
    expect(JSON.stringify(replay.world.entities())).toBe(JSON.stringify(reference.entities));
  });
});
