import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importArchive, tempDir, parseJson as json, sameEventsAs } from '../../helpers/archives.js';
import { makeZip } from '../../helpers/zipWriter.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/robot-cycles');
const EXPORT = join(FIXTURES, 'export');
const CSV = join(EXPORT, 'audit_logs.csv');
const CANONICAL = `SELECT seq, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts, system, source_id, action, event_type, actor_id,
  actor_type, actor_role, session_id, ip, user_agent, entity_type, entity_id, old_state, new_state, delta, severity, tags,
  correlation_id, parent_id, rollback_id, x, y, z, src_line FROM events ORDER BY seq`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Every event in `seq` order: who did what to which entity, as sources.md §5 maps it. */
const MAPPING = [
  // source_id, event_type, action, actor_id, actor_type, entity_type, entity_id
  ['1:1', 'cycle_start', 'system', 'system', 'system', 'cycle', '1'],
  ['1:2', 'battle_complete', 'other', 'system', 'system', 'battle', 'b1_0'],
  ['1:3', 'credit_change', 'update', '101', 'human', 'user', '101'],
  ['1:4', 'prestige_change', 'update', '101', 'human', 'user', '101'],
  ['1:5', 'robot_repair', 'update', '101', 'human', 'robot', '501'],
  ['1:6', 'credit_change', 'update', '101', 'human', 'user', '101'],
  ['1:7', 'attribute_upgrade', 'update', '102', 'human', 'robot', '502'],
  ['1:8', 'league_change', 'update', '102', 'human', 'robot', '502'],
  ['1:9', 'weapon_purchase', 'update', '102', 'human', 'user', '102'],
  ['1:10', 'weapon_sale', 'update', '102', 'human', 'user', '102'],
  ['1:11', 'facility_purchase', 'update', '103', 'human', 'user', '103'],
  ['1:12', 'passive_income', 'update', '103', 'human', 'user', '103'],
  ['1:13', 'operating_costs', 'update', '103', 'human', 'user', '103'],
  ['1:14', 'tournament_match', 'other', 'system', 'system', 'battle', 't1_m1'],
  ['1:15', 'tournament_complete', 'other', 'system', 'system', 'tournament', 't1'],
  ['1:16', 'tag_team_battle', 'other', 'system', 'system', 'battle', 'tt1'],
  ['1:17', 'cycle_complete', 'system', 'system', 'system', 'cycle', '1'],
  ['2:1', 'cycle_start', 'system', 'system', 'system', 'cycle', '2'],
  // 2:4 is stamped before 2:2; 2:2 and 2:3 share a time and keep their file order.
  ['2:4', 'cycle_step_complete', 'system', 'system', 'system', 'cycle', '2'],
  ['2:2', 'facility_upgrade', 'update', '103', 'human', 'user', '103'],
  // An event type the spec does not list lands on the subject its row names.
  ['2:3', 'mystery_event', 'other', 'system', 'system', 'robot', '503'],
];

/** [old_state, new_state] of the events whose state is derived from the payload. */
const STATES: Record<string, [unknown, unknown]> = {
  '1:3': [null, { balance: 51000 }],
  '1:4': [null, { prestige: 5 }],
  '1:5': [null, { hp: 100 }],
  '1:6': [null, { balance: 50580 }],
  '1:7': [{ armor: 3 }, { armor: 4 }],
  '1:8': [{ league: 'bronze' }, { league: 'silver' }],
  '1:12': [null, { balance: 49150 }],
  '1:13': [null, { balance: 49075 }],
  // Purchases and sales change no state of the user themselves: the credit_change after them does.
  '1:9': [null, null],
  '1:10': [null, null],
  '1:11': [null, null],
  '2:2': [null, null],
};

