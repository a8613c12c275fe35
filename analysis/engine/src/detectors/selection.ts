import { randomBytes } from 'node:crypto';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { compileFilter } from '../analytics/filter.js';
import type { EventFilter } from '../analytics/filter.js';

/**
 * Runs `use` over the events the filter selects: `events` itself when the filter is empty,
 * else a temporary table of the selected rows, so that the filter's bound parameters never
 * have to reach the detectors' and rules' own SQL and each of them scans only the selection.
 */
export async function withSelection<T>(
  store: ArchiveStore,
  filter: EventFilter | undefined,
  use: (source: string) => Promise<T>,
): Promise<T> {
  const compiled = compileFilter(filter);
  if (compiled.where === '') return use('events');
  const source = `sel_${randomBytes(6).toString('hex')}`;
  await store.all(`CREATE TEMP TABLE ${source} AS SELECT * FROM events ${compiled.where}`, compiled.params);
  try {
    return await use(source);
  } finally {
    await store.all(`DROP TABLE IF EXISTS ${source}`);
  }
}
