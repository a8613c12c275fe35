import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, RpcClient } from '../../../analysis/core/src/index.js';
import { ArchiveStore } from '../../../analysis/engine/src/index.js';
import { DEMO, PROJECT_ROOT, rows, startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { join } from 'node:path';

let h: Harness;
let client: RpcClient;
let info: ArchiveInfo;
let truth: ArchiveStore;

beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
  info = await client.call('archive.open', { path: DEMO('descendants') });
  truth = await ArchiveStore.open(join(h.cacheDir, `${info.id}.v1.duckdb`));
  return () => truth.close();
});

const count = async (sql: string): Promise<number> => Number((await truth.json(sql))[0]?.['n']);

describe('archive methods over a real WebSocket', () => {
  it('greets with the protocol, the version and the host', async () => {
    expect(await client.handshake()).toMatchObject({ protocol: 1, host: 'browser' });
  });

  it('lists the bundled demos, one per system', async () => {
    const demos = await client.call('archive.demos', {});
    expect(demos.map((d) => d.system)).toEqual([
      'blockchain',
      'descendants',
      'qcs',
      'robot-cycles',
      'wedsync',
    ]);
    expect(demos[0]?.path).toBe(join(PROJECT_ROOT, 'assets', 'demo', 'blockchain'));
  });

  it('opens an archive: its identity, counts and files, as inspect reports them', async () => {
    expect(info.id).toMatch(/^[0-9a-f]{64}$/);
    expect(info).toMatchObject({ system: 'descendants', path: DEMO('descendants'), fromCache: false });
    expect(info.records).toBe(await count('SELECT count(*) AS n FROM events'));
    expect(info.files.map((f) => f.path).join(' ')).toContain('world_changes.ndjson.gz');
    const again = await client.call('archive.open', { path: DEMO('descendants') });
    expect(again).toMatchObject({ id: info.id, fromCache: true, records: info.records });
  });

  it('remembers opened archives, newest first', async () => {
    const qcs = await client.call('archive.open', { path: DEMO('qcs') });
    const recent = await client.call('archive.recent', {});
    expect(recent.slice(0, 2).map((r) => r.path)).toEqual([DEMO('qcs'), DEMO('descendants')]);
    expect(recent[0]?.sha256).toBe(qcs.id);
  });

  it('summarises the whole archive and a filtered part', async () => {
    const all = await client.call('archive.summary', { archive: info.id, top: 3 });
    expect(all.records).toBe(info.records);
    expect(all.actions).toHaveLength(3);
    const topAction = all.actions[0]!;
    expect(topAction.count).toBe(
      await count(`SELECT count(*) AS n FROM events WHERE action = '${topAction.key}'`),
    );
    expect(all.actorCount).toBe(await count('SELECT count(DISTINCT actor_id) AS n FROM events'));
    const actor = all.actors[0]!.key;
    const one = await client.call('archive.summary', { archive: info.id, filter: { actors: [actor] } });
    expect(one.records).toBe(all.actors[0]!.count);
    expect(one.actorCount).toBe(1);
    expect(one.actors).toEqual([{ key: actor, count: one.records }]);
  });

  it('pages the rejected records with file, line and reason', async () => {
    const bad = await client.call('archive.open', {
      path: join(PROJECT_ROOT, 'test/fixtures/descendants/bad'),
    });
    expect(bad.rejected).toBeGreaterThan(0);
    const page = await client.call('archive.rejects', { archive: bad.id, limit: 2 });
    expect(page.total).toBe(bad.rejected);
    expect(page.rows.length).toBe(Math.min(2, bad.rejected));
    expect(page.rows[0]).toMatchObject({
      file: expect.stringContaining('world_changes.ndjson'),
      reason: expect.any(String),
    });
    expect(page.rows[0]?.line).toBeGreaterThan(0);
  });

  it('closes an archive: later calls on it are NOT_FOUND until it is opened again', async () => {
    const qcs = await client.call('archive.open', { path: DEMO('qcs') });
    expect(await client.call('archive.close', { archive: qcs.id })).toBeNull();
    await expect(client.call('events.count', { archive: qcs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await client.call('archive.open', { path: DEMO('qcs') });
    expect((await client.call('events.count', { archive: qcs.id })).count).toBe(qcs.records);
  });

  it('pages the events table as Arrow, deep pages by seq range', async () => {
    const page = await client.call('events.page', {
      archive: info.id,
      offset: 1000,
      limit: 3,
      columns: ['seq', 'ts', 'action', 'new_state', 'tags'],
    });
    const got = rows(page.table);
    expect(got.map((r) => r['seq'])).toEqual([1000, 1001, 1002]);
    const [first] = await truth.json(
      `SELECT epoch_ms(ts) AS ms, action, new_state::VARCHAR AS s FROM events WHERE seq = 1000`,
    );
    expect(got[0]).toMatchObject({ ts: Number(first?.['ms']), action: first?.['action'] });
    expect(got[0]?.['new_state']).toBe(first?.['s']);
    const last = await client.call('events.page', {
      archive: info.id,
      offset: 0,
      limit: 2,
      sort: { column: 'ts', desc: true },
    });
    expect(rows(last.table).map((r) => r['seq'])).toEqual([info.records - 1, info.records - 2]);
  });
});
