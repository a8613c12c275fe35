import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actorActivity,
  changePoints,
  compileFilter,
  dimensionHeatmap,
  hourWeekdayHeatmap,
  runDetectors,
  trend,
} from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

const OBRIEN = "o'brien'); DROP TABLE events; --";

function row(
  n: number,
  ts: string,
  user: string,
  session: string,
  op: string,
  type: string,
  id: string,
  values: object | null,
) {
  return {
    id: `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    timestamp: ts,
    user_id: user,
    user_email: `${n}@qcs.example`,
    user_role: 'clerk',
    session_id: session,
    operation_type: op,
    entity_type: type,
    entity_id: id,
    old_values: op === 'DELETE' ? { status: 'open' } : null,
    new_values: values,
    change_set: {},
    ip_address: '10.0.0.5',
    user_agent: 'Test/1.0',
    reason: null,
    metadata: null,
    correlation_id: null,
    parent_operation_id: null,
    rollback_id: null,
    created_at: ts,
  };
}

/** Five rows whose every count is known by hand: Monday 09:xx for o'brien, Tuesday 14:xx for bob. */
async function fixture(): Promise<string> {
  const dir = join(await tempDir(), 'qcs');
  await mkdir(dir);
  const rows = [
    row(1, '2026-05-04T09:00:00Z', OBRIEN, 's1', 'CREATE', 'shipment', 'SHI-1', { city: 'Rotterdam' }),
    row(2, '2026-05-04T09:10:00Z', OBRIEN, 's1', 'UPDATE', 'shipment', 'SHI-2', { city: 'Hamburg' }),
    row(3, '2026-05-04T09:20:00Z', OBRIEN, 's1', 'DELETE', 'invoice', 'INV-1', null),
    row(4, '2026-05-05T14:00:00Z', 'bob', 's2', 'READ', 'customer', 'CUS-1', null),
    row(5, '2026-05-05T14:30:00Z', 'bob', 's3', 'READ', 'customer', 'CUS-1', null),
  ];
  await writeFile(
    join(dir, 'comprehensive_audit_log.ndjson'),
    rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
  return dir;
}

describe('analytics on a hand-written archive', async () => {
  const db = await importArchive(await fixture());

  it('binds filter values as parameters, never as SQL text', async () => {
    const compiled = compileFilter({ actors: [OBRIEN], text: "x' OR 1=1 --" });
    expect(compiled.where).not.toContain("o'brien");
    expect(Object.values(compiled.params)).toContain(OBRIEN);
    const map = await hourWeekdayHeatmap(db.store, { actors: [OBRIEN] });
    expect(map.cells).toEqual([{ row: 0, col: 9, count: 3 }]);
  });

  it('counts hour × weekday', async () => {
    const map = await hourWeekdayHeatmap(db.store);
    expect(map.cells).toEqual([
      { row: 0, col: 9, count: 3 },
      { row: 1, col: 14, count: 2 },
    ]);
    expect(map.max).toBe(3);
  });

  it('counts action × bucket and entity type × bucket with the same filter', async () => {
    const byAction = await dimensionHeatmap(db.store, 'action', {}, { bucketSeconds: 86400 });
    expect(byAction.cells.find((c) => c.row === 'read')).toMatchObject({
      col: '2026-05-05T00:00:00.000Z',
      count: 2,
    });
    const byType = await dimensionHeatmap(
      db.store,
      'entity_type',
      { text: 'rotterdam' },
      { bucketSeconds: 3600 },
    );
    expect(byType.cells).toEqual([{ row: 'shipment', col: '2026-05-04T09:00:00.000Z', count: 1 }]);
  });

  it('trends per bucket with zeros for empty buckets', async () => {
    const t = await trend(db.store, {}, { bucketSeconds: 3600 });
    const counts = t.series[0]?.counts ?? [];
    expect(counts.length).toBe(30); // 09:00 Monday … 14:00 Tuesday
    expect(counts[0]).toBe(3);
    expect(counts[29]).toBe(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    const perAction = await trend(db.store, { actors: ['bob'] }, { by: 'action', bucketSeconds: 86400 });
    expect(perAction.series.map((s) => [s.key, s.counts])).toEqual([['read', [2]]]);
  });

  it('describes each actor: sessions, entities, actions, addresses', async () => {
    const activity = await actorActivity(db.store);
    const obrien = activity.find((a) => a.actor === OBRIEN);
    const bob = activity.find((a) => a.actor === 'bob');
    expect(obrien).toMatchObject({ events: 3, entities: 3, ips: ['10.0.0.5'], userAgents: ['Test/1.0'] });
    expect(obrien?.actions).toEqual({ create: 1, update: 1, delete: 1 });
    expect(obrien?.sessions).toHaveLength(1);
    expect(bob?.sessions.map((s) => s.events)).toEqual([1, 1]);
    expect(bob).toMatchObject({
      firstSeen: '2026-05-05T14:00:00.000Z',
      lastSeen: '2026-05-05T14:30:00.000Z',
    });
  });

  it('runs the detectors under a filter without touching the archive', async () => {
    const result = await runDetectors(db.store, { filter: { actors: [OBRIEN] } });
    expect(result.detectors.filter((d) => !d.id.startsWith('rule:'))).toHaveLength(12);
    expect(result.detectors.some((d) => d.id.startsWith('rule:'))).toBe(true);
    expect(await db.count('SELECT count(*) FROM events')).toBe(5);
  });
});

describe('change points', () => {
  it('finds a level shift and nothing in flat noise', () => {
    const flat = [5, 6, 5, 4, 5, 6, 5, 5, 4, 6, 5, 5];
    expect(changePoints(flat)).toEqual([]);
    const shift = [...flat, 40, 42, 39, 41, 40, 43, 40, 41];
    expect(changePoints(shift)).toEqual([12]);
  });
});
