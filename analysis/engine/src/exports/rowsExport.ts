import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ChronoscopeError } from '../../../core/src/index.js';
import { copyOut } from '../queries/copyOut.js';
import { sqlString } from '../import/sql.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';

/** The formats a table of rows computed in JS (findings, states, a rollback plan) can take. */
export type RowFormat = 'csv' | 'parquet' | 'ndjson';

/** A column of such a table, with the DuckDB type its writers should give it. */
export interface RowColumn {
  name: string;
  type: 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'JSON' | 'BIGINT[]' | 'TIMESTAMPTZ';
}

/**
 * Writes rows that exist only in JS as CSV, Parquet or NDJSON. NDJSON is written as it comes;
 * CSV and Parquet go through a private NDJSON file that DuckDB's own writers read with the
 * declared column types, so quoting, nulls and Parquet's types are DuckDB's and agree with
 * the events export, and memory stays flat however many rows there are.
 */
export async function writeRows(
  store: ArchiveStore,
  rows: Iterable<Record<string, unknown>>,
  columns: readonly RowColumn[],
  format: RowFormat,
  out: string | null,
): Promise<number> {
  if (format === 'parquet' && !out) {
    throw new ChronoscopeError('BAD_ARGUMENT', 'parquet is binary: name a file with --out');
  }
  if (format === 'ndjson') {
    if (out) return writeNdjsonFile(rows, columns, out);
    return writeNdjson(rows, columns, process.stdout, false);
  }
  const dir = await mkdtemp(join(tmpdir(), 'chronoscope-rows-'));
  try {
    const staged = join(dir, 'rows.ndjson');
    const count = await writeNdjsonFile(rows, columns, staged);
    const spec = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    // An empty file has no rows for read_json to type: select none from a typed empty relation.
    const select =
      count === 0
        ? `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS "${c.name}"`).join(', ')} WHERE false`
        : `SELECT ${names} FROM read_json(${sqlString(staged)}, format = 'newline_delimited', columns = {${spec}})`;
    await copyOut(store, select, format, out);
    return count;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeNdjsonFile(
  rows: Iterable<Record<string, unknown>>,
  columns: readonly RowColumn[],
  path: string,
): Promise<number> {
  const stream = createWriteStream(path);
  const count = await writeNdjson(rows, columns, stream, true);
  return count;
}

/** One JSON object a line, members in column order; JSON columns hold their value, not text. */
async function writeNdjson(
  rows: Iterable<Record<string, unknown>>,
  columns: readonly RowColumn[],
  stream: Writable,
  end: boolean,
): Promise<number> {
  let count = 0;
  let chunk = '';
  const flush = async (): Promise<void> => {
    if (chunk !== '' && !stream.write(chunk)) await once(stream, 'drain');
    chunk = '';
  };
  for (const row of rows) {
    const ordered: Record<string, unknown> = {};
    for (const c of columns) ordered[c.name] = row[c.name] ?? null;
    chunk += `${JSON.stringify(ordered)}\n`;
    count++;
    if (chunk.length > 1 << 16) await flush();
  }
  await flush();
  if (end) {
    stream.end();
    await once(stream, 'finish');
  }
  return count;
}
