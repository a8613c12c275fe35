import { randomBytes } from 'node:crypto';
import type { ArchiveStore } from '../store/ArchiveStore.js';

/**
 * Small temporary tables every detector reads instead of scanning the events again: most
 * statistics are about an actor's hours, actions and first uses, which a few aggregates hold
 * in thousands of rows where the events are millions. Built once per analysis (a handful of
 * parallel hash aggregates, no sorts), dropped at its end.
 */
export interface Rollups {
  /**
   * `actor_id, hn` (hour number: epoch ms ÷ 3,600,000), `hb` (its start), `d` (day number),
   * `h` (hour of day, UTC), `n` (rows), `ops` (rows without a parent).
   */
  hours: string;
  /** `actor_id, t` (most frequent actor_type), `role` ('' when none), `n`, `first_ts`, `last_ts`, `active_hours`. */
  actors: string;
  /** `actor_id, action, event_type, c` (rows), `first_seq`, `first_ts`. */
  actions: string;
  /** `actor_id, dim` ('address' | 'user agent' | 'action'), `val`, `first_seq`, `first_ts`: first use of each value. */
  firsts: string;
  /** `mn` (minute number: epoch ms ÷ 60,000), `n`, `first_seq`, `first_ts`, `last_seq`, `last_ts`: the log's pulse. */
  minutes: string;
}

const PARTS = ['hours', 'actors', 'actions', 'firsts', 'minutes'] as const;

export async function buildRollups(store: ArchiveStore, source: string): Promise<Rollups> {
  const id = randomBytes(5).toString('hex');
  const name = Object.fromEntries(PARTS.map((p) => [p, `ru_${id}_${p}`])) as unknown as Rollups;
  const statements = [
    // Buckets by integer arithmetic on epoch milliseconds: the calendar functions on
    // TIMESTAMPTZ (time_bucket, hour) go through ICU for every row and cost seconds at 10M rows.
    `CREATE TEMP TABLE ${name.hours} AS
       SELECT *, to_timestamp(hn * 3600) AS hb, hn // 24 AS d, hn % 24 AS h FROM (
         SELECT actor_id, epoch_ms(ts) // 3600000 AS hn, count(*) AS n, count(*) FILTER (parent_id IS NULL) AS ops
         FROM ${source} GROUP BY ALL)`,
    `CREATE TEMP TABLE ${name.actions} AS
       SELECT actor_id, action, event_type, count(*) AS c, min(seq) AS first_seq, min(ts) AS first_ts,
              mode(actor_type) AS t, mode(actor_role) AS role
       FROM ${source} GROUP BY ALL`,
    `CREATE TEMP TABLE ${name.actors} AS
       SELECT a.actor_id, arg_max(a.t, a.c) AS t, coalesce(arg_max(a.role, a.c), '') AS role, sum(a.c) AS n,
              min(a.first_ts) AS first_ts, any_value(h.last_ts) AS last_ts, any_value(h.active_hours) AS active_hours
       FROM ${name.actions} a JOIN (
         SELECT actor_id, count(*) AS active_hours, max(hb) + INTERVAL 1 HOUR AS last_ts FROM ${name.hours} GROUP BY 1
       ) h ON h.actor_id IS NOT DISTINCT FROM a.actor_id
       WHERE a.actor_id IS NOT NULL GROUP BY a.actor_id`,
    `CREATE TEMP TABLE ${name.firsts} AS
       SELECT actor_id, CASE WHEN grouping(user_agent) = 1 THEN 'address' ELSE 'user agent' END AS dim,
              coalesce(ip, user_agent) AS val, min(seq) AS first_seq, min(ts) AS first_ts
       FROM ${source} WHERE actor_id IS NOT NULL
       GROUP BY GROUPING SETS ((actor_id, ip), (actor_id, user_agent))
       HAVING coalesce(ip, user_agent) IS NOT NULL
       UNION ALL
       SELECT actor_id, 'action', action, first_seq, first_ts FROM ${name.actions} WHERE actor_id IS NOT NULL`,
    `CREATE TEMP TABLE ${name.minutes} AS
       SELECT epoch_ms(ts) // 60000 AS mn, count(*) AS n, min(seq) AS first_seq, min(ts) AS first_ts,
              max(seq) AS last_seq, max(ts) AS last_ts
       FROM ${source} GROUP BY 1`,
  ];
  for (const sql of statements) await store.all(sql);
  return name;
}

export async function dropRollups(store: ArchiveStore, rollups: Rollups): Promise<void> {
  for (const part of PARTS) await store.all(`DROP TABLE IF EXISTS ${rollups[part]}`);
}
