import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import type { JsonObject, TimeSpec } from '../../../../core/src/index.js';
import { entityHistory, isoSql } from '../../../../engine/src/index.js';
import type { ArchiveStore, CompiledFilter } from '../../../../engine/src/index.js';
import { readerToArrow } from '../arrow/fromDuckDB.js';
import { ALL_EVENT_COLUMNS, eventColumnsSql } from '../sql/eventColumns.js';
import { filterSql } from '../sql/filterSql.js';
import { memoKey, onLane } from './types.js';
import type { Handlers } from './types.js';

/** A sort as the contract gives it (the column is one of EVENT_COLUMNS: its enum checked that). */
interface Sort {
  column: string;
  desc: boolean;
}

/** `seq` and `ts` give the same order (seq numbers the events by time, ties in source order). */
function inSeqOrder(sort: Sort | undefined): boolean {
  return !sort || sort.column === 'seq' || sort.column === 'ts';
}

export const eventsHandlers: Handlers<'events.count' | 'events.page' | 'events.locate' | 'events.detail'> = {
  'events.count': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', (store, session) =>
      session.remember(memoKey(ctx.method, params), async () => ({
        count: await count(store, filterSql(ctx.method, params.filter)),
      })),
    ),

  'events.page': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', async (store, session) => {
      const f = filterSql(ctx.method, params.filter);
      const columns = eventColumnsSql(params.columns ?? ALL_EVENT_COLUMNS);
      let sql: string;
      if (f.where === '' && inSeqOrder(params.sort)) {
        // Unfiltered, in time order: row i is seq i (or total−1−i), so a page is a seq range,
        // which DuckDB reads straight from the row groups however deep the page is.
        const total = await session.remember('events.total', () => count(store, f));
        const desc = params.sort?.desc === true;
        const lo = desc ? total - params.offset - params.limit : params.offset;
        const hi = desc ? total - params.offset : params.offset + params.limit;
        // Whole numbers we computed: inlined, so DuckDB sees integer bounds on the row id.
        sql = `SELECT ${columns} FROM events WHERE seq >= ${Math.max(0, lo)} AND seq < ${Math.max(0, hi)}
          ORDER BY seq ${desc ? 'DESC' : ''}`;
      } else {
        // Two steps: the page's seqs first (one narrow column to filter, sort and skip), then
        // its columns for those rows only. In one query DuckDB would carry every wide column
        // (raw, states) of every skipped row: ten times slower deep into a filtered table.
        // In ascending time order no ORDER BY is needed: `events` scans in seq order and DuckDB
        // keeps insertion order (preserve_insertion_order), so the scan stops at the page
        // instead of sorting every match.
        const order = orderBy(params.sort);
        const ascending = inSeqOrder(params.sort) && params.sort?.desc !== true;
        const picked = await store.conn.runAndReadAll(
          `SELECT seq FROM events ${f.where} ${ascending ? '' : `ORDER BY ${order}`}
           LIMIT ${params.limit} OFFSET ${params.offset}`,
          f.params,
        );
        const seqs = (picked.getColumnsJS()[0] ?? []).map(Number);
        const rowsWhere =
          seqs.length === 0
            ? 'false'
            : `seq BETWEEN ${Math.min(...seqs)} AND ${Math.max(...seqs)} AND seq IN (${seqs.join(', ')})`;
        sql = `SELECT ${columns} FROM events WHERE ${rowsWhere} ORDER BY ${order}`;
      }
      const reader = await store.conn.runAndReadAll(sql);
      return { offset: params.offset, table: readerToArrow(reader).bytes };
    }),

  'events.locate': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', (store) =>
      locate(
        store,
        filterSql(ctx.method, params.filter),
        params.sort,
        parseTimeSpec(params.at, `${ctx.method}: params.at`),
      ),
    ),

  'events.detail': (params, ctx) =>
    onLane(ctx, params.archive, 'panels', async (store, session) => {
      const [row] = await store.json(
        `SELECT * REPLACE (${isoSql('ts')} AS ts, old_state::VARCHAR AS old_state, new_state::VARCHAR AS new_state,
           delta::VARCHAR AS delta, raw::VARCHAR AS raw) FROM events WHERE seq = $seq`,
        { seq: params.seq },
      );
      if (!row) throw new ChronoscopeError('NOT_FOUND', `${ctx.method}: no event with seq ${params.seq}`);
      const event = parseEvent(row);
      const { before, after } = await statesAround(store, session.identity.system, event, params.seq);
      return { event, before, after };
    }),
};

