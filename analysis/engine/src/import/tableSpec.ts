/**
 * What an adapter declares about each table of its export. The import turns every file of
 * a table, whatever its form (NDJSON, JSON array, PostgreSQL CSV, gzipped or zipped), into
 * one DuckDB table `src_<name>` with these typed columns, so adapters map records with SQL
 * and never parse a file themselves.
 */
export type ColumnKind = 'text' | 'json' | 'int' | 'float' | 'timestamp' | 'textArray' | 'bool';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** A record without it is rejected with the column named. */
  required?: boolean;
}

export interface TableSpec {
  /** The stream name (`world_changes`, `comprehensive_audit_log`): also `src_<name>`. */
  name: string;
  /** File stems that hold this table, in source order (`audit_logs_archive`, `audit_logs`). */
  stems: readonly string[];
  required: boolean;
  /** `records`: one record per line/row/array element. `document`: one JSON document the adapter reads itself. */
  shape: 'records' | 'document';
  columns: readonly ColumnSpec[];
}

export type StagedFormat = 'ndjson-direct' | 'ndjson-numbered' | 'csv' | 'json-array' | 'json-document';

/** A table file ready for DuckDB: a path it may read, and how. */
export interface StagedFile {
  table: string;
  format: StagedFormat;
  /** What DuckDB reads: the evidence itself when it is plain and clean, else a staged copy. */
  path: string;
  /** The file as the user names it, for every message and the `src_file` column. */
  display: string;
  /** Source order across the files of the import (ties in time keep it). */
  rank: number;
  bytes: number;
  /** Its lines, when the fingerprint counted them (a plain file): the size of its records. */
  lines?: number;
  /** Set when the file ended early (truncated gzip or zip member): what was read is kept. */
  truncated?: string;
}

/** Where in its file a reject sits: an NDJSON line, a CSV data row, or a JSON array element. */
export type RejectUnit = 'line' | 'row' | 'record';

export interface Reject {
  file: string;
  line: number;
  unit: RejectUnit;
  reason: string;
  excerpt?: string;
}
