import type { EventFilterParams, HeatmapKind, HeatmapResult } from '../../../../core/src/index.js';
import {
  actorActivity,
  dimensionHeatmap,
  runDetectors,
  spatialHeatmap,
  trend,
} from '../../../../engine/src/index.js';
import type { ArchiveStore, CompiledFilter } from '../../../../engine/src/index.js';
import { arrowBytes } from '../arrow/arrowTable.js';
import { engineOnlyFilter, filterSql } from '../sql/filterSql.js';
import { memoKey, onLane } from './types.js';
import type { Handlers } from './types.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
/** Cells per axis of a spatial heatmap when the call does not say. */
const SPATIAL_CELLS = 100;

export const analyticsHandlers: Handlers<
  'analytics.heatmap' | 'analytics.trend' | 'analytics.activity' | 'analyze.run'
> = {
  'analytics.heatmap': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', (store, session) =>
      session.remember(memoKey(ctx.method, params), () => heatmap(store, ctx.method, params)),
    ),

  'analytics.trend': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', (store, session) =>
      session.remember(memoKey(ctx.method, params), () =>
        trend(store, engineOnlyFilter(ctx.method, params.filter), {
          by: params.by,
          ...(params.bucketSeconds !== undefined ? { bucketSeconds: params.bucketSeconds } : {}),
        }),
      ),
    ),

  'analytics.activity': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', (store, session) =>
      session.remember(memoKey(ctx.method, params), () =>
        actorActivity(store, engineOnlyFilter(ctx.method, params.filter), { limit: params.limit }),
      ),
    ),

  // Detectors are long: they run on the work lane, where a cancel interrupts them.
  'analyze.run': (params, ctx) => {
    const filter = engineOnlyFilter(ctx.method, params.filter);
    return onLane(ctx, params.archive, 'work', async (store) => {
      // The investigator's rules (YAML or JSON text) run beside the built-in detectors and rules.
      const result = await runDetectors(store, {
        filter,
        ...(params.rules !== undefined ? { rules: params.rules } : {}),
      });
      return { findings: result.findings, detectors: result.detectors };
    });
  },
};

interface HeatmapParams {
  filter: EventFilterParams;
  kind: HeatmapKind;
  bucketSeconds?: number | undefined;
  limit?: number | undefined;
}

/** The engine's heatmaps in the contract's form: labels for rows and columns, cells as Arrow `r, c, n`. */
async function heatmap(store: ArchiveStore, method: string, params: HeatmapParams): Promise<HeatmapResult> {
  if (params.kind === 'hour_weekday') {
    const cells = await hourWeekday(store, filterSql(method, params.filter));
    const max = cells.reduce((m, c) => Math.max(m, c.count), 0);
    return result(params.kind, WEEKDAYS, HOURS, max, cells, { bucketSeconds: null, cellSize: null });
  }
  if (params.kind === 'spatial') return spatial(store, method, params);
  const filter = engineOnlyFilter(method, params.filter);
  const h = await dimensionHeatmap(store, params.kind, filter, {
    ...(params.bucketSeconds !== undefined ? { bucketSeconds: params.bucketSeconds } : {}),
    ...(params.limit !== undefined ? { limit: params.limit } : {}),
  });
  const rowAt = new Map(h.rows.map((r, i) => [r, i]));
  const colAt = new Map(h.buckets.map((b, i) => [b, i]));
  const cells = h.cells.map((c) => ({
    row: rowAt.get(c.row) ?? 0,
    col: colAt.get(c.col) ?? 0,
    count: c.count,
  }));
  return result(params.kind, h.rows, h.buckets, h.max, cells, {
    bucketSeconds: h.bucketSeconds,
    cellSize: null,
  });
}

/**
 * The engine's hour × weekday heatmap (hourWeekdayHeatmap: UTC hour 0–23 × weekday, Monday
 * 0), counted from the epoch in integer arithmetic: DuckDB's isodow()/hour() on TIMESTAMPTZ
 * go through ICU's calendar per row, 3–6 times slower, and this call is on every filter
 * change. The integration tests check that both give the same cells. Takes `seqs` too.
 */
async function hourWeekday(
  store: ArchiveStore,
  f: CompiledFilter,
): Promise<{ row: number; col: number; count: number }[]> {
  const cells = await store.all(
    `WITH h AS (SELECT floor(epoch_ms(ts) / 3600000)::BIGINT AS h FROM events ${f.where})
     SELECT (((h // 24 + 3) % 7 + 7) % 7)::INTEGER AS r, ((h % 24 + 24) % 24)::INTEGER AS c, count(*)::DOUBLE AS n
     FROM h GROUP BY ALL ORDER BY 1, 2`,
    f.params,
  );
  return cells.map((c) => ({ row: Number(c['r']), col: Number(c['c']), count: Number(c['n']) }));
}

/**
 * Block changes over the x/z plane: the cell size makes the busier axis at most `limit`
 * cells wide (default 100), and rows and columns cover the whole extent, empty cells too.
 */
async function spatial(store: ArchiveStore, method: string, params: HeatmapParams): Promise<HeatmapResult> {
  const filter = engineOnlyFilter(method, params.filter);
  const f = filterSql(method, params.filter);
  const [extent] = await store.json(
    `SELECT min(x)::DOUBLE AS x0, max(x)::DOUBLE AS x1, min(z)::DOUBLE AS z0, max(z)::DOUBLE AS z1 FROM events
     WHERE x IS NOT NULL AND z IS NOT NULL AND entity_type = 'block' AND (${f.clause})`,
    f.params,
  );
  if (extent?.['x0'] === null || extent?.['x0'] === undefined) {
    return result('spatial', [], [], 0, [], { bucketSeconds: null, cellSize: null });
  }
  const [x0, x1, z0, z1] = ['x0', 'x1', 'z0', 'z1'].map((k) => Number(extent[k])) as [
    number,
    number,
    number,
    number,
  ];
  const cellSize = Math.max(
    1,
    Math.ceil(Math.max(x1 - x0 + 1, z1 - z0 + 1) / (params.limit ?? SPATIAL_CELLS)),
  );
  const h = await spatialHeatmap(store, filter, cellSize);
  const cx0 = Math.floor(x0 / cellSize) * cellSize;
  const cz0 = Math.floor(z0 / cellSize) * cellSize;
  const axis = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let v = from; v <= to; v += cellSize) out.push(String(v));
    return out;
  };
  const cols = axis(cx0, Math.floor(x1 / cellSize) * cellSize);
  const rows = axis(cz0, Math.floor(z1 / cellSize) * cellSize);
  const cells = h.cells.map((c) => ({
    row: Math.round((c.z - cz0) / cellSize),
    col: Math.round((c.x - cx0) / cellSize),
    count: c.count,
  }));
  return result('spatial', rows, cols, h.max, cells, { bucketSeconds: null, cellSize });
}

function result(
  kind: HeatmapKind,
  rows: string[],
  cols: string[],
  max: number,
  cells: { row: number; col: number; count: number }[],
  scale: { bucketSeconds: number | null; cellSize: number | null },
): HeatmapResult {
  return {
    kind,
    rows,
    cols,
    ...scale,
    max,
    cells: arrowBytes([
      { name: 'r', kind: 'f64', values: cells.map((c) => c.row) },
      { name: 'c', kind: 'f64', values: cells.map((c) => c.col) },
      { name: 'n', kind: 'f64', values: cells.map((c) => c.count) },
    ]),
  };
}
