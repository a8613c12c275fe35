import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { Reject } from './tableSpec.js';

const COLUMNS = '(file VARCHAR, line BIGINT, unit VARCHAR, reason VARCHAR, excerpt VARCHAR)';
/** Every refused record of the import, with where it was and why. */
export const REJECTS_TABLE_SQL = `CREATE TABLE rejects ${COLUMNS}`;
/** What staging refused, appended while SQL inserts into `rejects`: kept apart until the end. */
export const STAGE_REJECTS_TABLE_SQL = `CREATE TABLE stage_rejects ${COLUMNS}`;

/**
 * Rejects found while staging (bad bytes, overlong lines) go straight into DuckDB, so a file
 * of a million bad lines costs disk, not memory.
 */
export class RejectSink {
  private appender: DuckDBAppender | null = null;
  count = 0;

  constructor(private readonly conn: DuckDBConnection) {}

  async open(): Promise<void> {
    this.appender = await this.conn.createAppender('stage_rejects');
  }

  add(reject: Reject): void {
    const a = this.appender;
    if (!a) throw new Error('RejectSink used before open()');
    a.appendVarchar(reject.file);
    a.appendBigInt(BigInt(reject.line));
    a.appendVarchar(reject.unit);
    a.appendVarchar(reject.reason);
    if (reject.excerpt === undefined) a.appendNull();
    else a.appendVarchar(reject.excerpt);
    a.endRow();
    this.count++;
  }

  close(): void {
    this.appender?.closeSync();
    this.appender = null;
  }
}
