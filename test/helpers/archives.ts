import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ArchiveStore, openArchive } from '../../analysis/engine/src/index.js';
import type { ImportOptions, OpenedArchive } from '../../analysis/engine/src/index.js';

/** A temporary directory removed when the test file ends. */
export async function tempDir(prefix = 'chronoscope-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Imported {
  opened: OpenedArchive;
  store: ArchiveStore;
  /** Runs SQL and returns JSON-safe rows (BIGINT as string, times as text). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs SQL and returns the first column of the first row as a number. */
  count(sql: string): Promise<number>;
}

/** Imports into a fresh cache and opens the result; the store closes when the test file ends. */
export async function importArchive(path: string, options: ImportOptions = {}): Promise<Imported> {
  const cacheDir = options.cacheDir ?? (await tempDir('chronoscope-cache-'));
  const opened = await openArchive(path, { force: true, ...options, cacheDir });
  const store = await ArchiveStore.open(opened.dbPath);
  afterAll(() => store.close());
  return {
    opened,
    store,
    rows: (sql) => store.json(sql),
    count: async (sql) => Number(Object.values((await store.all(sql))[0] ?? {})[0]),
  };
}
