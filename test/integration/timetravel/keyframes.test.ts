import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseTimeSpec, SYSTEM_IDS } from '../../../analysis/core/src/index.js';
import type { EntityState, SystemId } from '../../../analysis/core/src/index.js';
import {
  entityHistory,
  generateExport,
  rollbackPlan,
  TimeTravel,
} from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

const text = (entities: EntityState[]): string => JSON.stringify(entities);

const opened = new Map<SystemId, ReturnType<typeof generateAndOpen>>();

/** One generated archive per system, shared by its tests (each test closes what it opened). */
function open(system: SystemId): ReturnType<typeof generateAndOpen> {
  let found = opened.get(system);
  if (!found) opened.set(system, (found = generateAndOpen(system)));
  return found.then(async ({ db }) => ({
    db,
    keyed: await TimeTravel.open(db.store, { interval: 250 }),
    full: await TimeTravel.open(db.store, { keyframes: 'off' }),
  }));
}

async function generateAndOpen(system: SystemId) {
  const out = join(await tempDir(), system);
  await generateExport({ system, events: 3000, seed: 5, incidents: true, out });
  const db = await importArchive(out);
  const keyed = await TimeTravel.open(db.store, { interval: 250 });
  const full = await TimeTravel.open(db.store, { keyframes: 'off' });
  return { db, keyed, full };
}

describe.each(SYSTEM_IDS.map((s) => [s]))('%s time travel', (system) => {
  it('gives the same state through keyframes as by full replay at many seqs, both ways', async () => {
    const { keyed, full } = await open(system);
    expect(keyed.hasKeyframes).toBe(true);
    let x = 7;
    const seqs = [0, 249, 250, 251, keyed.lastSeq];
    for (let i = 0; i < 12; i++) seqs.push((x = (x * 7919 + 13) % (keyed.lastSeq + 1)));
    // Forwards then backwards: a seek must not depend on where the previous one was.
    for (const seq of [...seqs, ...seqs.reverse()]) {
      expect(text(await keyed.entitiesAt(seq))).toBe(text(await full.entitiesAt(seq)));
    }
    keyed.close();
    full.close();
  });

  it('lists every event of one entity in its history, ending in its state at the end', async () => {
    const { db, keyed } = await open(system);
    const [busiest] = await db.rows(
      `SELECT entity_type AS t, entity_id AS id FROM events WHERE entity_id IS NOT NULL AND entity_id <> '*'
       AND entity_type <> 'battle' GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
    );
    const type = String(busiest?.['t']);
    const id = String(busiest?.['id']);
    const history = await entityHistory(db.store, system, id, type);
    const own = await db.rows(
      `SELECT seq FROM events WHERE entity_type = '${type}' AND entity_id = '${id.replace(/'/g, "''")}' ORDER BY seq`,
    );
    const seqs = history.events.map((e) => e.seq);
    for (const r of own) expect(seqs).toContain(Number(r['seq']));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const [end] = await keyed.entitiesAt(keyed.lastSeq, { entityType: type, entityId: id });
    const last = history.events.at(-1);
    if (end) expect(last?.state).toEqual(end.state);
    keyed.close();
  });

  it('plans a rollback that, applied to the end, gives back the state at the target', async () => {
    const { keyed } = await open(system);
    const to = parseTimeSpec(`seq:${Math.floor(keyed.lastSeq / 3)}`);
    const plan = await rollbackPlan(keyed, to, {});
    const liveMap = (entities: EntityState[]): Map<string, string> =>
      new Map(
        entities
          .filter((e) => !e.deleted)
          .map((e) => [`${e.entityType}/${e.entityId}`, canonicalJson(e.state)]),
      );
    const end = liveMap(await keyed.entitiesAt(keyed.lastSeq));
    for (const c of plan.changes) {
      const key = `${c.entityType}/${c.entityId}`;
      if (c.to === null) end.delete(key);
      else end.set(key, canonicalJson(c.to));
    }
    expect(end).toEqual(liveMap(await keyed.entitiesAt(plan.target.seq)));
    keyed.close();
  });
});
