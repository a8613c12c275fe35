import type { DuckDBConnection } from '@duckdb/node-api';

/** Turns DuckDB's progress on. Only the import asks for it; it prints nothing itself. */
export async function enableQueryProgress(conn: DuckDBConnection): Promise<void> {
  await conn.run(`SET enable_progress_bar = true`);
  await conn.run(`SET enable_progress_bar_print = false`);
}

/**
 * Runs one long statement and reports the fraction DuckDB says it has done, a few times a
 * second: a file DuckDB reads in place (no staging pass to count its bytes) still moves the bar.
 */
export async function watchQuery<T>(
  conn: DuckDBConnection,
  onFraction: (fraction: number) => void,
  run: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    const { percentage } = conn.progress;
    if (percentage >= 0) onFraction(Math.min(1, percentage / 100));
  }, 200);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}
