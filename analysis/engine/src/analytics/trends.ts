import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { bucketFor, bucketNumberSql, bucketStartSql } from './buckets.js';
import { changePoints, movingAverage } from './changePoints.js';
import { compileFilter } from './filter.js';
import type { EventFilter } from './filter.js';

export interface TrendSeries {
  /** `all`, or the action / type the series counts. */
  key: string;
  counts: number[];
  movingAverage: number[];
  /** Indices into `buckets` where the mean level changes (see `changePoints`). */
  changePoints: number[];
}

export interface Trend {
  bucketSeconds: number;
  /** Bucket starts (ISO), contiguous: empty buckets are zeros, not gaps. */
  buckets: string[];
  series: TrendSeries[];
}

/**
 * Events per bucket (all, or one series per action or per event type), with a trailing
 * moving average over `window` buckets and change points by binary segmentation.
 */
export async function trend(
  store: ArchiveStore,
  filter: EventFilter = {},
  options: {
    by?: 'all' | 'action' | 'event_type' | 'entity_type';
    bucketSeconds?: number;
    window?: number;
  } = {},
): Promise<Trend> {
  const f = compileFilter(filter);
  const seconds = await bucketFor(store, f, options.bucketSeconds);
  const key =
    options.by === undefined || options.by === 'all' ? `'all'` : `coalesce(${options.by}, '(none)')`;
  // One aggregate over the events, everything else from its few rows: a CTE of the rows
  // that is read three times gets materialised, a copy of the selection (seconds at 10M rows).
  const rows = await store.json(
    `WITH counts AS (SELECT ${key} AS k, ${bucketNumberSql(seconds)} AS bn, count(*) AS n FROM events ${f.where} GROUP BY ALL),
     span AS (SELECT min(bn) AS lo, max(bn) AS hi FROM counts),
     grid AS (SELECT unnest(range(lo, hi + 1)) AS bn FROM span WHERE lo IS NOT NULL),
     keys AS (SELECT DISTINCT k FROM counts)
     SELECT keys.k, ${isoSql(bucketStartSql(seconds, 'grid.bn'))} AS b, coalesce(counts.n, 0) AS n
     FROM keys CROSS JOIN grid LEFT JOIN counts ON counts.k = keys.k AND counts.bn = grid.bn ORDER BY keys.k, grid.bn`,
    f.params,
  );
  const buckets: string[] = [];
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const k = String(r['k']);
    const list = byKey.get(k) ?? [];
    if (list.length === 0) byKey.set(k, list);
    list.push(Number(r['n']));
    if (byKey.size === 1) buckets.push(String(r['b']));
  }
  const window = options.window ?? 7;
  const series = [...byKey].map(([k, counts]) => ({
    key: k,
    counts,
    movingAverage: movingAverage(counts, window),
    changePoints: changePoints(counts),
  }));
  return { bucketSeconds: seconds, buckets, series };
}
