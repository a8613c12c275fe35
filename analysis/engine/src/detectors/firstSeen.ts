import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, isoRange, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `first_seen`: an address, user agent or action an actor had never used, after warm-up.
 *
 * Statistic: for each actor and each value of `ip`, `user_agent` and `action`, the first row
 * carrying it. It is new when that row comes after the actor's warm-up: at least
 * `warmupEvents` earlier rows and `warmupHours` since the actor's first row (before that,
 * everything is new and nothing is learned). New values of one actor less than
 * `evidenceMinutes` apart form one finding; its evidence is the actor's rows with any of the
 * new values up to `evidenceMinutes` after the last. Severity medium when an address or user
 * agent is new (how a stolen login looks), info for an action alone (people take on new
 * tasks; it is context for the other findings, not a suspicion). Score = the number of new
 * values plus the warm-up rows seen (log) so long-established actors rank first.
 */
export const firstSeen: Detector = {
  id: 'first_seen',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.firstSeen;
    const sql = `
      WITH r AS (
        SELECT seq, ts, actor_id, ip, user_agent, action,
               row_number() OVER (PARTITION BY actor_id ORDER BY seq) AS n,
               min(ts) OVER (PARTITION BY actor_id) AS first_ts
        FROM ${ctx.source} WHERE actor_id IS NOT NULL),
      firsts AS (
        SELECT actor_id, 'address' AS dim, ip AS val, min(seq) AS s FROM r WHERE ip IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT actor_id, 'user agent', user_agent, min(seq) FROM r WHERE user_agent IS NOT NULL GROUP BY ALL
        UNION ALL
        SELECT actor_id, 'action', action, min(seq) FROM r GROUP BY ALL),
      fresh AS (
        SELECT f.actor_id, f.dim, f.val, r.ts, r.n FROM firsts f JOIN r ON r.seq = f.s
        WHERE r.n > ${num(s.warmupEvents)} AND r.ts >= r.first_ts + INTERVAL ${num(s.warmupHours)} HOUR),
      eps AS (
        SELECT *, sum(CASE WHEN prev IS NULL OR ts - prev > INTERVAL ${num(s.evidenceMinutes)} MINUTE THEN 1 ELSE 0 END)
          OVER (PARTITION BY actor_id ORDER BY ts) AS ep
        FROM (SELECT *, lag(ts) OVER (PARTITION BY actor_id ORDER BY ts) AS prev FROM fresh)),
      groups AS (
        SELECT actor_id, ep, min(ts) AS lo, max(ts) + INTERVAL ${num(s.evidenceMinutes)} MINUTE AS hi, min(n) AS n,
               list(DISTINCT val) FILTER (dim = 'address') AS ips,
               list(DISTINCT val) FILTER (dim = 'user agent') AS agents,
               list(DISTINCT val) FILTER (dim = 'action') AS actions, count(*) AS k
        FROM eps GROUP BY ALL)
      SELECT CASE WHEN len(g.ips) > 0 OR len(g.agents) > 0 THEN 'medium' ELSE 'info' END AS severity,
             g.k + ln(g.n) AS score, g.actor_id AS actor, NULL AS entity, ${isoRange('min(r.ts)', 'max(r.ts)')},
             count(*) AS count, ${evidenceList(ctx, 'r.seq')} AS evidence,
             array_to_string(g.ips, ', ') AS ips, array_to_string(g.agents, ' | ') AS agents,
             array_to_string(g.actions, ', ') AS actions, g.n AS known
      FROM groups g JOIN r ON r.actor_id = g.actor_id AND r.ts BETWEEN g.lo AND g.hi
        AND (list_contains(g.ips, r.ip) OR list_contains(g.agents, r.user_agent) OR list_contains(g.actions, r.action))
      GROUP BY g.actor_id, g.ep, g.k, g.n, g.ips, g.agents, g.actions ORDER BY score DESC`;
    return runFindings(ctx, 'first_seen', sql, (r) => {
      const parts = [
        text(r, 'ips') && `address ${text(r, 'ips')}`,
        text(r, 'agents') && `user agent ${text(r, 'agents')}`,
        text(r, 'actions') && `action ${text(r, 'actions')}`,
      ].filter(Boolean);
      return `${text(r, 'actor')} used a new ${parts.join('; new ')} from ${shortTime(text(r, 'from_iso'))}, after ${text(r, 'known')} known events`;
    });
  },
};
