import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importArchive, tempDir, sameEventsAs, eventBySource as event } from '../../helpers/archives.js';
import { makeZip } from '../../helpers/zipWriter.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/wedsync');
const EXPORT = join(FIXTURES, 'export');
const FILES = ['audit_logs_archive.ndjson', 'audit_logs.ndjson', 'user_profiles.ndjson'];
const CANONICAL = `SELECT seq, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, system, source_id, action, event_type, actor_id,
  actor_type, actor_role, session_id, ip, user_agent, entity_type, entity_id, old_state, new_state, delta, severity, tags,
  correlation_id, parent_id, rollback_id, x, y, z, src_line FROM events ORDER BY seq`;

const a = (n: number): string => `a0000000-0000-4000-8000-00000000000${n}`;
const b = (n: number): string => `b0000000-0000-4000-8000-00000000000${n}`;
const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
const U3 = '33333333-3333-4333-8333-333333333333';
const U4 = '44444444-4444-4444-8444-444444444444';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('wedsync: a directory with archive, live log and profiles', async () => {
  const db = await importArchive(EXPORT);

  it('is detected without --system and reads both logs as one timeline', async () => {
    expect(db.opened.system).toBe('wedsync');
    expect(await db.count('SELECT count(*) FROM events')).toBe(10);
    expect(await db.count('SELECT count(*) FROM rejects')).toBe(0);
    const files = await db.rows('SELECT path, stream, records FROM import_files ORDER BY rank');
    expect(files).toEqual([
      { path: join(EXPORT, 'audit_logs_archive.ndjson'), stream: 'audit_logs', records: '2' },
      { path: join(EXPORT, 'audit_logs.ndjson'), stream: 'audit_logs', records: '8' },
      { path: join(EXPORT, 'user_profiles.ndjson'), stream: 'user_profiles', records: '5' },
    ]);
  });

  it('orders by time with offsets honoured; ties keep archive before live, then line order', async () => {
    const order = (await db.rows('SELECT source_id FROM events ORDER BY seq')).map((r) => r['source_id']);
    // a2 and b1 share 10:00Z (archive first); b2 is 08:00+02:00 = 06:00Z; b3 (no offset, UTC) and b4 share 07:00Z.
    expect(order).toEqual([a(1), a(2), b(1), b(8), b(2), b(3), b(4), b(5), b(6), b(7)]);
  });

  it('maps a create from the archive, keeping unknown fields in raw', async () => {
    const row = await event(db, a(1));
    expect(row).toMatchObject({
      seq: '0',
      ts: '2026-04-01T09:00:00.000',
      system: 'wedsync',
      action: 'create',
      event_type: 'guest.create',
      actor_id: U1,
      actor_type: 'human',
      actor_role: 'planner',
      ip: '192.0.2.1',
      user_agent: 'Mozilla/5.0 WedSync/2.0',
      entity_type: 'guest',
      entity_id: 'g_1',
      old_state: null,
      new_state: { name: 'Guest 1', diet: 'none', table: 3 },
      delta: null,
      severity: 'info',
      tags: ['archive'],
      src_file: join(EXPORT, 'audit_logs_archive.ndjson'),
      src_line: '1',
      raw: { id: a(1), tenant: 't1', details: { values: { table: 3 } } },
    });
  });

  it('maps an update: old and new values per changed field, the changes as delta', async () => {
    const row = await event(db, b(2));
    expect(row).toMatchObject({
      ts: '2026-05-01T06:00:00.000',
      action: 'update',
      event_type: 'guest.update',
      actor_id: U2,
      actor_role: 'assistant',
      entity_id: 'g_1',
      severity: 'medium',
      tags: null,
      src_file: join(EXPORT, 'audit_logs.ndjson'),
      src_line: '2',
    });
    expect([row['old_state'], row['new_state']]).toEqual([
      { diet: 'vegan', table: 3 },
      { diet: 'vegetarian', table: 5 },
    ]);
    expect(row['delta']).toEqual({ diet: { old: 'vegan', new: 'vegetarian' }, table: { old: 3, new: 5 } });
  });

  it('maps a delete: the last values are the old state', async () => {
    expect(await event(db, b(3))).toMatchObject({
      ts: '2026-05-01T07:00:00.000',
      action: 'delete',
      old_state: { name: 'Guest 1', diet: 'vegetarian', table: 5 },
      new_state: null,
      severity: 'critical',
    });
  });

  it('maps reads, exports and notifications without inventing state', async () => {
    expect(await event(db, b(1))).toMatchObject({
      action: 'read',
      event_type: 'vendor.view',
      actor_id: U3,
      // U3 has two profile rows: the later one counts, and the event is not duplicated.
      actor_role: 'vendor_florist',
      entity_type: 'vendor',
      entity_id: 'v_1',
      old_state: null,
      new_state: null,
    });
    expect(await db.count(`SELECT count(*) FROM events WHERE source_id = '${b(1)}'`)).toBe(1);
    expect(await event(db, b(6))).toMatchObject({ action: 'export', entity_id: null, delta: null });
    expect(await event(db, b(5))).toMatchObject({
      action: 'other',
      event_type: 'wedding.notify',
      actor_id: null,
      actor_type: 'system',
      ip: null,
      user_agent: null,
      entity_type: 'wedding',
      entity_id: 'w_1',
    });
  });

  it('maps logins, a failed login without a user, and a permission change', async () => {
    expect(await event(db, b(4))).toMatchObject({
      action: 'login_failed',
      actor_id: null,
      actor_type: 'service',
      actor_role: null,
      ip: '203.0.113.9',
      user_agent: 'curl/8.0',
      entity_type: 'session',
      entity_id: null,
      severity: 'medium',
    });
    const login = await event(db, b(8));
    expect(login).toMatchObject({ action: 'login', session_id: 's_9', entity_id: 's_9' });
    expect(login['user_agent']).toBe('Mozilla/5.0\n  X-Injected: 1');
    expect(await event(db, b(7))).toMatchObject({
      action: 'permission_change',
      actor_id: U4,
      actor_role: 'admin',
      entity_type: 'user',
      entity_id: U2,
      old_state: { role: 'assistant' },
      new_state: { role: 'planner' },
    });
  });

  it('keeps user_profiles as an auxiliary table with file and line', async () => {
    const profiles = await db.rows(`SELECT id, email, raw->>'role' AS role, src_line FROM user_profiles`);
    expect(profiles).toHaveLength(5);
    expect(profiles[0]).toEqual({ id: U1, email: 'planner@example.org', role: null, src_line: '1' });
    expect(profiles[3]).toEqual({ id: U4, email: 'root@example.org', role: 'admin', src_line: '4' });
    const files = await db.rows('SELECT DISTINCT src_file FROM user_profiles');
    expect(files).toEqual([{ src_file: join(EXPORT, 'user_profiles.ndjson') }]);
  });
});

