import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * One DuckDB connection runs one query at a time: a query started while another one's
 * result is still being read ends that one silently (its stream just stops). Time travel
 * and the replay windows read the archive from several callers at once (a replay
 * prefetching windows while the inspector asks for a state), so every read through this
 * folder waits its turn on its connection. Not re-entrant: queued work must not queue again.
 */
const queues = new WeakMap<DuckDBConnection, Promise<unknown>>();

export function queued<T>(conn: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(conn) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    conn,
    next.catch(() => undefined),
  );
  return next;
}
