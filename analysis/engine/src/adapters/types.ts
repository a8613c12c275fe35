import type { SystemId } from '../../../core/src/index.js';
import type { TableSpec } from '../import/tableSpec.js';

/** What the adapter is given to write its SQL against. */
export interface AdapterContext {
  /** The view of accepted records of a table: `rec_<name>`, with `_file, _rank, _line, _raw` and the spec's columns. */
  records(table: string): string;
  /** Whether any file of that table was present in the export. */
  has(table: string): boolean;
  /**
   * For `document` tables: the staged files DuckDB may read, with how to name them in messages
   * and their decoded size (DuckDB's JSON reader buffers twice `maximum_object_size`, so it is sized to fit).
   */
  documents(table: string): { path: string; display: string; rank: number; bytes: number }[];
}

/**
 * One source system. An adapter declares its tables; the import turns any form of them into
 * typed record tables, then runs the adapter's SQL to fill the canonical `events` table and
 * its auxiliary tables. To add a system, write one of these and register it in `registry.ts`.
 */
export interface SourceAdapter {
  id: SystemId;
  /** Its tables in source order: ties in time keep this order, then the line order. */
  tables: readonly TableSpec[];
  /**
   * How sure we are that files with these names and fields are this system's: 0 (no) to 1.
   * `fields` maps each file's stem to the field (or CSV column) names seen in its head.
   */
  detect(files: ReadonlyMap<string, readonly string[]>): number;
  /**
   * Statements run in order against the loaded record tables. Together they must create
   * `events_stage` rows: the canonical columns except `seq`, plus `_rank, _line, _sub` for
   * order, and may create the system's auxiliary tables.
   */
  mapSql(ctx: AdapterContext): string[];
  /** Records that the SQL itself refused (e.g. events inside a block): `(file, line, unit, reason, excerpt)` rows. */
  rejectsSql?(ctx: AdapterContext): string[];
}

/** Columns of `events_stage`: the canonical ones bar `seq`, plus what fixes source order. */
export const EVENTS_STAGE_SQL = `CREATE TABLE events_stage (
  ts TIMESTAMPTZ, system VARCHAR, source_id VARCHAR, action VARCHAR, event_type VARCHAR,
  actor_id VARCHAR, actor_type VARCHAR, actor_role VARCHAR, session_id VARCHAR, ip VARCHAR, user_agent VARCHAR,
  entity_type VARCHAR, entity_id VARCHAR, old_state JSON, new_state JSON, delta JSON, severity VARCHAR,
  tags VARCHAR[], correlation_id VARCHAR, parent_id VARCHAR, rollback_id VARCHAR, x DOUBLE, y DOUBLE, z DOUBLE,
  raw JSON, src_file VARCHAR, src_line BIGINT, _rank INTEGER, _sub INTEGER)`;
