import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, Replay, SYSTEM_IDS } from '../../../analysis/core/src/index.js';
import type { EntityState, SystemId } from '../../../analysis/core/src/index.js';
import { EngineReplaySource, generateExport, TimeTravel } from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

/** Entities as comparable text: canonical states, so key order never matters. */
const text = (entities: EntityState[]): string =>
  entities
    .map(
      (e) =>
        `${e.entityType}/${e.entityId} ${e.deleted ? 'deleted' : 'live'} ${e.lastSeq} ${canonicalJson(e.state)}`,
    )
    .join('\n');

async function setup(path: string) {
  const db = await importArchive(path);
  const keyed = await TimeTravel.open(db.store, { interval: 300 });
  const full = await TimeTravel.open(db.store, { keyframes: 'off' });
  return { db, keyed, full };
}

/** Seqs spread over the timeline, keyframe boundaries and both ends included. */
function samples(last: number, n: number, seed: number): number[] {
  let x = seed;
  const out = [0, Math.min(last, 299), Math.min(last, 300), Math.min(last, 301), last];
  for (let i = 0; i < n; i++) out.push((x = (x * 7919 + 13) % (last + 1)));
  return out;
}

describe.each(SYSTEM_IDS.map((s) => [s]))('%s replay world', (system: SystemId) => {
  const generated = (async () => {
    const out = join(await tempDir(), system);
    await generateExport({ system, events: 2500, seed: 11, incidents: true, out });
    return setup(out);
  })();

  it('equals a full replay at random seqs reached by playing, reversing and seeking', async () => {
    const { keyed, full } = await generated;
    // Small windows, a short undo and a low seek threshold: every path (apply, un-apply,
    // keyframe) is taken many times in one run.
    const replay = await Replay.open(new EngineReplaySource(keyed), {
      windowSize: 200,
      undoLimit: 400,
      seekThreshold: 700,
    });
    const seqs = samples(keyed.lastSeq, 16, 3);
    for (const seq of [...seqs, ...[...seqs].reverse()]) {
      await replay.goTo(seq);
      expect(replay.world.seq).toBe(seq);
      expect(text(replay.world.entities()), `seq ${seq}`).toBe(text(await full.entitiesAt(seq)));
    }
  });

  it('gives the same world after playing forwards then backwards to the same seq', async () => {
    const { keyed, full } = await generated;
    const replay = await Replay.open(new EngineReplaySource(keyed), { windowSize: 256, undoLimit: 5000 });
    const mid = Math.floor(keyed.lastSeq / 2);
    await replay.goTo(mid);
    const before = text(replay.world.entities());
    await replay.goTo(keyed.lastSeq);
    expect(text(replay.world.entities())).toBe(text(await full.entitiesAt(keyed.lastSeq)));
    // Back by un-applying every event (the undo records reach): exactly the state at mid again.
    await replay.goTo(mid);
    expect(replay.world.undoFloor).not.toBeNull();
    expect(text(replay.world.entities())).toBe(before);
    expect(before).toBe(text(await full.entitiesAt(mid)));
  });
});

describe.each([
  ['descendants', 'descendants/export'],
  ['qcs', 'qcs'],
  ['blockchain', 'blockchain/export'],
  ['wedsync', 'wedsync/export'],
  ['robot-cycles', 'robot-cycles/export'],
])('%s fixture replay', (_system, dir) => {
  it('equals a full replay at every seq, forwards and backwards', async () => {
    const { keyed, full } = await setup(join('test/fixtures', dir));
    const replay = await Replay.open(new EngineReplaySource(keyed), { windowSize: 3, undoLimit: 4 });
    const all = Array.from({ length: keyed.lastSeq + 2 }, (_, i) => i - 1);
    for (const seq of [...all, ...[...all].reverse()]) {
      await replay.goTo(seq);
      expect(text(replay.world.entities()), `seq ${seq}`).toBe(text(await full.entitiesAt(seq)));
    }
  });
});
