import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseTimeSpec } from '../../../analysis/core/src/index.js';
import type { EntityState } from '../../../analysis/core/src/index.js';
import { generateExport, TimeTravel } from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

async function generated(system: 'descendants' | 'qcs' | 'robot-cycles', events: number) {
  const out = join(await tempDir(), system);
  await generateExport({ system, events, seed: 11, incidents: false, out });
  const db = await importArchive(out);
  // A small interval so the archive has many keyframes and every seek crosses one.
  const travel = await TimeTravel.open(db.store, { interval: 500 });
  return { db, travel };
}

const live = (entities: EntityState[], type: string): string[] =>
  entities
    .filter((e) => e.entityType === type && !e.deleted)
    .map((e) => canonicalJson({ entityId: e.entityId, ...e.state }))
    .sort();

describe('time travel against the sources own snapshots', () => {
  it('descendants: the world at each snapshot equals its worldState', async () => {
    const { db, travel } = await generated('descendants', 6000);
    expect(travel.hasKeyframes).toBe(true);
    const snaps = await db.rows(
      `SELECT strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%fZ') AS t, worldState::VARCHAR AS w FROM world_snapshots`,
    );
    expect(snaps.length).toBeGreaterThan(3);
    for (const snap of snaps) {
      const world = JSON.parse(String(snap['w'])) as {
        blocks: Record<string, unknown>[];
        simulants: Record<string, unknown>[];
        config?: Record<string, unknown>;
      };
      const point = await travel.resolve(parseTimeSpec(String(snap['t'])));
      const entities = await travel.entitiesAt(point.seq);
      expect(live(entities, 'block')).toEqual(world.blocks.map((b) => canonicalJson(b)).sort());
      expect(live(entities, 'simulant')).toEqual(world.simulants.map((s) => canonicalJson(s)).sort());
      const config = entities.find((e) => e.entityType === 'world' && !e.deleted);
      if (world.config && config) expect(config.state).toEqual(world.config);
    }
    travel.close();
  });

  it('qcs: the listed entity types at each system snapshot equal its snapshot_data', async () => {
    const { db, travel } = await generated('qcs', 6000);
    const snaps = await db.rows(
      `SELECT strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%fZ') AS t, entity_types AS types, snapshot_data::VARCHAR AS d
       FROM system_snapshots`,
    );
    expect(snaps.length).toBeGreaterThan(1);
    for (const snap of snaps) {
      const data = JSON.parse(String(snap['d'])) as {
        entities: { entityType: string; entityId: string; data: Record<string, unknown> }[];
      };
      const point = await travel.resolve(parseTimeSpec(String(snap['t'])));
      const entities = await travel.entitiesAt(point.seq);
      for (const type of snap['types'] as string[]) {
        const expected = data.entities
          .filter((e) => e.entityType === type)
          .map((e) => canonicalJson({ entityId: e.entityId, ...e.data }))
          .sort();
        expect(live(entities, type)).toEqual(expected);
      }
    }
    travel.close();
  });

  it('robot-cycles: every user balance at the end is its last balanceAfter', async () => {
    const { db, travel } = await generated('robot-cycles', 5000);
    const last = await db.rows(
      `SELECT entity_id AS id, arg_max(delta->>'balanceAfter', seq) AS balance FROM events
       WHERE entity_type = 'user' AND (delta->>'balanceAfter') IS NOT NULL GROUP BY 1`,
    );
    expect(last.length).toBeGreaterThan(3);
    const users = await travel.entitiesAt(travel.lastSeq, { entityType: 'user' });
    const balances = Object.fromEntries(users.map((u) => [u.entityId, String(u.state['balance'])]));
    expect(balances).toEqual(Object.fromEntries(last.map((r) => [r['id'], String(r['balance'])])));
    travel.close();
  });
});
