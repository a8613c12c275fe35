import { totalmem } from 'node:os';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { StagedFile, TableSpec } from './tableSpec.js';

/** DuckDB's memory for everything but a whole-document JSON read. */
export const BASE_MEMORY_BYTES = 1024 ** 3;
/** DuckDB's JSON reader holds about five times a document's size while it parses it whole. */
const DOCUMENT_FACTOR = 6;
/** Never ask for more than this share of the machine. */
const MACHINE_SHARE = 0.6;

/**
 * The DuckDB memory limit an import needs. Record files stream in bounded memory; a table
 * that is one JSON document (blockchain's chain.json) is parsed whole, so the limit grows
 * with the largest such document, up to a share of the machine, and past that the import
 * says so plainly instead of failing deep inside DuckDB.
 */
export function memoryLimitFor(staged: readonly StagedFile[], tables: readonly TableSpec[]): number {
  const documents = staged.filter((f) => tables.find((t) => t.name === f.table)?.shape === 'document');
  const records = recordsMemoryFor(staged.filter((f) => !documents.includes(f)));
  const largest = documents.reduce<StagedFile | null>((a, f) => (a && a.bytes >= f.bytes ? a : f), null);
  if (!largest) return records;
  const wanted = Math.max(BASE_MEMORY_BYTES, largest.bytes * DOCUMENT_FACTOR + BASE_MEMORY_BYTES / 2);
  const cap = Math.floor(totalmem() * MACHINE_SHARE);
  if (wanted > cap) {
    throw new ChronoscopeError(
      'UNREADABLE',
      `${largest.display}: a ${gib(largest.bytes)} JSON document needs about ${gib(wanted)} of memory to read, more than this machine can give (${gib(cap)})`,
      { file: largest.display },
    );
  }
  return Math.max(wanted, records);
}

/** Rows DuckDB moves together: its JSON functions keep every parsed document of a vector. */
const VECTOR_ROWS = 2048;
/** What a vector of JSON records costs while parsed, against its text (measured: 250 MB of world snapshots needed 3 GB). */
const PARSED_FACTOR = 8;
/** A record size assumed when a staged copy's lines were not counted. */
const UNCOUNTED_RECORD_BYTES = 64 * 1024;

/**
 * The memory limit record files need. They stream, but DuckDB's JSON functions parse a
 * vector of 2,048 records at once and hold them until the vector is done: a file of large
 * records (descendants' world snapshots, 250 MB in 1,975 lines at 10 million events) ran
 * out of the base gigabyte in one vector. Each file's vector is sized from its average
 * record; the limit grows with the largest, up to the machine's share (a limit is a ceiling,
 * not a reservation: ordinary files of small records keep the base).
 */
export function recordsMemoryFor(files: readonly StagedFile[]): number {
  let vector = 0;
  for (const f of files) {
    const record = f.lines ? f.bytes / f.lines : UNCOUNTED_RECORD_BYTES;
    vector = Math.max(vector, Math.min(f.bytes, VECTOR_ROWS * record));
  }
  return Math.min(Math.floor(totalmem() * MACHINE_SHARE), BASE_MEMORY_BYTES + PARSED_FACTOR * vector);
}

export function memoryLimitSql(bytes: number): string {
  return `SET memory_limit = '${Math.ceil(bytes / 1024 ** 2)}MB'`;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
