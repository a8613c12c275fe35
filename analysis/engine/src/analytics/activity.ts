import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { compileFilter } from './filter.js';
import type { EventFilter } from './filter.js';

export interface ActorSession {
  id: string;
  from: string;
  to: string;
  events: number;
  entities: number;
}

export interface ActorActivity {
  actor: string;
  actorType: string | null;
  role: string | null;
  firstSeen: string;
  lastSeen: string;
  events: number;
  entities: number;
  actions: Record<string, number>;
  ips: string[];
  userAgents: string[];
  sessions: ActorSession[];
  /**
   * How far the actor is from its peers (same actor type and role): for events per active
   * day and for each action's share of its events, robust z = 0.6745·(x − median)/MAD over
   * the peers (MAD floored at 1 % of the median or 0.01). Empty with fewer than 3 peers.
   */
  peerDeviation: Record<string, number>;
}

/**
 * Per-actor activity for the actors of the selection (the `limit` busiest). A session is the
 * source's session id where it has one, else a run of events with no gap over `gapMinutes`;
 * each actor lists its latest `maxSessions` (default 200).
 */
export async function actorActivity(
  store: ArchiveStore,
  filter: EventFilter = {},
  options: { gapMinutes?: number; limit?: number; maxSessions?: number } = {},
): Promise<ActorActivity[]> {
  const f = compileFilter(filter);
  const gap = Math.max(1, Math.floor(options.gapMinutes ?? 30));
  const limit = Math.max(1, Math.floor(options.limit ?? 100));
  const maxSessions = Math.max(1, Math.floor(options.maxSessions ?? 200));
  // Only the columns used: `SELECT *` would carry every state and raw record through each CTE.
  const base = `SELECT seq, ts, actor_id, actor_type, actor_role, session_id, ip, user_agent, action, entity_id
                FROM events WHERE actor_id IS NOT NULL AND (${f.clause})`;
  const actors = await store.json(
    `WITH sel AS (${base})
     SELECT actor_id, mode(actor_type) AS t, mode(actor_role) AS role, ${isoSql('min(ts)')} AS first,
            ${isoSql('max(ts)')} AS last, count(*) AS n, count(DISTINCT entity_id) AS entities,
            list(DISTINCT ip) FILTER (ip IS NOT NULL) AS ips,
            list(DISTINCT user_agent) FILTER (user_agent IS NOT NULL) AS agents
     FROM sel GROUP BY 1 ORDER BY n DESC, actor_id LIMIT ${limit}`,
    f.params,
  );
  const actions = await store.json(
    `SELECT actor_id, action, count(*) AS n FROM (${base}) GROUP BY ALL ORDER BY 1, 3 DESC`,
    f.params,
  );
  // Sessions only for the actors returned, and at most `maxSessions` (the latest) each: a
  // million-event archive holds a hundred thousand sessions nobody reads as a list. The gap
  // rule needs a window over time, but only for the rows without the source's session id.
  const sessions = await store.json(
    `WITH sel AS (${base}),
     top AS (SELECT actor_id FROM sel GROUP BY 1 ORDER BY count(*) DESC, actor_id LIMIT ${limit}),
     mine AS (SELECT * FROM sel SEMI JOIN top USING (actor_id)),
     gapped AS (
       SELECT actor_id, 'gap#' || sum(CASE WHEN prev IS NULL OR ts - prev > INTERVAL ${gap} MINUTE THEN 1 ELSE 0 END)
                OVER (PARTITION BY actor_id ORDER BY seq) AS sid, ts, entity_id
       FROM (SELECT *, lag(ts) OVER (PARTITION BY actor_id ORDER BY seq) AS prev FROM mine WHERE session_id IS NULL)),
     marked AS (
       SELECT actor_id, session_id AS sid, ts, entity_id FROM mine WHERE session_id IS NOT NULL
       UNION ALL SELECT * FROM gapped),
     -- distinct entities as a second grouping: a count(DISTINCT) per session keeps a hash set
     -- for each of a hundred thousand sessions
     per_entity AS (
       SELECT actor_id, sid, entity_id, min(ts) AS lo, max(ts) AS hi, count(*) AS n FROM marked GROUP BY ALL),
     agg AS (
       SELECT actor_id, sid, min(lo) AS lo, max(hi) AS hi, sum(n) AS n, count(entity_id) AS entities
       FROM per_entity GROUP BY ALL),
     latest AS (SELECT * FROM agg QUALIFY row_number() OVER (PARTITION BY actor_id ORDER BY lo DESC) <= ${maxSessions})
     SELECT actor_id, sid, ${isoSql('lo')} AS lo, ${isoSql('hi')} AS hi, n, entities FROM latest ORDER BY actor_id, latest.lo`,
    f.params,
  );
  const peers = await peerScores(store, base, f.params);
  const out = new Map<string, ActorActivity>();
  for (const a of actors) {
    const id = String(a['actor_id']);
    out.set(id, {
      actor: id,
      actorType: (a['t'] as string | null) ?? null,
      role: (a['role'] as string | null) ?? null,
      firstSeen: String(a['first']),
      lastSeen: String(a['last']),
      events: Number(a['n']),
      entities: Number(a['entities']),
      actions: {},
      ips: ((a['ips'] as string[] | null) ?? []).sort(),
      userAgents: ((a['agents'] as string[] | null) ?? []).sort(),
      sessions: [],
      peerDeviation: peers.get(id) ?? {},
    });
  }
  for (const r of actions) {
    const a = out.get(String(r['actor_id']));
    if (a) a.actions[String(r['action'])] = Number(r['n']);
  }
  for (const r of sessions) {
    out.get(String(r['actor_id']))?.sessions.push({
      id: String(r['sid']),
      from: String(r['lo']),
      to: String(r['hi']),
      events: Number(r['n']),
      entities: Number(r['entities']),
    });
  }
  return [...out.values()];
}

