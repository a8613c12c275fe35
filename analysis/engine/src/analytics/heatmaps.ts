import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { bucketFor, bucketNumberSql, bucketStartSql } from './buckets.js';
import { compileFilter } from './filter.js';
import type { EventFilter } from './filter.js';

/** Cells of a heatmap: sparse, only non-zero cells. */
export interface Heatmap<R, C> {
  rows: R[];
  cells: { row: R; col: C; count: number }[];
  max: number;
}

/** Hour of day (0–23, UTC) × weekday (0 = Monday … 6 = Sunday). */
export async function hourWeekdayHeatmap(
  store: ArchiveStore,
  filter: EventFilter = {},
): Promise<Heatmap<number, number>> {
  const f = compileFilter(filter);
  const rows = await store.json(
    // Weekday (Monday 0; 1970-01-01 was a Thursday) and hour by arithmetic, not ICU calls per row.
    `SELECT (epoch_ms(ts) // 86400000 + 3) % 7 AS r, (epoch_ms(ts) // 3600000) % 24 AS c, count(*) AS n
     FROM events ${f.where} GROUP BY ALL ORDER BY 1, 2`,
    f.params,
  );
  const cells = rows.map((r) => ({ row: Number(r['r']), col: Number(r['c']), count: Number(r['n']) }));
  return { rows: [0, 1, 2, 3, 4, 5, 6], cells, max: maxCount(cells) };
}

/** What a dimension × time heatmap groups by (a column name we choose, never user text). */
export type HeatmapDimension = 'actor' | 'entity_type' | 'action' | 'event_type';
const DIMENSION_SQL: Record<HeatmapDimension, string> = {
  actor: `coalesce(actor_id, '(none)')`,
  entity_type: `coalesce(entity_type, '(none)')`,
  action: 'action',
  event_type: 'event_type',
};

export interface TimeHeatmap extends Heatmap<string, string> {
  bucketSeconds: number;
  /** Bucket starts (ISO), in order. */
  buckets: string[];
}

/**
 * A dimension × time-bucket heatmap: the `limit` busiest values as rows (the rest would be
 * unreadable), the bucket size given or chosen from the selection's range.
 */
export async function dimensionHeatmap(
  store: ArchiveStore,
  dimension: HeatmapDimension,
  filter: EventFilter = {},
  options: { bucketSeconds?: number; limit?: number } = {},
): Promise<TimeHeatmap> {
  const f = compileFilter(filter);
  const seconds = await bucketFor(store, f, options.bucketSeconds);
  const dim = DIMENSION_SQL[dimension];
  const limit = Math.max(1, Math.floor(options.limit ?? 30));
  // One aggregate over the events, the top rows picked from its cells: a CTE of the rows read
  // twice gets materialised, a copy of the selection.
  const rows = await store.json(
    `WITH cells AS (SELECT ${dim} AS d, ${bucketNumberSql(seconds)} AS bn, count(*) AS n FROM events ${f.where} GROUP BY ALL),
     top AS (SELECT d FROM cells GROUP BY d ORDER BY sum(n) DESC, d LIMIT ${limit})
     SELECT d, ${isoSql(bucketStartSql(seconds, 'bn'))} AS b, n FROM cells WHERE d IN (SELECT d FROM top) ORDER BY d, bn`,
    f.params,
  );
  const cells = rows.map((r) => ({ row: String(r['d']), col: String(r['b']), count: Number(r['n']) }));
  return {
    bucketSeconds: seconds,
    rows: [...new Set(cells.map((c) => c.row))],
    buckets: [...new Set(cells.map((c) => c.col))].sort(),
    cells,
    max: maxCount(cells),
  };
}

/** `descendants`: block changes over the x/z plane, in square cells of `cellSize` blocks. */
export async function spatialHeatmap(
  store: ArchiveStore,
  filter: EventFilter = {},
  cellSize = 1,
): Promise<{ cellSize: number; cells: { x: number; z: number; count: number }[]; max: number }> {
  const f = compileFilter(filter);
  const size = Math.max(1, Math.floor(cellSize));
  const rows = await store.json(
    `SELECT floor(x / ${size}) * ${size} AS x, floor(z / ${size}) * ${size} AS z, count(*) AS n FROM events
     WHERE x IS NOT NULL AND z IS NOT NULL AND entity_type = 'block' AND (${f.clause}) GROUP BY ALL ORDER BY 1, 2`,
    f.params,
  );
  const cells = rows.map((r) => ({ x: Number(r['x']), z: Number(r['z']), count: Number(r['n']) }));
  return { cellSize: size, cells, max: maxCount(cells) };
}

/** Largest count without spreading a huge array into arguments. */
function maxCount(cells: readonly { count: number }[]): number {
  return cells.reduce((m, c) => (c.count > m ? c.count : m), 0);
}
