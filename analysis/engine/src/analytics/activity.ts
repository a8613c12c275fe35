import type { ArchiveStore, Row } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { compileFilter } from './filter.js';
import { latestSessions } from './sessions.js';
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
  // One statement for what is per actor (its peers' statistics need every actor, the output
  // the `limit` busiest), one for sessions. Each reads `events` once per use rather than
  // through a shared CTE of the selection: DuckDB materialises a CTE read twice, a copy of
  // millions of rows; the small per-actor CTEs it materialises are what is shared.
  const where = `actor_id IS NOT NULL AND (${f.clause})`;
  const actors = await store.json(
    `WITH per_actor AS (
       SELECT actor_id, mode(actor_type) AS t, mode(actor_role) AS role, min(ts) AS lo, max(ts) AS hi, count(*) AS n,
              count(DISTINCT epoch_ms(ts) // 86400000) AS days,
              list(DISTINCT ip) FILTER (ip IS NOT NULL) AS ips,
              list(DISTINCT user_agent) FILTER (user_agent IS NOT NULL) AS agents
       FROM events WHERE ${where} GROUP BY 1),
     top AS (SELECT * FROM per_actor ORDER BY n DESC, actor_id LIMIT ${limit}),
     -- distinct entities as a second grouping, a fifth faster than count(DISTINCT) at millions of pairs
     entities AS (
       SELECT actor_id, count(entity_id) AS entities FROM (
         SELECT actor_id, entity_id FROM events WHERE ${where} AND actor_id IN (SELECT actor_id FROM top) GROUP BY ALL)
       GROUP BY 1),
     c AS (SELECT actor_id, action, count(*) AS n FROM events WHERE ${where} GROUP BY ALL),
     ${PEER_SQL},
     acts AS (SELECT actor_id, list({'action': action, 'n': n} ORDER BY n DESC, action) AS actions FROM c GROUP BY 1),
     peers AS (SELECT actor_id, list({'feature': feature, 'z': z}) AS peers FROM z GROUP BY 1)
     SELECT actor_id, t, role, ${isoSql('lo')} AS first, ${isoSql('hi')} AS last, n, coalesce(entities, 0) AS entities,
            ips, agents, actions, peers
     FROM top LEFT JOIN entities USING (actor_id) LEFT JOIN acts USING (actor_id) LEFT JOIN peers USING (actor_id)
     ORDER BY n DESC, actor_id`,
    f.params,
  );
  // Sessions only for the actors returned, and at most `maxSessions` (the latest) each: a
  // million-event archive holds a hundred thousand sessions nobody reads as a list.
  const sessions = await latestSessions(
    store,
    f,
    actors.map((a) => String(a['actor_id'])),
    { gapMinutes: gap, maxSessions },
  );
  const out = new Map<string, ActorActivity>();
  for (const a of actors) {
    const id = String(a['actor_id']);
    const actions: Record<string, number> = {};
    for (const r of (a['actions'] as Row[] | null) ?? []) actions[String(r['action'])] = Number(r['n']);
    const peers: Record<string, number> = {};
    for (const r of (a['peers'] as Row[] | null) ?? []) {
      peers[String(r['feature'])] = Math.round(Number(r['z']) * 100) / 100;
    }
    out.set(id, {
      actor: id,
      actorType: (a['t'] as string | null) ?? null,
      role: (a['role'] as string | null) ?? null,
      firstSeen: String(a['first']),
      lastSeen: String(a['last']),
      events: Number(a['n']),
      entities: Number(a['entities']),
      actions,
      ips: ((a['ips'] as string[] | null) ?? []).sort(),
      userAgents: ((a['agents'] as string[] | null) ?? []).sort(),
      sessions: [],
      peerDeviation: peers,
    });
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

/**
 * Robust z of each actor against its peers (same actor type and role), as `z(actor_id,
 * feature, z)`: events per active day and each action's share of the actor's events, over
 * `per_actor` and `c` (rows per actor and action) of the statement it joins.
 */
const PEER_SQL = `a AS (SELECT actor_id, t, coalesce(role, '') AS role, n, n / days AS per_day FROM per_actor),
     feats AS (
       SELECT actor_id, t, role, 'events_per_day' AS feature, per_day AS x FROM a
       UNION ALL
       SELECT a.actor_id, a.t, a.role, 'share_' || acts.action, coalesce(c.n, 0) / a.n
       FROM a CROSS JOIN (SELECT DISTINCT action FROM c) acts
       LEFT JOIN c ON c.actor_id = a.actor_id AND c.action = acts.action),
     stats AS (SELECT t, role, feature, median(x) AS m, count(*) AS np FROM feats GROUP BY ALL),
     mads AS (SELECT f.t, f.role, f.feature, any_value(s.m) AS m, median(abs(f.x - s.m)) AS mad, any_value(s.np) AS np
              FROM feats f JOIN stats s USING (t, role, feature) GROUP BY ALL),
     z AS (SELECT f.actor_id, f.feature, 0.6745 * (f.x - m.m) / greatest(m.mad, abs(m.m) * 0.01, 0.01) AS z
           FROM feats f JOIN mads m USING (t, role, feature) WHERE m.np >= 3)`;
