import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import type { Density, EventFilterParams } from '../../../../core/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';
import { arrowBytes } from '../arrow/arrowTable.js';
import { filterSql } from '../sql/filterSql.js';
import { timelineMarkers } from './markers.js';
import { memoKey, onLane } from './types.js';
import type { Handlers } from './types.js';

export const timelineHandlers: Handlers<'timeline.density' | 'timeline.markers'> = {
  'timeline.density': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', (store, session) =>
      session.remember(memoKey(ctx.method, params), () => density(store, ctx.method, params)),
    ),

  // The gaps come from the time_gap detector (seconds on a large archive): the work lane, so
  // the panels do not wait for it.
  'timeline.markers': (params, ctx) =>
    onLane(ctx, params.archive, 'work', (store, session) =>
      session.remember(memoKey(ctx.method, params), () => timelineMarkers(store)),
    ),
};

interface DensityParams {
  filter: EventFilterParams;
  from?: string | undefined;
  to?: string | undefined;
  buckets: number;
}

/**
 * Events per bucket under the filter. The range defaults to the whole archive's (not the
 * filter's), so the strip keeps its scale while the filter changes. Every bucket is listed,
 * empty ones as 0, so the renderer can draw the table as it comes.
 */
async function density(store: ArchiveStore, method: string, params: DensityParams): Promise<Density> {
  const lo = await instant(store, method, 'from', params.from, 'min');
  const hi = await instant(store, method, 'to', params.to, 'max');
  if (lo === null || hi === null || hi < lo) {
    return { from: null, to: null, bucketMs: 0, table: arrowBytes([empty('t'), empty('n')]) };
  }
  const bucketMs = Math.max(1, Math.ceil((hi - lo + 1) / params.buckets));
  const buckets = Math.ceil((hi - lo + 1) / bucketMs);
  const f = filterSql(method, params.filter);
  const range = `ts >= epoch_ms(${lo}::BIGINT)::TIMESTAMPTZ AND ts <= epoch_ms(${hi}::BIGINT)::TIMESTAMPTZ`;
  const rows = await store.all(
    `SELECT ((epoch_ms(ts) - ${lo}) // ${bucketMs})::INTEGER AS i, count(*)::DOUBLE AS n
     FROM events ${f.where === '' ? `WHERE ${range}` : `${f.where} AND ${range}`} GROUP BY 1`,
    f.params,
  );
  const t = new Float64Array(buckets);
  const n = new Float64Array(buckets);
  for (let i = 0; i < buckets; i++) t[i] = lo + i * bucketMs;
  for (const r of rows) {
    const i = Number(r['i']);
    if (i >= 0 && i < buckets) n[i] = Number(r['n']);
  }
  return {
    from: new Date(lo).toISOString(),
    to: new Date(hi).toISOString(),
    bucketMs,
    table: arrowBytes([
      { name: 't', kind: 'f64', values: t },
      { name: 'n', kind: 'f64', values: n },
    ]),
  };
}

function empty(name: string): { name: string; kind: 'f64'; values: number[] } {
  return { name, kind: 'f64', values: [] };
}

/** A range end as ms since the epoch: the time given, the time of event `seq:N`, or the archive's first/last (as the import recorded them). */
async function instant(
  store: ArchiveStore,
  method: string,
  key: 'from' | 'to',
  text: string | undefined,
  fallback: 'min' | 'max',
): Promise<number | null> {
  if (text === undefined) {
    const column = fallback === 'min' ? 'time_from' : 'time_to';
    const [row] = await store.all(`SELECT epoch_ms(${column})::DOUBLE AS ms FROM archive_info`);
    return row?.['ms'] === null || row?.['ms'] === undefined ? null : Number(row['ms']);
  }
  const spec = parseTimeSpec(text, `${method}: params.${key}`);
  if (spec.kind === 'time') return Math.round(spec.epochMs);
  const [row] = await store.all(`SELECT epoch_ms(ts)::DOUBLE AS ms FROM events WHERE seq = ${spec.seq}`);
  if (!row) throw new ChronoscopeError('BAD_ARGUMENT', `${method}: params.${key}: no event ${text}`);
  return Number(row['ms']);
}
