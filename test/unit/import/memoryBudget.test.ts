import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  BASE_MEMORY_BYTES,
  memoryLimitFor,
  recordsMemoryFor,
} from '../../../analysis/engine/src/import/memoryBudget.js';
import type { StagedFile, TableSpec } from '../../../analysis/engine/src/import/tableSpec.js';

const MB = 1024 ** 2;
const file = (table: string, bytes: number, lines?: number): StagedFile => ({
  table,
  format: 'ndjson-direct',
  path: `/x/${table}`,
  display: table,
  rank: 0,
  bytes,
  ...(lines === undefined ? {} : { lines }),
});

describe('import memory budget', () => {
  it('keeps the base for files of small records, however large', () => {
    // 5.6 GB of 560-byte changes: a vector of 2,048 of them is about a megabyte.
    expect(recordsMemoryFor([file('changes', 5600 * MB, 10_000_000)])).toBeLessThan(
      BASE_MEMORY_BYTES + 16 * MB,
    );
  });

  it('grows with a file of large records, whose one vector holds the whole file', () => {
    const snapshots = file('snapshots', 250 * MB, 1975);
    expect(recordsMemoryFor([snapshots])).toBe(
      Math.min(Math.floor(totalmem() * 0.6), BASE_MEMORY_BYTES + 8 * 250 * MB),
    );
    const tables = [{ name: 'snapshots', shape: 'records' }] as unknown as TableSpec[];
    expect(memoryLimitFor([snapshots], tables)).toBe(recordsMemoryFor([snapshots]));
  });

  it('never asks for more than the share of the machine, and never refuses records', () => {
    expect(recordsMemoryFor([file('huge', 64 * 1024 * MB, 100)])).toBe(Math.floor(totalmem() * 0.6));
  });
});
