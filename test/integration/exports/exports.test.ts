import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { applyJsonPatch, canonicalJson, parseTimeSpec } from '../../../analysis/core/src/index.js';
import type { EntityState, PatchOp } from '../../../analysis/core/src/index.js';
import {
  exportEvents,
  FINDING_COLUMNS,
  findingRows,
  generateExport,
  ROLLBACK_COLUMNS,
  rollbackPatch,
  rollbackPlan,
  rollbackRows,
  rollbackSql,
  runDetectors,
  STATE_COLUMNS,
  stateRows,
  TimeTravel,
  writeRows,
} from '../../../analysis/engine/src/index.js';
import type { Imported } from '../../helpers/archives.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

/** A fresh DuckDB, apart from the archive's store: what a person would read the file with. */
async function reader(): Promise<{
  rows(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
}> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  return {
    rows: async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    run: async (sql) => void (await conn.run(sql)),
  };
}

async function generated(system: 'qcs' | 'descendants', events: number): Promise<Imported & { dir: string }> {
  const dir = await tempDir();
  await generateExport({ system, events, seed: 5, incidents: true, out: join(dir, system) });
  return { ...(await importArchive(join(dir, system))), dir };
}

describe('data exports round-trip through DuckDB', async () => {
  const qcs = await generated('qcs', 3000);
  const duck = await reader();
  const travel = await TimeTravel.open(qcs.store, { keyframes: 'off' });
  const mid = parseTimeSpec('seq:1500', '--to');

  it('events: CSV and Parquet hold every row and value of the events table', async () => {
    const csv = join(qcs.dir, 'events.csv');
    const parquet = join(qcs.dir, 'events.parquet');
    const seen: number[] = [];
    await exportEvents(qcs.store, {}, 'csv', csv);
    await exportEvents(qcs.store, {}, 'parquet', parquet, (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
    const fingerprint = `count(*) AS n, sum(seq) AS seqs, count(DISTINCT source_id) AS ids,
      md5(string_agg(concat_ws('|', seq, source_id, action, actor_id, entity_id, new_state::VARCHAR), ',' ORDER BY seq)) AS h`;
    const [original] = await qcs.rows(`SELECT ${fingerprint} FROM events`);
    const [fromParquet] = await duck.rows(`SELECT ${fingerprint} FROM read_parquet('${parquet}')`);
    const [fromCsv] = await duck.rows(
      `SELECT ${fingerprint} FROM read_csv('${csv}', types = {'new_state': 'JSON', 'seq': 'BIGINT'})`,
    );
    expect(fromParquet).toEqual(original);
    expect(fromCsv).toEqual(original);
    const [times] = await duck.rows(`SELECT any_value(typeof(ts)) AS t FROM read_parquet('${parquet}')`);
    expect(times?.['t']).toBe('TIMESTAMP WITH TIME ZONE');
    // Rows come out in seq order without an ORDER BY: each file's row i is event i.
    for (const read of [`read_parquet('${parquet}')`, `read_csv('${csv}')`]) {
      const [order] = await duck.rows(
        `SELECT count(*) FILTER (seq <> i) AS misplaced FROM (SELECT seq, row_number() OVER () - 1 AS i FROM ${read})`,
      );
      expect(Number(order?.['misplaced'])).toBe(0);
    }
  });

  it('findings: CSV, Parquet and NDJSON hold analyze --json findings', async () => {
    const { findings } = await runDetectors(qcs.store);
    expect(findings.length).toBeGreaterThan(0);
    for (const format of ['csv', 'parquet', 'ndjson'] as const) {
      const file = join(qcs.dir, `findings.${format}`);
      expect(await writeRows(qcs.store, findingRows(findings), FINDING_COLUMNS, format, file)).toBe(
        findings.length,
      );
      const read =
        format === 'csv'
          ? `read_csv('${file}', types = {'evidence': 'BIGINT[]', 'score': 'DOUBLE'})`
          : format === 'parquet'
            ? `read_parquet('${file}')`
            : `read_json('${file}', format = 'newline_delimited')`;
      const rows = await duck.rows(`SELECT detector, severity, score, actor, evidence FROM ${read}`);
      expect(rows.map((r) => [r['detector'], r['severity'], r['actor'] ?? undefined])).toEqual(
        findings.map((f) => [f.detector, f.severity, f.actor]),
      );
      expect(rows.map((r) => (r['evidence'] as unknown[]).map(Number))).toEqual(
        findings.map((f) => f.evidence),
      );
      expect(rows.map((r) => Number(r['score']))).toEqual(findings.map((f) => f.score));
    }
  });

  it('state at a time: every entity, its flags and its state', async () => {
    const entities = await travel.entitiesAt(1500);
    const file = join(qcs.dir, 'state.parquet');
    await writeRows(qcs.store, stateRows(entities), STATE_COLUMNS, 'parquet', file);
    const csvFile = join(qcs.dir, 'state.csv');
    await writeRows(qcs.store, stateRows(entities), STATE_COLUMNS, 'csv', csvFile);
    for (const read of [`read_parquet('${file}')`, `read_csv('${csvFile}', types = {'state': 'JSON'})`]) {
      const rows = await duck.rows(
        `SELECT entity_type, entity_id, deleted, last_seq, state::VARCHAR AS state FROM ${read}`,
      );
      expect(
        rows.map((r) => [r['entity_type'], r['entity_id'], r['deleted'], Number(r['last_seq'])]),
      ).toEqual(entities.map((e) => [e.entityType, e.entityId, e.deleted, e.lastSeq]));
      expect(rows.map((r) => canonicalJson(JSON.parse(String(r['state']))))).toEqual(
        entities.map((e) => canonicalJson(e.state)),
      );
    }
  });

  it('an empty table still has its columns', async () => {
    const file = join(qcs.dir, 'none.parquet');
    expect(await writeRows(qcs.store, [], FINDING_COLUMNS, 'parquet', file)).toBe(0);
    const cols = await duck.rows(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(cols.map((c) => c['column_name'])).toEqual(FINDING_COLUMNS.map((c) => c.name));
  });

  it("rollback SQL run on the source's tables restores them to the target state", async () => {
    const plan = await rollbackPlan(travel, mid, {});
    expect(plan.changes.map((c) => c.op).sort()).toEqual(
      expect.arrayContaining(['create', 'delete', 'update']),
    );
    const end = await travel.entitiesAt(travel.lastSeq);
    const target = await travel.entitiesAt(1500);
    const sql = rollbackSql(plan, 'qcs', qcs.opened.sha256);
    expect(sql).toMatch(/^BEGIN;$/m);
    expect(sql).toMatch(/^COMMIT;$/m);
    const db = await reader();
    // The tables as the source system holds them now: every live entity at the end.
    const tables = {
      shipment: 'shipments',
      customer: 'customers',
      invoice: 'invoices',
      package: 'packages',
      user: 'users',
      settings: 'settings',
    } as const;
    for (const [type, table] of Object.entries(tables)) {
      const all = [...end, ...target].filter((e) => e.entityType === type);
      const columns = [...new Set(all.flatMap((e) => Object.keys(e.state)))].filter((c) => c !== 'id');
      await db.run(
        `CREATE TABLE "${table}" ("id" VARCHAR PRIMARY KEY${columns.map((c) => `, "${c}" VARCHAR`).join('')})`,
      );
      for (const e of end.filter((x) => x.entityType === type && !x.deleted))
        await db.run(insertSql(table, e));
    }
    await db.run(sql);
    for (const [type, table] of Object.entries(tables)) {
      const want = target
        .filter((e) => e.entityType === type && !e.deleted)
        .map((e) => [e.entityId, textual(e.state)] as const)
        .sort((a, b) => a[0].localeCompare(b[0]));
      const got = (await db.rows(`SELECT * FROM "${table}" ORDER BY id`)).map((r) => {
        const { id, ...rest } = r;
        const state = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
        return [String(id), canonicalJson(state)] as const;
      });
      // Only entities the plan touches are compared: the others were never rolled back.
      const touched = new Set(plan.changes.filter((c) => c.entityType === type).map((c) => c.entityId));
      expect(got.filter(([id]) => touched.has(id))).toEqual(want.filter(([id]) => touched.has(id)));
    }
  });

  it('rollback CSV: one row per change, conflicts beside the change they threaten', async () => {
    const actor = String(
      (
        await qcs.rows(
          `SELECT actor_id FROM events WHERE seq > 1500 AND action = 'update' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        )
      )[0]?.['actor_id'],
    );
    const plan = await rollbackPlan(travel, mid, { actor });
    const file = join(qcs.dir, 'rollback.csv');
    const rows = [...rollbackRows(plan)];
    await writeRows(qcs.store, rows, ROLLBACK_COLUMNS, 'csv', file);
    const back = await duck.rows(
      `SELECT * FROM read_csv('${file}', types = {'conflict_seqs': 'BIGINT[]', 'to_state': 'JSON'})`,
    );
    expect(back.length).toBe(rows.length);
    expect(back.filter((r) => r['op'] !== 'none').length).toBe(plan.changes.length);
    expect(back.filter((r) => r['conflict_kind'] !== null).length).toBe(plan.conflicts.length);
    const first = plan.changes.find((c) => c.to !== null);
    const row = back.find((r) => r['entity_id'] === first?.entityId);
    expect(JSON.parse(String(row?.['to_state']))).toEqual(first?.to);
  });
});

describe('a rollback for a source that is not SQL is a JSON Patch per entity', async () => {
  const desc = await generated('descendants', 3000);
  const travel = await TimeTravel.open(desc.store, { keyframes: 'off' });

  it('turns the end state into the target state', async () => {
    const plan = await rollbackPlan(travel, parseTimeSpec('seq:1000', '--to'), {});
    const doc = rollbackPatch(plan, 'descendants', desc.opened.sha256);
    expect(doc.note).toMatch(/descendants .* not SQL tables/);
    expect(doc.changes.length).toBe(plan.changes.length);
    const end = new Map((await travel.entitiesAt(travel.lastSeq)).map((e) => [key(e), e]));
    const target = new Map((await travel.entitiesAt(1000)).map((e) => [key(e), e]));
    for (const c of doc.changes) {
      const k = `${c.entityType}:${c.entityId}`;
      const now = end.get(k);
      const before = now && !now.deleted ? now.state : null;
      // Removing the whole document is how the patch says the entity goes.
      if (c.op === 'delete') expect(c.patch).toEqual([{ op: 'remove', path: '' }]);
      const after = c.op === 'delete' ? null : applyJsonPatch(before, c.patch as PatchOp[]);
      const want = target.get(k);
      expect(after, k).toEqual(want && !want.deleted ? want.state : null);
    }
  });
});

function key(e: EntityState): string {
  return `${e.entityType}:${e.entityId}`;
}

/** A state as VARCHAR columns hold it: strings as they are, other values as JSON text. */
function textual(state: Record<string, unknown>): string {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(state)) {
    if (k === 'id' || v === null) continue;
    out[k] = typeof v === 'string' ? v : typeof v === 'object' ? canonicalJson(v) : String(v);
  }
  return canonicalJson(out);
}

function insertSql(table: string, e: EntityState): string {
  const cols = Object.keys(e.state).filter((c) => c !== 'id');
  const lit = (v: unknown): string =>
    v === null || v === undefined
      ? 'NULL'
      : `'${(typeof v === 'string' ? v : typeof v === 'object' ? canonicalJson(v) : String(v)).replace(/'/g, "''")}'`;
  return `INSERT INTO "${table}" ("id"${cols.map((c) => `, "${c}"`).join('')}) VALUES (${lit(e.entityId)}${cols.map((c) => `, ${lit(e.state[c])}`).join('')})`;
}
