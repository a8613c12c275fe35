import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLAY_EVENT_COLUMNS, REPLAY_KEYFRAME_COLUMNS } from '../../../analysis/core/src/index.js';
import type { ArchiveInfo, RpcClient } from '../../../analysis/core/src/index.js';
import { ArchiveStore, entityHistory, TimeTravel } from '../../../analysis/engine/src/index.js';
import { arrow, columnTypes, DEMO, rows, startHarness } from './harness.js';

let client: RpcClient;
let desc: ArchiveInfo;
let wed: ArchiveInfo;
let truth: ArchiveStore;
let work: string;

beforeAll(async () => {
  const h = await startHarness();
  client = await h.connect();
  desc = await client.call('archive.open', { path: DEMO('descendants') });
  wed = await client.call('archive.open', { path: DEMO('wedsync') });
  truth = await ArchiveStore.open(join(h.cacheDir, `${desc.id}.v1.duckdb`));
  work = await mkdtemp(join(tmpdir(), 'chronoscope-case-'));
});
afterAll(async () => {
  truth.close();
  await rm(work, { recursive: true, force: true });
});

describe('time travel', () => {
  it('gives the same states, history and rollback plan as the engine the command line uses', async () => {
    const travel = await TimeTravel.open(truth, { keyframes: 'off' });
    const point = await travel.resolve({ kind: 'seq', seq: 9000 });
    const expected = await travel.entitiesAt(point.seq, { entityType: 'block' });
    travel.close();
    const state = await client.call('state.at', {
      archive: desc.id,
      at: 'seq:9000',
      entityType: 'block',
      limit: 5,
    });
    expect(state.seq).toBe(9000);
    expect(state.truncated).toBe(expected.length > 5);
    expect(state.entities).toEqual(
      expected.slice(0, 5).map((e) => ({
        entityType: e.entityType,
        entityId: e.entityId,
        state: e.state,
        deleted: e.deleted,
        lastSeq: e.lastSeq,
      })),
    );
    const id = expected[0]!.entityId;
    const history = await client.call('entity.history', {
      archive: desc.id,
      entityId: id,
      entityType: 'block',
    });
    expect(history).toEqual(
      JSON.parse(JSON.stringify(await entityHistory(truth, 'descendants', id, 'block'))),
    );
    const plan = await client.call('rollback.plan', {
      archive: desc.id,
      to: 'seq:9000',
      entityType: 'block',
    });
    expect(plan.target).toMatchObject({ seq: 9000, entityType: 'block' });
    expect(plan.changes.length).toBeGreaterThan(0);
  });
});

describe('replay', () => {
  it('keyframe: every entity at the instant, in exactly the documented columns', async () => {
    const kf = await client.call('replay.keyframe', { archive: wed.id, at: 'seq:5000' });
    const table = arrow(kf.table);
    expect(table.schema.fields.map((f) => f.name)).toEqual([...REPLAY_KEYFRAME_COLUMNS]);
    expect(columnTypes(table)).toEqual({
      entity_type: 'Utf8',
      entity_id: 'Utf8',
      state: 'Utf8',
      deleted: 'Bool',
      last_seq: 'Float64',
    });
    expect(kf.seq).toBe(5000);
    const all = rows(kf.table);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => Number(r['last_seq']) <= 5000)).toBe(true);
    expect(typeof JSON.parse(String(all[0]!['state']))).toBe('object');
  });

  it('window: events from a seq in order, with the documented columns, and where it ends', async () => {
    const w = await client.call('replay.window', { archive: wed.id, fromSeq: 100, limit: 50 });
    const table = arrow(w.table);
    // The engine appends session_id after the contract's columns.
    expect(table.schema.fields.map((f) => f.name).slice(0, REPLAY_EVENT_COLUMNS.length)).toEqual([
      ...REPLAY_EVENT_COLUMNS,
    ]);
    expect(columnTypes(table)).toMatchObject({
      seq: 'Float64',
      ts: 'Float64',
      full_state: 'Bool',
      new_state: 'Utf8',
    });
    expect(rows(w.table).map((r) => r['seq'])).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(w).toMatchObject({ fromSeq: 100, toSeq: 149, done: false });
    const end = await client.call('replay.window', { archive: wed.id, fromSeq: wed.records - 10, limit: 50 });
    expect(end).toMatchObject({ toSeq: wed.records - 1, done: true });
  });
});

