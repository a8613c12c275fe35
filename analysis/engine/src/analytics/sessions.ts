import { listValue } from '@duckdb/node-api';
import type { ArchiveStore, Row } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import type { CompiledFilter } from './filter.js';

/**
 * The latest `maxSessions` sessions of each of `actors` (rows `actor_id, sid, lo, hi, n,
 * entities`, by actor, then by start): a session is the source's session id where a row has
 * one, else a run of the actor's rows (in `seq` order) with no gap over `gapMinutes`.
 *
 * Sessions are chosen before their entities are counted: distinct entities per session mean
 * one group per (actor, session, entity), millions at 10M rows, where the latest sessions of
 * the actors shown hold a small part of the log. So the rows with a session id are read
 * twice (sessions by a plain aggregate, then the entities of the chosen ones); the rows
 * without one are numbered by a window once and kept per entity, as few as they are.
 */
export async function latestSessions(
  store: ArchiveStore,
  f: CompiledFilter,
  actors: readonly string[],
  options: { gapMinutes: number; maxSessions: number },
): Promise<Row[]> {
  if (actors.length === 0) return [];
  const gap = Math.max(1, Math.floor(options.gapMinutes));
  const max = Math.max(1, Math.floor(options.maxSessions));
  const sel = `FROM events WHERE actor_id IS NOT NULL AND (${f.clause})`;
  // The actors are a bound list; a join on it costs as much as the aggregate it would spare
  // for the rows with a session id, so those are grouped first and the sessions filtered.
  const top = `actor_id IN (SELECT unnest($top))`;
  return store.json(
    `WITH gapped AS (
       SELECT actor_id, 'gap#' || sum(CASE WHEN prev IS NULL OR ts - prev > INTERVAL ${gap} MINUTE THEN 1 ELSE 0 END)
                OVER (PARTITION BY actor_id ORDER BY seq) AS sid, ts, entity_id
       FROM (SELECT actor_id, seq, ts, entity_id, lag(ts) OVER (PARTITION BY actor_id ORDER BY seq) AS prev
             ${sel} AND session_id IS NULL AND ${top})),
     gap_cells AS (SELECT actor_id, sid, entity_id, min(ts) AS lo, max(ts) AS hi, count(*) AS n FROM gapped GROUP BY ALL),
     agg AS (
       SELECT actor_id, sid, min(lo) AS lo, max(hi) AS hi, sum(n) AS n FROM (
         SELECT actor_id, session_id AS sid, min(ts) AS lo, max(ts) AS hi, count(*) AS n ${sel} AND session_id IS NOT NULL
         GROUP BY ALL
         UNION ALL SELECT actor_id, sid, lo, hi, n FROM gap_cells)
       WHERE ${top} GROUP BY ALL),
     -- sid breaks ties of start, so the same sessions come back every time
     latest AS (SELECT * FROM agg QUALIFY row_number() OVER (PARTITION BY actor_id ORDER BY lo DESC, sid) <= ${max}),
     entities AS (
       SELECT actor_id, sid, count(DISTINCT entity_id) AS entities FROM (
         SELECT actor_id, session_id AS sid, entity_id ${sel} AND session_id IS NOT NULL
         UNION ALL SELECT actor_id, sid, entity_id FROM gap_cells)
       SEMI JOIN latest USING (actor_id, sid)
       GROUP BY ALL)
     SELECT actor_id, sid, ${isoSql('lo')} AS lo, ${isoSql('hi')} AS hi, n, coalesce(entities, 0) AS entities
     FROM latest LEFT JOIN entities USING (actor_id, sid) ORDER BY actor_id, latest.lo, sid`,
    { ...f.params, top: listValue([...actors]) },
  );
}
