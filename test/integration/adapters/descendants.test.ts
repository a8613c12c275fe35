import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  importArchive,
  tempDir,
  parseJson as json,
  sameEventsAs,
  eventBySource as event,
} from '../../helpers/archives.js';
import { makeZip } from '../../helpers/zipWriter.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/descendants');
const EXPORT = join(FIXTURES, 'export');
const MAIN = join(EXPORT, 'world_changes.ndjson');
const FILES = ['world_changes.ndjson', 'world_snapshots.ndjson', 'bookmarks.ndjson'];
const CANONICAL = `SELECT seq, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, system, source_id, action, event_type, actor_id,
  actor_type, actor_role, session_id, ip, user_agent, entity_type, entity_id, old_state, new_state, delta, severity, tags,
  correlation_id, parent_id, rollback_id, x, y, z, raw, src_line FROM events ORDER BY seq`;

const BLK12 = { position: { x: 12, y: 4, z: -7 }, type: 'stone', color: '#8a8a8a' };
const BLK13 = { position: { x: 13, y: 4, z: -7 }, type: 'stone', color: '#8a8a8a' };
const SIM7 = { name: 'Builder-7', position: { x: 1.5, y: 0, z: 3 }, activity: 'idle' };

describe('descendants: a directory with changes, snapshots and bookmarks', async () => {
  const db = await importArchive(EXPORT);

  it('is detected without --system and imports every change', async () => {
    expect(db.opened.system).toBe('descendants');
    expect(await db.count('SELECT count(*) FROM events')).toBe(12);
    expect(await db.count('SELECT count(*) FROM rejects')).toBe(0);
    const files = await db.rows('SELECT path, stream, records FROM import_files ORDER BY rank');
    expect(files).toEqual([
      { path: MAIN, stream: 'world_changes', records: '12' },
      { path: join(EXPORT, 'world_snapshots.ndjson'), stream: 'world_snapshots', records: '1' },
      { path: join(EXPORT, 'bookmarks.ndjson'), stream: 'bookmarks', records: '2' },
    ]);
  });

  it('orders by time; equal times keep file order', async () => {
    const rows = await db.rows('SELECT seq, source_id, src_line FROM events ORDER BY seq');
    // c02/c03 and c11/c12 share a time (file order); c04 sits after c05 in the file but is earlier.
    expect(rows.map((r) => r['source_id']).join(' ')).toBe('c01 c02 c03 c04 c05 c06 c07 c08 c09 c10 c11 c12');
    expect(rows.map((r) => r['src_line']).join(' ')).toBe('1 2 3 5 4 6 7 8 9 10 11 12');
  });

  it('maps who did what to which entity, how important, and where', async () => {
    const who =
      await db.rows(`SELECT source_id, action, event_type, actor_id, actor_type, actor_role, entity_type,
      entity_id, severity FROM events ORDER BY seq`);
    expect(who.map((r) => Object.values(r))).toEqual([
      // source: system wins over userType human.
      ['c01', 'create', 'simulant_create', 'system', 'system', 'system', 'simulant', 'sim_07', 'low'],
      ['c02', 'create', 'block_add', 'u_alice', 'human', 'direct', 'block', 'blk_12_4_-7', 'high'],
      ['c03', 'create', 'block_add', 'u_bob', 'human', 'direct', 'block', 'blk_13_4_-7', 'medium'],
      ['c04', 'update', 'simulant_update', 'sim_07', 'simulant', 'ai_action', 'simulant', 'sim_07', 'low'],
      ['c05', 'update', 'block_update', 'u_alice', 'human', 'direct', 'block', 'blk_12_4_-7', 'low'],
      ['c06', 'login', 'user_action', 'u_alice', 'human', 'direct', 'user', 'u_alice', 'info'],
      ['c07', 'other', 'user_action', 'u_alice', 'human', 'direct', 'user', 'u_alice', 'low'],
      ['c08', 'config_change', 'world_config', 'u_admin', 'human', 'direct', 'world', 'world', 'critical'],
      ['c09', 'system', 'snapshot', 'system', 'system', 'system', 'world', 'world', 'low'],
      ['c10', 'delete', 'block_remove', 'u_mallory', 'human', 'direct', 'block', 'blk_13_4_-7', 'critical'],
      ['c11', 'delete', 'simulant_remove', 'u_alice', 'human', 'direct', 'simulant', 'sim_07', 'medium'],
      // No metadata at all: nobody known, importance info.
      ['c12', 'update', 'block_update', null, null, null, 'block', 'blk_12_4_-7', 'info'],
    ]);
    const where = await db.rows('SELECT source_id, session_id, tags, x, y, z FROM events ORDER BY seq');
    expect(where.map((r) => Object.values(r))).toEqual([
      ['c01', 'sys', [], 1.5, 0, 3],
      ['c02', 's_0003', ['wall', 'north'], 12, 4, -7],
      ['c03', 's_0004', [], 13, 4, -7],
      // Delta-only: the walking simulant is placed by its patch, the recoloured block where it was.
      ['c04', 's_sim_07', [], 2.25, 0, 3.5],
      ['c05', 's_0003', [], 12, 4, -7],
      ['c06', 's_0003', [], null, null, null],
      ['c07', 's_0003', [], null, null, null],
      ['c08', 's_0009', ['physics'], null, null, null],
      ['c09', 'sys', [], null, null, null],
      // Removals: where the entity was last.
      ['c10', 's_night', ['night'], 13, 4, -7],
      ['c11', 's_0003', [], 2.25, 0, 3.5],
      ['c12', null, null, 12, 4, -7],
    ]);
  });

  it('keeps states and patches as given, and the record as raw', async () => {
    const add = await event(db, 'c02');
    expect(add).toMatchObject({ seq: '1', ts: '2026-03-01T10:00:01.000', system: 'descendants', ip: null });
    expect(add).toMatchObject({
      old_state: null,
      new_state: BLK12,
      delta: [{ op: 'add', path: '', value: BLK12 }],
    });
    expect(add).toMatchObject({ src_file: MAIN, src_line: '2', user_agent: null, correlation_id: null });
    expect(add['raw']).toMatchObject({ id: 'c02', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await event(db, 'c01')).toMatchObject({ old_state: null, new_state: SIM7 });
    expect(await event(db, 'c04')).toMatchObject({ old_state: SIM7, new_state: null });
    const recolour = await event(db, 'c05');
    expect(recolour).toMatchObject({ old_state: BLK12, new_state: null });
    expect(recolour['delta']).toEqual([{ op: 'replace', path: '/color', value: '#ff0000' }]);
    expect(await event(db, 'c10')).toMatchObject({ old_state: BLK13, new_state: null, delta: null });
    expect(await event(db, 'c07')).toMatchObject({
      new_state: { action: 'chat', message: 'north wall done' },
    });
    const config = await event(db, 'c08');
    expect([config['old_state'], config['new_state']]).toEqual([
      { name: 'Descendants', gravity: -9.8 },
      { name: 'Descendants', gravity: -4.9 },
    ]);
    expect((await event(db, 'c12'))['new_state']).toEqual({ ...BLK12, color: '#ff0000', type: 'glass' });
  });

  it('keeps snapshots and bookmarks as auxiliary tables with file and line', async () => {
    const [snap] = await db.rows(
      `SELECT id, strftime("timestamp", '%H:%M:%S') AS t, "worldState" AS ws, integrity->>'checksum' AS sum,
        src_file, src_line FROM world_snapshots`,
    );
    expect(snap).toMatchObject({
      id: 'snap_0001',
      t: '10:00:07',
      src_file: join(EXPORT, 'world_snapshots.ndjson'),
      src_line: '1',
    });
    expect(json(snap?.['ws'])).toMatchObject({
      config: { gravity: -4.9 },
      simulants: [{ entityId: 'sim_07' }],
    });
    expect(String(snap?.['sum'])).toMatch(/^[0-9a-f]{64}$/);
    const marks = await db.rows('SELECT id, description, src_line FROM bookmarks');
    expect(marks).toEqual([
      { id: 'bm_1', description: 'north wall started', src_line: '1' },
      { id: 'bm_2', description: 'night-time removal', src_line: '2' },
    ]);
  });
});

describe('descendants: every file form gives the same events', async () => {
  const work = await tempDir();
  const ndjson = await readFile(MAIN, 'utf8');
  const reference = await (await importArchive(EXPORT)).rows(CANONICAL);

  const expectSame = sameEventsAs('descendants', CANONICAL, reference);

  it('the main file alone, and gzipped under a name that says nothing', async () => {
    expect(reference).toHaveLength(12);
    await expectSame(MAIN);
    const gz = join(work, 'export-0301.gz');
    await writeFile(gz, gzipSync(ndjson));
    await expectSame(gz);
  });

  it('a JSON array of the same records', async () => {
    const dir = join(work, 'array');
    await mkdir(dir);
    const records = ndjson.trimEnd().split('\n');
    await writeFile(join(dir, 'world_changes.json'), `[\n${records.join(',\n')}\n]\n`);
    const db = await expectSame(dir);
    expect(await db.rows(`SELECT DISTINCT unit FROM rejects`)).toEqual([]);
  });

  it('a zip with the files at its root', async () => {
    const entries = await Promise.all(
      FILES.map(async (name) => ({ name, data: await readFile(join(EXPORT, name)) })),
    );
    const path = join(work, 'root.zip');
    await writeFile(path, makeZip(entries));
    const db = await expectSame(path);
    expect(await db.count('SELECT count(*) FROM bookmarks')).toBe(2);
    expect(await db.rows(`SELECT DISTINCT src_file FROM events`)).toEqual([
      { src_file: `${path}!world_changes.ndjson` },
    ]);
  });

  it('a zip with one top folder and a gzipped member', async () => {
    const path = join(work, 'folder.zip');
    const snapshots = await readFile(join(EXPORT, 'world_snapshots.ndjson'));
    await writeFile(
      path,
      makeZip([
        { name: 'world/world_changes.ndjson.gz', data: gzipSync(ndjson), store: true },
        { name: 'world/world_snapshots.ndjson', data: snapshots },
      ]),
    );
    const db = await expectSame(path);
    expect(await db.count('SELECT count(*) FROM world_snapshots')).toBe(1);
    expect(await db.count('SELECT count(*) FROM bookmarks')).toBe(0);
  });

  it('--system opens a file that detection cannot place', async () => {
    // Under another name, a first record without newState (a delta-only update) proves nothing.
    const lines = ndjson.trimEnd().split('\n');
    const path = join(work, 'log.jsonl');
    await writeFile(path, [lines[3], ...lines.slice(0, 3), ...lines.slice(4)].join('\n') + '\n');
    await expect(importArchive(path)).rejects.toMatchObject({ code: 'UNKNOWN_FORMAT' });
    const db = await importArchive(path, { system: 'descendants' });
    expect(await db.count('SELECT count(*) FROM events')).toBe(12);
    expect(
      await db.rows(`SELECT source_id, src_line FROM events WHERE source_id IN ('c05', 'c04') ORDER BY seq`),
    ).toEqual([
      { source_id: 'c04', src_line: '5' },
      { source_id: 'c05', src_line: '1' },
    ]);
  });
});

describe('descendants: bad records are rejected with file and line, the rest imports', async () => {
  const bad = join(FIXTURES, 'bad/world_changes.ndjson');
  const db = await importArchive(join(FIXTURES, 'bad'));

  it('rejects broken JSON, a missing change type and a bad time', async () => {
    expect(db.opened.system).toBe('descendants');
    expect(await db.rows('SELECT file, line, unit, reason FROM rejects ORDER BY line')).toEqual([
      { file: bad, line: '2', unit: 'line', reason: 'not valid JSON' },
      { file: bad, line: '3', unit: 'line', reason: 'missing required field "changeType"' },
      { file: bad, line: '4', unit: 'line', reason: 'field "timestamp" is not an ISO 8601 time: yesterday' },
    ]);
    expect(await db.rows('SELECT source_id, src_line FROM events ORDER BY seq')).toEqual([
      { source_id: 'c01', src_line: '1' },
      { source_id: 'c03', src_line: '5' },
    ]);
    expect(await db.rows('SELECT records, rejected FROM archive_info')).toEqual([
      { records: '2', rejected: '3' },
    ]);
  });
});
