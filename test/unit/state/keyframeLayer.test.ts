import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityStates, entityKey } from '../../../analysis/core/src/index.js';
import type { EntityState } from '../../../analysis/core/src/index.js';
import { CheckpointView } from '../../../analysis/engine/src/timetravel/CheckpointView.js';
import { KeyframeLayer, memoryPart } from '../../../analysis/engine/src/timetravel/KeyframeLayer.js';
import { KeyframeFileWriter } from '../../../analysis/engine/src/timetravel/keyframeFile.js';
import {
  KEYFRAME_FORMAT,
  packEntities,
  packPart,
} from '../../../analysis/engine/src/timetravel/keyframePack.js';
import { KeyframeReader } from '../../../analysis/engine/src/timetravel/KeyframeReader.js';
import { LayeredMap } from '../../../analysis/engine/src/timetravel/LayeredMap.js';

const entity = (type: string, id: string, state: object, lastSeq = 1, deleted = false): EntityState => ({
  entityType: type,
  entityId: id,
  state: state as EntityState['state'],
  deleted,
  lastSeq,
});

const layer = (entities: EntityState[]): KeyframeLayer =>
  new KeyframeLayer(memoryPart(packPart(entities, new WeakMap())));
/** The fields of a state read back, as a plain object. */
const plain = (e: EntityState | undefined) =>
  e && {
    entityType: e.entityType,
    entityId: e.entityId,
    state: e.state,
    deleted: e.deleted,
    lastSeq: e.lastSeq,
  };

describe('keyframe layers', () => {
  // Ids and states outside ASCII: offsets are in UTF-8 bytes, so a slip would cut a neighbour.
  const world = Array.from({ length: 5000 }, (_, i) =>
    entity(i % 3 === 0 ? 'block' : 'simulant', `ü-${i}-名`, { n: i, name: `Zoë ${i} ✓` }, i, i % 7 === 0),
  );

  it('finds every stored entity by its key, with its exact state, and nothing else', () => {
    const view = new CheckpointView([layer(world)], world.length);
    for (const e of world) expect(plain(view.get(entityKey(e.entityType, e.entityId)))).toEqual(e);
    expect(view.get(entityKey('block', 'ü-1-名'))).toBeUndefined(); // 1 is a simulant
    expect(view.has(entityKey('nobody', 'x'))).toBe(false);
    expect(view.size).toBe(5000);
  });

  it('reads the newest layer first and lists the world once, in the order it was built', () => {
    const full = layer(world.slice(0, 3000));
    const changed = world
      .slice(2990, 3010)
      .map((e) => entity(e.entityType, e.entityId, { changed: true }, 9000));
    const view = new CheckpointView([layer(changed), full], 3010);
    expect(view.get(entityKey('simulant', 'ü-2-名'))?.state).toEqual({ n: 2, name: 'Zoë 2 ✓' });
    expect(view.get(entityKey('simulant', 'ü-2995-名'))?.state).toEqual({ changed: true });
    expect(view.get(entityKey('block', 'ü-3009-名'))?.lastSeq).toBe(9000);
    const listed = [...view.values()];
    expect(listed).toHaveLength(3010);
    expect(listed.map((e) => e.entityId)).toEqual(world.slice(0, 3010).map((e) => e.entityId));
    expect(listed[2995]?.state).toEqual({ changed: true });
  });

  it('folds over a view without writing into it', () => {
    const view = new CheckpointView([layer(world.slice(0, 10))], 10);
    const states = new EntityStates();
    (states as { entities: Map<string, EntityState> }).entities = new LayeredMap(view);
    states.apply({
      seq: 20,
      system: 'qcs',
      action: 'update',
      eventType: 'x',
      entityType: 'simulant',
      entityId: 'ü-1-名',
      oldState: null,
      newState: { more: 1 },
      delta: null,
      actor: null,
    });
    expect(states.get('simulant', 'ü-1-名')?.state).toEqual({ n: 1, name: 'Zoë 1 ✓', more: 1 });
    expect(view.get(entityKey('simulant', 'ü-1-名'))?.state).toEqual({ n: 1, name: 'Zoë 1 ✓' });
    expect(states.entities.size).toBe(10);
  });

  it('reads a checkpoint back from the keyframe file, and refuses a file cut short', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'chronoscope-kf-')), 'a.keyframes.bin');
    const writer = new KeyframeFileWriter(path);
    const text = new WeakMap();
    writer.checkpoint(999, true, 3000, packEntities(world.slice(0, 3000), text));
    const changed = [entity('simulant', 'ü-1-名', { moved: 'ö' }, 1500), world[3000] as EntityState];
    writer.checkpoint(1999, false, 3001, packEntities(changed, text));
    writer.finish({ format: KEYFRAME_FORMAT, system: 'descendants', interval: 1000, lastSeq: 2500 });

    expect(await KeyframeReader.open(path, 'qcs', 2500)).toBeNull(); // another archive's
    const reader = await KeyframeReader.open(path, 'descendants', 2500);
    expect(reader?.keyframeAtOrBefore(2400)).toBe(1999);
    const at = await reader!.load(1999);
    expect(at.size).toBe(3001);
    expect(at.get(entityKey('simulant', 'ü-1-名'))?.state).toEqual({ moved: 'ö' });
    expect(plain(at.get(entityKey('simulant', 'ü-2999-名')))).toEqual(world[2999]);
    expect([...at.values()].map((e) => e.entityId)).toEqual(world.slice(0, 3001).map((e) => e.entityId));
    expect([...(await reader!.load(999, { entityType: 'block' })).values()]).toHaveLength(1000);
    reader!.close();

    writeFileSync(path, readFileSync(path).subarray(0, 5000));
    expect(await KeyframeReader.open(path, 'descendants', 2500)).toBeNull();
  });
});