describe('robot-cycles: a directory with the event log and cycle snapshots', async () => {
  const db = await importArchive(EXPORT);
  const events = await db.rows(
    `SELECT *, strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS at FROM events ORDER BY seq`,
  );
  const bySource = new Map(events.map((e) => [String(e['source_id']), e]));

  it('is detected without --system and keeps every record', async () => {
    expect(db.opened.system).toBe('robot-cycles');
    expect(events).toHaveLength(21);
    expect(await db.count('SELECT count(*) FROM rejects')).toBe(0);
  });

  it('orders by time, ties in file order, and maps action, actor and entity of each event type', () => {
    const keys = ['source_id', 'event_type', 'action', 'actor_id', 'actor_type', 'entity_type', 'entity_id'];
    expect(events.map((e) => keys.map((k) => e[k]))).toEqual(MAPPING);
    expect(events.map((e) => e['seq'])).toEqual(events.map((_, i) => String(i)));
  });

  it('maps a credit change with every canonical column', () => {
    const row = bySource.get('1:3') as Record<string, unknown>;
    expect(row).toMatchObject({
      seq: '2',
      at: '2026-05-04T06:00:01.000',
      system: 'robot-cycles',
      actor_role: null,
      session_id: null,
      ip: null,
      old_state: null,
      severity: 'info',
      tags: ['cycle:1'],
      correlation_id: null,
      src_file: CSV,
      src_line: '3',
    });
    expect(json(row['delta'])).toEqual({ amount: 1000, balanceAfter: 51000, reason: 'battle_win' });
    // The metadata cell held a quoted newline (JSON whitespace): the record is intact.
    expect(json(row['raw'])).toMatchObject({ cycle_number: '1', metadata: { calc: 'award' } });
  });

  it('derives partial states from the payloads; the delta is always the payload', () => {
    for (const [id, [before, after]] of Object.entries(STATES)) {
      const row = bySource.get(id);
      expect([json(row?.['old_state']), json(row?.['new_state'])], id).toEqual([before, after]);
    }
    for (const row of events) {
      const id = String(row['source_id']);
      expect(json(row['delta']), id).toEqual((json(row['raw']) as { payload: unknown }).payload);
      if (!(id in STATES)) expect(row['new_state'], id).toEqual(row['delta']);
    }
    expect(bySource.get('2:2')?.['tags']).toEqual(['cycle:2']);
    expect(bySource.get('1:6')?.['at']).toBe('2026-05-04T06:00:03.500');
  });

  it('keeps the whole payload as a battle state: the hit points of both robots come from it', () => {
    expect(json(bySource.get('1:2')?.['new_state'])).toMatchObject({
      robot1Id: 501,
      robot1HpAfter: 63,
      robot2Id: 502,
      robot2HpAfter: 0,
    });
  });

  it('keeps cycle_snapshots as an auxiliary table with file and line', async () => {
    const [snap] =
      await db.rows(`SELECT cycle_number, trigger_type, strftime(end_time, '%H:%M:%S') AS ended, duration_ms,
      total_battles, total_credits_transacted, total_prestige_awarded, stable_metrics->'101'->>'balance' AS balance,
      src_file, src_line FROM cycle_snapshots`);
    expect(snap).toEqual({
      cycle_number: '1',
      trigger_type: 'scheduled',
      ended: '06:00:14',
      duration_ms: '14000',
      total_battles: '1',
      total_credits_transacted: '1420',
      total_prestige_awarded: '5',
      balance: '50580',
      src_file: join(EXPORT, 'cycle_snapshots.csv'),
      src_line: '1',
    });
  });
});

