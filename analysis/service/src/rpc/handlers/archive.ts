import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isSystemId } from '../../../../core/src/index.js';
import type {
  DemoArchive,
  EventFilterParams,
  ImportProgressPayload,
  Summary,
} from '../../../../core/src/index.js';
import { isoSql } from '../../../../engine/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';
import { filterSql } from '../sql/filterSql.js';
import { readRecent } from '../sessions/recent.js';
import { memoKey, onLane } from './types.js';
import type { Handlers } from './types.js';

export const archiveHandlers: Handlers<
  | 'archive.demos'
  | 'archive.recent'
  | 'archive.open'
  | 'archive.close'
  | 'archive.rejects'
  | 'archive.summary'
> = {
  'archive.demos': async (_params, ctx) => listDemos(join(ctx.service.projectRoot, 'assets', 'demo')),

  'archive.recent': async (_params, ctx) => readRecent(ctx.service.cacheDir),

  'archive.open': (params, ctx) =>
    ctx.service.sessions.open(params, ctx.signal, (payload: ImportProgressPayload) =>
      ctx.push('import.progress', payload),
    ),

  'archive.close': async (params, ctx) => {
    await ctx.service.sessions.close(params.archive);
    return null;
  },

  'archive.rejects': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', async (store) => {
      const [total] = await store.json(`SELECT count(*)::DOUBLE AS n FROM rejects`);
      const rows = await store.json(
        `SELECT file, line::DOUBLE AS line, reason FROM rejects ORDER BY file, line NULLS LAST LIMIT $limit OFFSET $offset`,
        { limit: params.limit, offset: params.offset },
      );
      return {
        total: Number(total?.['n'] ?? 0),
        rows: rows.map((r) => ({
          file: String(r['file']),
          line: r['line'] === null ? null : Number(r['line']),
          reason: String(r['reason']),
        })),
      };
    }),

  'archive.summary': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', async (store, session) => {
      const result = await session.remember(memoKey(ctx.method, params), () =>
        summary(store, ctx.method, params),
      );
      // The studio asks for the count under the same filter right after: it is already known.
      const countKey = memoKey('events.count', { archive: params.archive, filter: params.filter });
      await session.remember(countKey, async () => ({ count: result.records }));
      return result;
    }),
};

async function listDemos(dir: string): Promise<DemoArchive[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && isSystemId(e.name))
    .map((e) => ({ name: e.name, system: e.name as DemoArchive['system'], path: join(dir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The overview's numbers under the filter: two scans, one for totals and one for the three top lists. */
async function summary(
  store: ArchiveStore,
  method: string,
  params: { filter: EventFilterParams; top: number },
): Promise<Summary> {
  const f = filterSql(method, params.filter);
  const [totals] = await store.json(
    `SELECT count(*)::DOUBLE AS n, ${isoSql('min(ts)')} AS lo, ${isoSql('max(ts)')} AS hi,
       count(DISTINCT actor_id)::DOUBLE AS actors,
       -- One text key per entity: a distinct count over a (type, id) struct is several times slower.
       count(DISTINCT coalesce(entity_type, '') || chr(31) || entity_id)::DOUBLE AS entities
     FROM events ${f.where}`,
    f.params,
  );
  const groups = await store.json(
    `SELECT CASE WHEN grouping(action) = 0 THEN 'action' WHEN grouping(entity_type) = 0 THEN 'entity_type' ELSE 'actor' END AS dim,
       coalesce(CASE WHEN grouping(action) = 0 THEN action WHEN grouping(entity_type) = 0 THEN entity_type ELSE actor_id END, '(none)') AS k,
       count(*)::DOUBLE AS n
     FROM events ${f.where}
     GROUP BY GROUPING SETS ((action), (entity_type), (actor_id))
     QUALIFY row_number() OVER (PARTITION BY dim ORDER BY n DESC, k) <= ${params.top}
     ORDER BY dim, n DESC, k`,
    f.params,
  );
  const list = (dim: string): { key: string; count: number }[] =>
    groups.filter((g) => g['dim'] === dim).map((g) => ({ key: String(g['k']), count: Number(g['n']) }));
  return {
    records: Number(totals?.['n'] ?? 0),
    timeRange: {
      from: (totals?.['lo'] as string | null) ?? null,
      to: (totals?.['hi'] as string | null) ?? null,
    },
    actions: list('action'),
    entityTypes: list('entity_type'),
    actors: list('actor'),
    actorCount: Number(totals?.['actors'] ?? 0),
    entityCount: Number(totals?.['entities'] ?? 0),
  };
}
