import { tableFromIPC } from 'apache-arrow';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, RpcClient } from '../../../analysis/core/src/index.js';
import { ArchiveStore, DETECTOR_IDS, hourWeekdayHeatmap } from '../../../analysis/engine/src/index.js';
import { arrow, columnTypes, DEMO, rows, startHarness } from './harness.js';

let client: RpcClient;
let desc: ArchiveInfo;
let qcs: ArchiveInfo;
let truth: ArchiveStore;

beforeAll(async () => {
  const h = await startHarness();
  client = await h.connect();
  desc = await client.call('archive.open', { path: DEMO('descendants') });
  qcs = await client.call('archive.open', { path: DEMO('qcs') });
  truth = await ArchiveStore.open(join(h.cacheDir, `${desc.id}.v1.duckdb`));
  return () => truth.close();
});

const count = async (where: string): Promise<number> =>
  Number((await truth.json(`SELECT count(*) AS n FROM events ${where}`))[0]?.['n']);
const sum = (values: unknown[]): number => values.reduce<number>((n, v) => n + Number(v), 0);

describe('events', () => {
  it('counts under the filter, seqs included', async () => {
    const deletes = await client.call('events.count', { archive: desc.id, filter: { actions: ['delete'] } });
    expect(deletes.count).toBe(await count(`WHERE action = 'delete'`));
    const picked = await client.call('events.count', {
      archive: desc.id,
      filter: { seqs: [3, 5, 8, 10_000_000] },
    });
    expect(picked.count).toBe(3);
  });

  it('pages a filtered, sorted selection without overlap', async () => {
    const filter = { actions: ['update'] };
    const sort = { column: 'actor_id' as const, desc: true };
    const a = rows(
      (await client.call('events.page', { archive: desc.id, filter, sort, offset: 0, limit: 50 })).table,
    );
    const b = rows(
      (await client.call('events.page', { archive: desc.id, filter, sort, offset: 50, limit: 50 })).table,
    );
    expect(a.every((r) => r['action'] === 'update')).toBe(true);
    const actors = [...a, ...b].map((r) => String(r['actor_id']));
    expect(actors).toEqual([...actors].sort().reverse());
    const seqs = new Set([...a, ...b].map((r) => r['seq']));
    expect(seqs.size).toBe(100);
    const deep = await client.call('events.page', {
      archive: desc.id,
      filter,
      offset: 3000,
      limit: 5,
      columns: ['seq', 'raw'],
    });
    const expected = await truth.json(
      `SELECT seq::DOUBLE AS seq, raw::VARCHAR AS raw FROM events WHERE action = 'update' ORDER BY seq LIMIT 5 OFFSET 3000`,
    );
    expect(rows(deep.table)).toEqual(expected);
  });

  it('carries every canonical column with the contract’s Arrow types', async () => {
    const page = await client.call('events.page', { archive: desc.id, offset: 0, limit: 5 });
    const types = columnTypes(arrow(page.table));
    expect(types).toMatchObject({
      seq: 'Float64',
      ts: 'Float64',
      action: 'Utf8',
      raw: 'Utf8',
      tags: 'Utf8',
      x: 'Float64',
    });
    expect(Object.keys(types)).toHaveLength(28);
  });

  it('locates the row of an instant under the filter and in descending order', async () => {
    const [row] = await truth.json(
      `SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS t FROM events WHERE seq = 5000`,
    );
    const at = String(row?.['t']);
    const located = await client.call('events.locate', { archive: desc.id, at });
    expect(located.seq).toBeLessThanOrEqual(5000);
    expect(located.index).toBe(located.seq);
    const filtered = await client.call('events.locate', {
      archive: desc.id,
      at: 'seq:5000',
      filter: { actions: ['update'] },
    });
    expect(filtered.index).toBe(await count(`WHERE action = 'update' AND seq < ${filtered.seq}`));
    const desc5000 = await client.call('events.locate', {
      archive: desc.id,
      at: 'seq:5000',
      sort: { column: 'seq', desc: true },
    });
    expect(desc5000).toEqual({ index: desc.records - 1 - 5000, seq: 5000 });
  });

  it('details an event with the entity’s state before and after it', async () => {
    const [update] = await truth.json(
      `SELECT seq FROM events e WHERE action = 'update' AND entity_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM events p WHERE p.entity_id = e.entity_id AND p.seq < e.seq AND p.action = 'create')
       ORDER BY seq LIMIT 1`,
    );
    const seq = Number(update?.['seq']);
    const detail = await client.call('events.detail', { archive: desc.id, seq });
    expect(detail.event).toMatchObject({ seq, action: 'update' });
    expect(typeof detail.event['ts']).toBe('string');
    expect(detail.before).not.toBeNull();
    expect(detail.after).not.toBeNull();
    expect(detail.after).not.toEqual(detail.before);
    await expect(client.call('events.detail', { archive: desc.id, seq: 10_000_000 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('timeline', () => {
  it('counts every event in some density bucket, empty buckets as 0', async () => {
    const d = await client.call('timeline.density', { archive: desc.id, buckets: 100 });
    const table = arrow(d.table);
    expect(columnTypes(table)).toEqual({ t: 'Float64', n: 'Float64' });
    expect(table.numRows).toBeLessThanOrEqual(100);
    expect(sum(table.getChild('n')!.toArray() as unknown as number[])).toBe(desc.records);
    const t = table.getChild('t')!.toArray() as Float64Array;
    expect(t[1]! - t[0]!).toBe(d.bucketMs);
    expect(d.from).toBe(desc.timeRange.from);
    const filtered = await client.call('timeline.density', {
      archive: desc.id,
      buckets: 100,
      filter: { actions: ['delete'] },
    });
    expect(arrow(filtered.table).numRows).toBe(table.numRows);
    expect(sum(arrow(filtered.table).getChild('n')!.toArray() as unknown as number[])).toBe(
      await count(`WHERE action = 'delete'`),
    );
  });

  it('marks snapshots and bookmarks (descendants) and rollbacks (qcs)', async () => {
    const d = await client.call('timeline.markers', { archive: desc.id });
    const kinds = new Set(d.map((m) => m.kind));
    expect(kinds).toContain('snapshot');
    expect(kinds).toContain('bookmark');
    expect(d.map((m) => m.from)).toEqual([...d.map((m) => m.from)].sort());
    const q = await client.call('timeline.markers', { archive: qcs.id });
    expect(q.some((m) => m.kind === 'rollback')).toBe(true);
    expect(q.some((m) => m.kind === 'snapshot')).toBe(true);
  });
});

describe('analytics', () => {
  it('hour × weekday heatmap: the engine’s cells, as Arrow r, c, n', async () => {
    const h = await client.call('analytics.heatmap', { archive: desc.id, kind: 'hour_weekday' });
    expect(h.rows).toHaveLength(7);
    expect(h.cols).toHaveLength(24);
    const cells = rows(h.cells);
    expect(sum(cells.map((c) => c['n']))).toBe(desc.records);
    expect(Math.max(...cells.map((c) => Number(c['n'])))).toBe(h.max);
    const filter = { actions: ['update', 'delete'] };
    const filtered = await client.call('analytics.heatmap', {
      archive: desc.id,
      kind: 'hour_weekday',
      filter,
    });
    const engine = await hourWeekdayHeatmap(truth, filter);
    expect(rows(filtered.cells)).toEqual(engine.cells.map((c) => ({ r: c.row, c: c.col, n: c.count })));
    const picked = await client.call('analytics.heatmap', {
      archive: desc.id,
      kind: 'hour_weekday',
      filter: { seqs: [0, 1, 2] },
    });
    expect(sum(rows(picked.cells).map((c) => c['n']))).toBe(3);
  });

  it('dimension × time and spatial heatmaps index their labels', async () => {
    const h = await client.call('analytics.heatmap', { archive: desc.id, kind: 'action', limit: 3 });
    expect(h.rows.length).toBeLessThanOrEqual(3);
    const cells = rows(h.cells);
    expect(cells.every((c) => Number(c['r']) < h.rows.length && Number(c['c']) < h.cols.length)).toBe(true);
    expect(h.bucketSeconds).toBeGreaterThan(0);
    const s = await client.call('analytics.heatmap', { archive: desc.id, kind: 'spatial', limit: 20 });
    expect(s.cellSize).toBeGreaterThan(0);
    expect(s.cols.length).toBeLessThanOrEqual(21);
    expect(sum(rows(s.cells).map((c) => c['n']))).toBe(
      await count(`WHERE entity_type = 'block' AND x IS NOT NULL AND z IS NOT NULL`),
    );
  });

  it('trend and actor activity under a filter', async () => {
    const t = await client.call('analytics.trend', { archive: desc.id, by: 'action' });
    const total = t.series.reduce((n, s) => n + sum(s.counts), 0);
    expect(total).toBe(desc.records);
    expect(t.buckets.length).toBe(t.series[0]?.counts.length);
    const a = await client.call('analytics.activity', { archive: desc.id, limit: 2 });
    expect(a).toHaveLength(2);
    expect(a[0]!.events).toBe(await count(`WHERE actor_id = '${a[0]!.actor}'`));
  });

  it('runs the detectors under the filter; a seq list narrows the engine analytics', async () => {
    const result = await client.call('analyze.run', { archive: qcs.id });
    expect(result.detectors.map((d) => d.id)).toEqual(expect.arrayContaining([...DETECTOR_IDS]));
    expect(result.findings.length).toBeGreaterThan(0);
    const rules = 'id: my-deletes\ntitle: Any deletion\nseverity: low\nwhere:\n  action: delete\n';
    const withRules = await client.call('analyze.run', { archive: qcs.id, rules });
    expect(withRules.detectors.map((d) => d.id)).toContain('rule:my-deletes');
    await expect(
      client.call('analyze.run', {
        archive: qcs.id,
        rules: 'id: x\ntitle: y\nseverity: nope\nwhere: {action: delete}\n',
      }),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('severity') });
    const docs = await client.call('analyze.detectors', {});
    expect(docs.map((d) => d.id)).toEqual(expect.arrayContaining([...DETECTOR_IDS]));
    expect(docs.every((d) => d.title !== '' && d.statistic !== '')).toBe(true);
    const builtin = await client.call('rules.list', {});
    expect(builtin.length).toBeGreaterThan(0);
    expect(builtin.every((r) => r.builtin && r.text.includes(`id: ${r.id}`))).toBe(true);
    const check = await client.call('rules.check', { archive: qcs.id, text: rules });
    expect(check.ok).toBe(true);
    expect(check.rules[0]).toMatchObject({ id: 'my-deletes', findings: expect.any(Number) });
    expect(check.rules[0]!.matches).toBe(
      (await client.call('events.count', { archive: qcs.id, filter: { actions: ['delete'] } })).count,
    );
    const broken = await client.call('rules.check', {
      archive: qcs.id,
      text: 'id: x\ntitle: y\nseverity: nope\n',
    });
    expect(broken.ok).toBe(false);
    expect(broken.errors[0]).toMatchObject({ rule: 'x', field: 'severity' });
    // A finding's evidence (a seq list) narrows the engine's analytics too.
    const evidence = await client.call('analytics.heatmap', {
      archive: desc.id,
      kind: 'action',
      filter: { seqs: [1, 2, 3] },
    });
    expect(evidence.rows.length).toBeGreaterThan(0);
    expect(
      tableFromIPC(evidence.cells)
        .getChild('n')!
        .toArray()
        .reduce((a: number, b: number) => a + b, 0),
    ).toBe(3);
  });
});