describe('robot-cycles: every file form gives the same events', async () => {
  const work = await tempDir();
  const csv = await readFile(CSV, 'utf8');
  const reference = await (await importArchive(EXPORT)).rows(CANONICAL);

  const expectSame = sameEventsAs('robot-cycles', CANONICAL, reference);

  it('a single main-table CSV file', async () => {
    await expectSame(CSV);
  });

  it('NDJSON of the same records (numbers where the CSV has text)', async () => {
    await expectSame(join(FIXTURES, 'ndjson/audit_logs.ndjson'));
  });

  it('NDJSON whose jsonb columns were exported as JSON strings holding the JSON text', async () => {
    const lines = (await readFile(join(FIXTURES, 'ndjson/audit_logs.ndjson'), 'utf8')).trimEnd().split('\n');
    const stringly = lines.map((line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ ...record, payload: JSON.stringify(record['payload']) });
    });
    const dir = join(work, 'stringly');
    await mkdir(dir);
    await writeFile(join(dir, 'audit_logs.jsonl'), stringly.join('\n') + '\n');
    await expectSame(dir);
  });

  it('audit_logs.csv.gz alone', async () => {
    const path = join(work, 'audit_logs.csv.gz');
    await writeFile(path, gzipSync(csv));
    const db = await expectSame(path);
    expect(await db.rows('SELECT path, stream, format FROM import_files')).toEqual([
      { path, stream: 'audit_logs', format: 'csv' },
    ]);
  });

  it('a zip with the export inside one top folder', async () => {
    const entries = await Promise.all(
      ['audit_logs.csv', 'cycle_snapshots.csv'].map(async (name) => ({
        name: `robot-export/${name}`,
        data: await readFile(join(EXPORT, name)),
      })),
    );
    const path = join(work, 'robots.zip');
    await writeFile(path, makeZip(entries));
    const db = await expectSame(path);
    expect(await db.count('SELECT count(*) FROM cycle_snapshots')).toBe(1);
    const [first] = await db.rows('SELECT src_file FROM events ORDER BY seq LIMIT 1');
    expect(first?.['src_file']).toBe(`${path}!robot-export/audit_logs.csv`);
  });

  it('CRLF line ends and a byte-order mark', async () => {
    const dir = join(work, 'crlf');
    await mkdir(dir);
    // Only record ends become CRLF: the newline inside the quoted metadata is data.
    await writeFile(
      join(dir, 'audit_logs.csv'),
      Buffer.concat([BOM, Buffer.from(csv.replace(/\n(?! )/g, '\r\n'))]),
    );
    await expectSame(dir);
  });
});

describe('robot-cycles: bad records and detection', () => {
  it('rejects invalid JSON, a missing sequence number, a bad time and a non-integer, with their rows', async () => {
    const path = join(FIXTURES, 'bad/audit_logs.csv');
    const db = await importArchive(path);
    expect(db.opened.system).toBe('robot-cycles');
    expect(await db.rows('SELECT DISTINCT file, unit FROM rejects')).toEqual([{ file: path, unit: 'row' }]);
    expect(await db.rows('SELECT line, reason FROM rejects ORDER BY line')).toEqual([
      { line: '2', reason: 'column "payload" is not valid JSON' },
      { line: '3', reason: 'missing required column value "sequence_number"' },
      { line: '4', reason: 'column "event_timestamp" is not an ISO 8601 time: not a time' },
      { line: '5', reason: 'column "sequence_number" is not an integer: five' },
    ]);
    expect(await db.rows('SELECT source_id, src_line FROM events ORDER BY seq')).toEqual([
      { source_id: '1:1', src_line: '1' },
      { source_id: '1:6', src_line: '6' },
    ]);
    expect(await db.rows('SELECT records, rejected FROM archive_info')).toEqual([
      { records: '2', rejected: '4' },
    ]);
  });

  it('tells robot-cycles from wedsync by the fields of their shared audit_logs', async () => {
    const wedsync = join(import.meta.dirname, '../../fixtures/wedsync');
    expect((await importArchive(EXPORT)).opened.system).toBe('robot-cycles');
    expect((await importArchive(join(wedsync, 'export'))).opened.system).toBe('wedsync');
    expect((await importArchive(join(wedsync, 'csv/audit_logs.csv'))).opened.system).toBe('wedsync');
    const work = await tempDir();
    const renamed = join(work, 'events.csv');
    await writeFile(renamed, await readFile(CSV));
    expect((await importArchive(renamed)).opened.system).toBe('robot-cycles');
  });

  it('lets --system override detection, and says what the file lacks', async () => {
    await expect(importArchive(CSV, { system: 'wedsync' })).rejects.toThrow(
      /lacks required column\(s\) action, created_at/,
    );
  });
});
