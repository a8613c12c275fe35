import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { ArchiveStore, openArchive } from '../../analysis/engine/src/index.js';
import type { ImportOptions, OpenedArchive } from '../../analysis/engine/src/index.js';
import type { SystemId } from '../../analysis/core/src/index.js';

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

/** A JSON column as the value it holds (NULL stays null). */
export const parseJson = (value: unknown): unknown => (value === null ? null : JSON.parse(String(value)));

/** One event by its source id, with its time as ISO text and its JSON columns parsed. */
export async function eventBySource(db: Imported, id: string): Promise<Record<string, unknown>> {
  const [row] = await db.rows(
    `SELECT * EXCLUDE (ts), strftime(ts, '%Y-%m-%dT%H:%M:%S.%g') AS ts FROM events WHERE source_id = '${id}'`,
  );
  expect(row, id).toBeDefined();
  const states = ['old_state', 'new_state', 'delta', 'raw'].map((k) => [k, parseJson(row?.[k] ?? null)]);
  return { ...row, ...Object.fromEntries(states) };
}

/**
 * Every form of one export must give the same events: returns a check that imports a form
 * and compares `sql`'s rows with the reference form's.
 */
export function sameEventsAs(
  system: SystemId,
  sql: string,
  reference: Record<string, unknown>[],
): (path: string) => Promise<Imported> {
  return async (path) => {
    const db = await importArchive(path);
    expect(db.opened.system).toBe(system);
    expect(await db.rows(sql)).toEqual(reference);
    return db;
  };
}
