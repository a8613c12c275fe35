import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_COLUMNS } from '../../../core/src/index.js';
import type { SystemId } from '../../../core/src/index.js';
import { sourceTableName } from './recordTables.js';
import { sqlString } from './sql.js';
import type { StagedFile, TableSpec } from './tableSpec.js';

const COLUMN_LIST = EVENT_COLUMNS.filter((c) => c.name !== 'seq')
  .map((c) => c.name)
  .join(', ');

/**
 * The canonical `events` table in its final order: `seq` is 0-based by time, ties in source
 * order (file, then line, then position inside a record such as a block's events).
 *
 * Rows live in `event_rows`, stored in `seq` order, and `events` is a view that numbers them
 * by position. Exports are almost always written in time order already: then the staged rows
 * are kept as they are, and the sort (a second copy of every state and raw record) is skipped.
 */
export async function orderEvents(conn: DuckDBConnection): Promise<void> {
  if (await inSourceOrder(conn)) {
    await conn.run(`ALTER TABLE events_stage RENAME TO event_rows`);
  } else {
    await conn.run(
      `CREATE TABLE event_rows AS SELECT * FROM events_stage ORDER BY ts, _rank, src_line, _sub`,
    );
    await conn.run(`DROP TABLE events_stage`);
  }
  await conn.run(`CREATE VIEW events AS SELECT rowid AS seq, ${COLUMN_LIST} FROM event_rows`);
}

/** Whether the staged rows already stand in (ts, file, line, position) order. */
async function inSourceOrder(conn: DuckDBConnection): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT count(*) AS breaks FROM (
      SELECT ts, _rank, src_line, _sub, lag(ts) OVER () AS p_ts, lag(_rank) OVER () AS p_rank,
        lag(src_line) OVER () AS p_line, lag(_sub) OVER () AS p_sub
      FROM events_stage)
    WHERE ts IS NULL OR ts < p_ts OR (ts = p_ts AND (_rank < p_rank OR (_rank = p_rank
      AND (src_line < p_line OR (src_line = p_line AND _sub < p_sub)))))`);
  return Number(reader.getRowObjectsJS()[0]?.['breaks'] ?? 1) === 0;
}

export async function collectRejects(conn: DuckDBConnection, tables: readonly TableSpec[]): Promise<void> {
  await conn.run(`INSERT INTO rejects SELECT * FROM stage_rejects`);
  await conn.run(`DROP TABLE stage_rejects`);
  for (const spec of tables.filter((t) => t.shape === 'records')) {
    await conn.run(
      `INSERT INTO rejects SELECT _file, _line, _unit, _reject, _excerpt FROM ${sourceTableName(spec)} WHERE _reject IS NOT NULL`,
    );
  }
}

export interface ArchiveIdentity {
  system: SystemId;
  path: string;
  kind: string;
  sha256: string;
  bytes: number;
  importMs: number;
  version: string;
}

/** What the archive was and what came of each file: read by `inspect` and shown in the studio. */
export async function writeArchiveTables(
  conn: DuckDBConnection,
  identity: ArchiveIdentity,
  staged: readonly StagedFile[],
  ignored: readonly string[],
  tables: readonly TableSpec[],
): Promise<void> {
  await conn.run(`CREATE TABLE import_files (path VARCHAR, stream VARCHAR, format VARCHAR, rank INTEGER, bytes BIGINT,
    records BIGINT, rejected BIGINT, truncated VARCHAR)`);
  for (const file of staged) {
    const spec = tables.find((t) => t.name === file.table);
    const recordsSql =
      spec?.shape === 'records'
        ? `(SELECT count(*) FROM ${sourceTableName(spec)} WHERE _rank = ${file.rank} AND _reject IS NULL)`
        : `(SELECT count(*) FROM events WHERE src_file = ${sqlString(file.display)})`;
    await conn.run(`INSERT INTO import_files VALUES (${sqlString(file.display)}, ${sqlString(file.table)},
      ${sqlString(file.format)}, ${file.rank}, ${file.bytes}, ${recordsSql},
      (SELECT count(*) FROM rejects WHERE file = ${sqlString(file.display)}),
      ${file.truncated ? sqlString(file.truncated) : 'NULL'})`);
  }
  for (const path of ignored) {
    await conn.run(
      `INSERT INTO import_files VALUES (${sqlString(path)}, NULL, 'not analysed', NULL, NULL, 0, 0, NULL)`,
    );
  }
  await conn.run(`CREATE TABLE archive_info AS SELECT
    ${sqlString(identity.system)} AS system, ${sqlString(identity.path)} AS path, ${sqlString(identity.kind)} AS kind,
    ${sqlString(identity.sha256)} AS sha256, ${identity.bytes}::BIGINT AS bytes, now() AS imported_at,
    ${identity.importMs}::BIGINT AS import_ms, ${sqlString(identity.version)} AS chronoscope_version,
    (SELECT count(*) FROM events) AS records, (SELECT count(*) FROM rejects) AS rejected,
    (SELECT min(ts) FROM events) AS time_from, (SELECT max(ts) FROM events) AS time_to`);
  for (const spec of tables.filter((t) => t.shape === 'records')) {
    await conn.run(`DROP VIEW rec_${spec.name}`);
    await conn.run(`DROP TABLE ${sourceTableName(spec)}`);
  }
}
