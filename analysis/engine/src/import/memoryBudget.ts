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
  const largest = documents.reduce<StagedFile | null>((a, f) => (a && a.bytes >= f.bytes ? a : f), null);
  if (!largest) return BASE_MEMORY_BYTES;
  const wanted = Math.max(BASE_MEMORY_BYTES, largest.bytes * DOCUMENT_FACTOR + BASE_MEMORY_BYTES / 2);
  const cap = Math.floor(totalmem() * MACHINE_SHARE);
  if (wanted > cap) {
    throw new ChronoscopeError(
      'UNREADABLE',
      `${largest.display}: a ${gib(largest.bytes)} JSON document needs about ${gib(wanted)} of memory to read, more than this machine can give (${gib(cap)})`,
      { file: largest.display },
    );
  }
  return wanted;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