async function count(store: ArchiveStore, f: CompiledFilter): Promise<number> {
  const [row] = await store.json(`SELECT count(*)::DOUBLE AS n FROM events ${f.where}`, f.params);
  return Number(row?.['n'] ?? 0);
}

/** The ORDER BY of a page; ties (and a column's nulls, last) are broken by seq so pages never overlap. */
function orderBy(sort: Sort | undefined): string {
  if (inSeqOrder(sort)) return `seq ${sort?.desc ? 'DESC' : ''}`;
  const dir = sort?.desc ? 'DESC' : 'ASC';
  return `${sort?.column ?? 'seq'} ${dir} NULLS LAST, seq ${dir}`;
}

/**
 * The row index of the first event at or after `at` under the filter and sort. In descending
 * time order the rows run backwards, so it is the last event at or before `at` there. Past
 * the end, the index is the row count and `seq` null.
 */
async function locate(
  store: ArchiveStore,
  f: CompiledFilter,
  sort: Sort | undefined,
  at: TimeSpec,
): Promise<{ index: number; seq: number | null }> {
  const desc = inSeqOrder(sort) && sort?.desc === true;
  const bound =
    at.kind === 'seq'
      ? `seq ${desc ? '<=' : '>='} ${at.seq}`
      : `ts ${desc ? '<=' : '>='} epoch_ms(${Math.round(at.epochMs)}::BIGINT)::TIMESTAMPTZ`;
  const where = f.where === '' ? `WHERE ${bound}` : `${f.where} AND ${bound}`;
  const [target] = await store.json(
    `SELECT ${desc ? 'max' : 'min'}(seq)::DOUBLE AS seq FROM events ${where}`,
    f.params,
  );
  const seq = target?.['seq'] === null || target?.['seq'] === undefined ? null : Number(target['seq']);
  if (seq === null) return { index: await count(store, f), seq: null };
  if (inSeqOrder(sort)) {
    const before = `seq ${desc ? '>' : '<'} ${seq}`;
    const [row] = await store.json(
      `SELECT count(*)::DOUBLE AS n FROM events ${f.where === '' ? `WHERE ${before}` : `${f.where} AND ${before}`}`,
      f.params,
    );
    return { index: Number(row?.['n'] ?? 0), seq };
  }
  const [row] = await store.json(
    `SELECT i::DOUBLE AS i FROM (SELECT seq, row_number() OVER (ORDER BY ${orderBy(sort)}) - 1 AS i FROM events ${f.where})
     WHERE seq = ${seq}`,
    f.params,
  );
  return { index: Number(row?.['i'] ?? 0), seq };
}

const JSON_COLUMNS = ['old_state', 'new_state', 'delta', 'raw'];

function parseEvent(row: Record<string, unknown>): JsonObject {
  const event: JsonObject = { ...row, seq: Number(row['seq']) };
  if (row['src_line'] !== null && row['src_line'] !== undefined) event['src_line'] = Number(row['src_line']);
  for (const key of JSON_COLUMNS) {
    const text = row[key];
    event[key] = typeof text === 'string' ? (JSON.parse(text) as unknown) : null;
  }
  return event;
}

/**
 * The entity's state before and after the event, from the time-travel engine's history of
 * that entity (its own events decide its state, so nothing else has to be replayed). After a
 * deletion the entity no longer exists: `after` is null.
 */
async function statesAround(
  store: ArchiveStore,
  system: string,
  event: JsonObject,
  seq: number,
): Promise<{ before: JsonObject | null; after: JsonObject | null }> {
  const entityId = event['entity_id'];
  if (typeof entityId !== 'string') return { before: null, after: null };
  const entityType = typeof event['entity_type'] === 'string' ? event['entity_type'] : undefined;
  const history = await entityHistory(store, system, entityId, entityType);
  const at = history.events.findIndex((e) => e.seq === seq);
  if (at < 0) return { before: null, after: null };
  const previous = at > 0 ? history.events[at - 1] : undefined;
  const current = history.events[at];
  return {
    before: previous && !previous.deleted ? previous.state : null,
    after: current && !current.deleted ? current.state : null,
  };
}
