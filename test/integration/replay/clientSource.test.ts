import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BranchSource,
  canonicalJson,
  ClientReplaySource,
  CONTRACT,
  diffStates,
  EntityStates,
  Replay,
} from '../../../analysis/core/src/index.js';
import type { AnalysisClient, EntityState, MethodName } from '../../../analysis/core/src/index.js';
import {
  EngineReplaySource,
  generateExport,
  replayKeyframe,
  replayWindow,
  TimeTravel,
} from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

const text = (entities: EntityState[]): string =>
  [...entities]
    .map((e) => `${e.entityType}/${e.entityId} ${e.deleted} ${canonicalJson(e.state)}`)
    .sort()
    .join('\n');

/**
 * The service's side of the two replay methods as the service engineer wires it: params and
 * results checked against the contract, as they are on every call through a transport.
 */
function fakeClient(travel: TimeTravel, archive: string): AnalysisClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async call(method: MethodName, params: unknown) {
      calls.push(method);
      const p = CONTRACT[method].params.parse(params) as {
        archive: string;
        at?: string;
        fromSeq?: number;
        limit?: number;
      };
      expect(p.archive).toBe(archive);
      const result =
        method === 'replay.keyframe'
          ? await replayKeyframe(travel, p.at ?? '')
          : await replayWindow(travel.store, p.fromSeq ?? 0, p.limit ?? 1);
      return CONTRACT[method].result.parse(result) as never;
    },
    on: () => () => undefined,
    close: () => undefined,
  };
}

describe('replay through the contract (ClientReplaySource)', () => {
  const setup = (async () => {
    const out = join(await tempDir(), 'qcs');
    await generateExport({ system: 'qcs', events: 3000, seed: 4, incidents: true, out });
    const db = await importArchive(out);
    const travel = await TimeTravel.open(db.store, { interval: 400 });
    const full = await TimeTravel.open(db.store, { keyframes: 'off' });
    return { db, travel, full, id: db.opened.sha256 };
  })();

  it('plays, seeks and reverses with windows and keyframes fetched through the client', async () => {
    const { travel, full, id } = await setup;
    const client = fakeClient(travel, id);
    const replay = await Replay.open(new ClientReplaySource(client, id, 'qcs'), {
      windowSize: 500,
      undoLimit: 800,
      seekThreshold: 1000,
    });
    for (const seq of [10, 900, 2999, 1500, 1400, 200]) {
      await replay.goTo(seq);
      expect(text(replay.world.entities()), `seq ${seq}`).toBe(text(await full.entitiesAt(seq)));
    }
    expect(client.calls).toContain('replay.keyframe');
    expect(client.calls).toContain('replay.window');
    // The studio's way: frames at 100x until the world has moved on, prefetching as it goes.
    replay.clock.setSpeed(100);
    replay.clock.play();
    const start = replay.world.seq;
    for (let i = 0; i < 400 && replay.world.seq < start + 50; i++) {
      replay.frame(1000);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(replay.error).toBeNull();
    expect(replay.world.seq).toBeGreaterThan(start);
    expect(text(replay.world.entities())).toBe(text(await full.entitiesAt(replay.world.seq)));
  });

  it('branches on a real archive: the same states as folding the kept events, and a diff with the original', async () => {
    const { db, travel, full } = await setup;
    const [busiest] = await db.rows(
      `SELECT actor_id AS a FROM events WHERE action IN ('create', 'delete') GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const actor = String(busiest?.['a']);
    const branch = await BranchSource.create(
      new EngineReplaySource(travel),
      { exclude: [{ actors: [actor] }] },
      { windowSize: 700, checkpointEvery: 600 },
    );
    expect(branch.excludedSeqs.length).toBeGreaterThan(0);
    const all = (await new EngineReplaySource(travel).window(0, 10_000)).events;
    for (const seq of [branch.divergence + 1, 1234, 2999]) {
      const naive = new EntityStates();
      for (const e of all.slice(0, seq + 1)) if (e.actor !== actor) naive.apply(e);
      expect(text((await branch.keyframe(`seq:${seq}`)).entities), `seq ${seq}`).toBe(text(naive.list()));
    }
    const original = await full.entitiesAt(2999);
    const diff = diffStates(original, (await branch.keyframe('seq:2999')).entities);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.every((d) => d.kind !== 'changed' || d.paths.length > 0)).toBe(true);
    // Every conflict names a kept event after the divergence and a cause the branch left out.
    for (const c of branch.conflicts) {
      expect(c.seq).toBeGreaterThan(branch.divergence);
      expect(c.causes.every((s) => branch.excludedSeqs.includes(s))).toBe(true);
    }
  });
});
