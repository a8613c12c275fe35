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
 */
export async function orderEvents(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE events AS
    SELECT (row_number() OVER (ORDER BY ts, _rank, src_line, _sub) - 1)::BIGINT AS seq, ${COLUMN_LIST}
    FROM events_stage ORDER BY seq`);
  await conn.run(`DROP TABLE events_stage`);
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