describe('query', () => {
  it('runs read-only SQL and says when the limit cut it', async () => {
    const q = await client.call('query.run', {
      archive: desc.id,
      sql: 'SELECT action, count(*) AS n, max(ts) AS last, list(DISTINCT entity_type) AS types FROM events GROUP BY 1 ORDER BY 2 DESC -- busiest',
      limit: 2,
    });
    expect(q.truncated).toBe(true);
    expect(q.rows).toBe(2);
    expect(q.columns.map((c) => c.name)).toEqual(['action', 'n', 'last', 'types']);
    expect(columnTypes(arrow(q.table))).toEqual({
      action: 'Utf8',
      n: 'Float64',
      last: 'Float64',
      types: 'Utf8',
    });
    const [top] = rows(q.table);
    expect(Array.isArray(JSON.parse(String(top!['types'])))).toBe(true);
    const whole = await client.call('query.run', { archive: desc.id, sql: 'SELECT 1 AS one' });
    expect(whole).toMatchObject({ truncated: false, rows: 1 });
  });

  it('gives user SQL no file access and keeps the store unchanged', async () => {
    for (const sql of [
      `SELECT * FROM read_text('/etc/hostname')`,
      `COPY (SELECT 1) TO '${join(work, 'leak.csv')}'`,
      `ATTACH '${join(work, 'other.duckdb')}' AS other`,
    ]) {
      await expect(client.call('query.run', { archive: desc.id, sql })).rejects.toMatchObject({
        code: 'QUERY_FAILED',
      });
    }
    await expect(stat(join(work, 'leak.csv'))).rejects.toThrow();
    await expect(
      client.call('query.run', { archive: desc.id, sql: 'DELETE FROM event_rows' }),
    ).rejects.toMatchObject({
      code: 'QUERY_FAILED',
    });
    expect((await client.call('events.count', { archive: desc.id })).count).toBe(desc.records);
  });
});

describe('integrity', () => {
  it('verifies with the checks of `chronoscope verify`', async () => {
    const v = await client.call('integrity.verify', { archive: wed.id });
    expect(v.ok).toBe(true);
    expect(v.records).toBe(wed.records);
    expect(v.checks.length).toBeGreaterThan(0);
  });
});

describe('case file', () => {
  it('starts empty beside the archive, saves atomically and loads back', async () => {
    const empty = await client.call('case.load', { archive: desc.id });
    expect(empty).toMatchObject({
      format: 'chronoscope-case/1',
      annotations: [],
      archive: { sha256: desc.id },
    });
    const data = { ...empty, annotations: [{ seq: 12, text: 'look here' }] };
    const path = join(work, 'case.json');
    const saved = await client.call('case.save', { archive: desc.id, path, data });
    expect(saved.path).toBe(path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(data);
    expect(await client.call('case.load', { archive: desc.id, path })).toEqual(data);
  });

  it('defaults to <archive>.chronocase.json next to a directory, never inside the evidence', async () => {
    const { defaultCasePath } = await import('../../../analysis/service/src/rpc/index.js');
    expect(defaultCasePath('/data/export/')).toBe('/data/export.chronocase.json');
    await expect(
      client.call('case.save', {
        archive: desc.id,
        path: join(DEMO('descendants'), 'notes.json'),
        data: await client.call('case.load', { archive: desc.id, path: join(work, 'none.json') }),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('inside the evidence'),
    });
    await writeFile(join(work, 'broken.json'), '{"format": "something else"}');
    await expect(
      client.call('case.load', { archive: desc.id, path: join(work, 'broken.json') }),
    ).rejects.toMatchObject({ code: 'UNREADABLE', message: expect.stringContaining('format') });
  });
});
