import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { ChronoscopeError } from '../../../core/src/index.js';
import { openDuck } from './duck.js';

export type Row = Record<string, unknown>;

/**
 * An imported archive, open read-only: several commands (and the studio) may read the same
 * cache at once, and nothing a query does can change what was imported.
 */
export class ArchiveStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    readonly dbPath: string,
  ) {}

  static async open(dbPath: string): Promise<ArchiveStore> {
    const { instance, conn } = await openDuck(dbPath, { readOnly: true });
    return new ArchiveStore(instance, conn, dbPath);
  }

  /** Rows as plain JS values: BIGINT as bigint, timestamps as DuckDB values (format them in SQL). */
  async all(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Row[];
  }

  /** Rows as JSON-safe values (BIGINT as number when safe, timestamps as text). */
  async json(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Row[];
  }

  /** User-written SQL: failures are the user's to fix, so they come back as QUERY_FAILED with DuckDB's words. */
  async userQuery<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ChronoscopeError) throw err;
      throw new ChronoscopeError('QUERY_FAILED', (err as Error).message.split('\n').slice(0, 3).join(' '));
    }
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** `ts` as ISO 8601 UTC with milliseconds, the form every JSON output of Chronoscope uses. */
export function isoSql(expr: string): string {
  return `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}