async function peerScores(
  store: ArchiveStore,
  base: string,
  params: Parameters<ArchiveStore['json']>[1],
): Promise<Map<string, Record<string, number>>> {
  const rows = await store.json(
    `WITH sel AS (${base}),
     a AS (SELECT actor_id, mode(actor_type) AS t, coalesce(mode(actor_role), '') AS role, count(*) AS n,
                  count(*) / count(DISTINCT epoch_ms(ts) // 86400000) AS per_day FROM sel GROUP BY 1),
     feats AS (
       SELECT actor_id, t, role, 'events_per_day' AS feature, per_day AS x FROM a
       UNION ALL
       SELECT a.actor_id, a.t, a.role, 'share_' || acts.action, coalesce(c.n, 0) / a.n
       FROM a CROSS JOIN (SELECT DISTINCT action FROM sel) acts
       LEFT JOIN (SELECT actor_id, action, count(*) AS n FROM sel GROUP BY ALL) c
         ON c.actor_id = a.actor_id AND c.action = acts.action),
     stats AS (SELECT t, role, feature, median(x) AS m, count(*) AS np FROM feats GROUP BY ALL),
     mads AS (SELECT f.t, f.role, f.feature, any_value(s.m) AS m, median(abs(f.x - s.m)) AS mad, any_value(s.np) AS np
              FROM feats f JOIN stats s USING (t, role, feature) GROUP BY ALL)
     SELECT f.actor_id, f.feature, 0.6745 * (f.x - m.m) / greatest(m.mad, abs(m.m) * 0.01, 0.01) AS z
     FROM feats f JOIN mads m USING (t, role, feature) WHERE m.np >= 3`,
    params,
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const id = String(r['actor_id']);
    const entry = out.get(id) ?? {};
    entry[String(r['feature'])] = Math.round(Number(r['z']) * 100) / 100;
    out.set(id, entry);
  }
  return out;
}
