import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ChronoscopeError } from '../../../core/src/index.js';
import { sqlString } from '../import/sql.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';

export type DataFormat = 'csv' | 'parquet' | 'ndjson' | 'json';

const COPY_OPTIONS: Record<DataFormat, string> = {
  csv: 'FORMAT csv, HEADER true',
  parquet: 'FORMAT parquet, COMPRESSION zstd',
  ndjson: 'FORMAT json',
  json: 'FORMAT json, ARRAY true',
};

/**
 * Streams a query's result to a file (or stdout) with DuckDB's own writers: rows never pass
 * through JS, so exporting tens of millions of events costs no memory here.
 */
export async function copyOut(
  store: ArchiveStore,
  select: string,
  format: DataFormat,
  out: string | null,
): Promise<void> {
  if (format === 'parquet' && !out) {
    throw new ChronoscopeError('BAD_ARGUMENT', 'parquet is binary: name a file with --out');
  }
  const copy = (target: string): Promise<unknown> =>
    store.userQuery(() =>
      store.conn.run(`COPY (${select}) TO ${sqlString(target)} (${COPY_OPTIONS[format]})`),
    );
  if (out) {
    await copy(out);
    return;
  }
  // DuckDB cannot open /dev/stdout when it is a socket (as under most parent processes): write
  // a private temporary file and stream it, which keeps memory flat at any size.
  const dir = await mkdtemp(join(tmpdir(), 'chronoscope-out-'));
  try {
    const file = join(dir, `result.${format}`);
    await copy(file);
    await pipeline(createReadStream(file), process.stdout, { end: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The canonical events as text formats want them: times as ISO 8601 UTC. */
export function eventsSelect(where: string, format: DataFormat): string {
  const replace = format === 'parquet' ? '' : ` REPLACE (${isoSql('ts')} AS ts)`;
  return `SELECT *${replace} FROM events ${where} ORDER BY seq`;
}

/** A user's SQL as one statement we can wrap in COPY. */
export function singleStatement(sql: string): string {
  const trimmed = sql.trim().replace(/;\s*$/, '');
  if (trimmed === '') throw new ChronoscopeError('BAD_ARGUMENT', 'the SQL is empty');
  return trimmed;
}