describe('wedsync: every file form gives the same events', async () => {
  const work = await tempDir();
  const live = join(EXPORT, 'audit_logs.ndjson');
  const csv = await readFile(join(FIXTURES, 'csv/audit_logs.csv'), 'utf8');
  const ndjson = await readFile(live, 'utf8');
  // The live log alone: no archive rows and no profiles, so no roles.
  const reference = await (await importArchive(live)).rows(CANONICAL);

  const expectSame = sameEventsAs('wedsync', CANONICAL, reference);

  it('PostgreSQL CSV of the same records: quoted newline, empty NULLs, quoted empty string, +02 offsets', async () => {
    expect(reference).toHaveLength(8);
    expect(reference.every((r) => r['actor_role'] === null)).toBe(true);
    const db = await expectSame(join(FIXTURES, 'csv/audit_logs.csv'));
    const [row] = await db.rows(
      `SELECT raw->>'user_id' AS uid, raw->>'resource_id' AS rid FROM events WHERE source_id = '${b(4)}'`,
    );
    expect(row).toEqual({ uid: '', rid: null });
  });

  it('a gzipped single file, by its fields when its name says nothing', async () => {
    const path = join(work, 'audit_logs.ndjson.gz');
    await writeFile(path, gzipSync(ndjson));
    await expectSame(path);
    const anonymous = join(work, 'export-2026-05.gz');
    await writeFile(anonymous, gzipSync(csv));
    await expectSame(anonymous);
  });

  it('a JSON array of the same records', async () => {
    const lines = ndjson.trimEnd().split('\n');
    const path = join(work, 'audit_logs.json');
    await writeFile(path, `[\n${lines.join(',\n')}\n]\n`);
    await expectSame(path);
  });

  it('CRLF line ends and a byte-order mark, in NDJSON and in CSV', async () => {
    const dir = join(work, 'crlf-ndjson');
    await mkdir(dir);
    await writeFile(
      join(dir, 'audit_logs.ndjson'),
      Buffer.concat([BOM, Buffer.from(ndjson.replace(/\n/g, '\r\n'))]),
    );
    await expectSame(dir);
    // Only record ends become CRLF: the newline inside the quoted user agent is data.
    const crlfCsv = join(work, 'crlf.csv');
    await writeFile(crlfCsv, Buffer.concat([BOM, Buffer.from(csv.replace(/\n(?! )/g, '\r\n'))]));
    await expectSame(crlfCsv);
  });

  it('a zip with the whole export inside one top folder', async () => {
    const full = await (await importArchive(EXPORT)).rows(CANONICAL);
    const entries = await Promise.all(
      FILES.map(async (name) => ({
        name: `wedsync-export/${name}`,
        data: await readFile(join(EXPORT, name)),
      })),
    );
    const path = join(work, 'wedsync.zip');
    await writeFile(path, makeZip(entries));
    const db = await importArchive(path);
    expect(db.opened.system).toBe('wedsync');
    expect(await db.rows(CANONICAL)).toEqual(full);
    expect(await db.count('SELECT count(*) FROM user_profiles')).toBe(5);
    const [first] = await db.rows('SELECT src_file FROM events ORDER BY seq LIMIT 1');
    expect(first?.['src_file']).toBe(`${path}!wedsync-export/audit_logs_archive.ndjson`);
  });
});

