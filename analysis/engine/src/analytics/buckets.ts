import type { ArchiveStore } from '../store/ArchiveStore.js';
import type { CompiledFilter } from './filter.js';

/** Bucket sizes offered, in seconds: round numbers a person reads at a glance. */
const STEPS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400];

/** The smallest round bucket that cuts `rangeSeconds` into at most `maxBuckets` pieces. */
export function chooseBucketSeconds(rangeSeconds: number, maxBuckets = 200): number {
  for (const step of STEPS) if (rangeSeconds / step <= maxBuckets) return step;
  return STEPS[STEPS.length - 1] as number;
}

/** The bucket size for a filtered selection: given, or chosen from its time range. */
export async function bucketFor(
  store: ArchiveStore,
  compiled: CompiledFilter,
  given?: number,
): Promise<number> {
  if (given !== undefined && given > 0) return Math.floor(given);
  const [row] = await store.json(
    `SELECT coalesce(date_diff('second', min(ts), max(ts)), 0) AS s FROM events ${compiled.where}`,
    compiled.params,
  );
  return chooseBucketSeconds(Number(row?.['s'] ?? 0));
}

/** time_bucket's default origin for TIMESTAMPTZ (Monday 2000-01-03 UTC), in epoch milliseconds. */
const ORIGIN_MS = 946_857_600_000;

/**
 * The bucket of `ts` as a whole number (`seconds` is a number we chose, never user text): the
 * same buckets as `time_bucket` (same origin), by integer arithmetic on epoch milliseconds,
 * since the calendar functions on TIMESTAMPTZ go through ICU for every row. Group by it, then
 * turn the few groups into timestamps with `bucketStartSql`.
 */
export function bucketNumberSql(seconds: number, column = 'ts'): string {
  return `(epoch_ms(${column}) - ${ORIGIN_MS}) // ${bucketMs(seconds)}`;
}

/** The start (TIMESTAMPTZ) of the bucket numbered `bucket` by `bucketNumberSql`. */
export function bucketStartSql(seconds: number, bucket: string): string {
  const ms = bucketMs(seconds);
  return `make_timestamptz((${bucket} * ${ms} + ${ORIGIN_MS}) * 1000)`;
}

function bucketMs(seconds: number): number {
  return Math.max(1, Math.floor(seconds)) * 1000;
}