describe('wedsync: bad records are rejected with file and line; the rest imports', () => {
  it('NDJSON: broken JSON, a missing action, a bad time, a non-object', async () => {
    const path = join(FIXTURES, 'bad/audit_logs.ndjson');
    const db = await importArchive(path, { system: 'wedsync' });
    expect(await db.rows('SELECT DISTINCT file, unit FROM rejects')).toEqual([{ file: path, unit: 'line' }]);
    expect(await db.rows('SELECT line, reason FROM rejects ORDER BY line')).toEqual([
      { line: '2', reason: 'not valid JSON' },
      { line: '3', reason: 'missing required field "action"' },
      { line: '4', reason: 'field "created_at" is not an ISO 8601 time: yesterday' },
      { line: '7', reason: 'not a JSON object' },
    ]);
    expect(await db.rows('SELECT source_id, src_line FROM events ORDER BY seq')).toEqual([
      { source_id: 'c0000000-0000-4000-8000-000000000001', src_line: '1' },
      { source_id: 'c0000000-0000-4000-8000-000000000006', src_line: '6' },
    ]);
    expect(await db.rows('SELECT records, rejected FROM archive_info')).toEqual([
      { records: '2', rejected: '4' },
    ]);
  });

  it('CSV: invalid JSON in details, an empty action, an impossible time', async () => {
    const path = join(FIXTURES, 'bad/audit_logs.csv');
    const db = await importArchive(path);
    expect(db.opened.system).toBe('wedsync');
    expect(await db.rows('SELECT line, unit, reason FROM rejects ORDER BY line')).toEqual([
      { line: '2', unit: 'row', reason: 'column "details" is not valid JSON' },
      { line: '3', unit: 'row', reason: 'missing required column value "action"' },
      { line: '4', unit: 'row', reason: 'column "created_at" is not an ISO 8601 time: 2026-05-02 25:61:00' },
    ]);
    expect(await db.count('SELECT count(*) FROM events')).toBe(2);
    expect(await db.rows('SELECT path, records, rejected FROM import_files')).toEqual([
      { path, records: '2', rejected: '3' },
    ]);
  });
});
