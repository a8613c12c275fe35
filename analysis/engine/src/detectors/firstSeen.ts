import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, isoRange, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `first_seen`: an address, user agent or action an actor had never used, after warm-up.
 *
 * Statistic: for each actor and each value of `ip`, `user_agent` and `action`, the first row
 * carrying it. It is new when that row comes after the actor's warm-up: at least
 * `warmupEvents` rows in the clock hours before its own and `warmupHours` since the actor's
 * first row (before that, everything is new and nothing is learned). New values of one actor less than
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
    const { firsts, actors, hours } = ctx.rollups;
    const sql = `
      WITH cand AS (
        SELECT f.actor_id, f.dim, f.val, f.first_ts AS ts, f.first_seq AS seq FROM ${firsts} f JOIN ${actors} a USING (actor_id)
        WHERE f.first_ts >= a.first_ts + INTERVAL ${num(s.warmupHours)} HOUR),
      fresh AS (
        SELECT c.*, sum(h.n) AS n FROM cand c JOIN ${hours} h ON h.actor_id = c.actor_id AND h.hn < epoch_ms(c.ts) // 3600000
        GROUP BY ALL HAVING sum(h.n) >= ${num(s.warmupEvents)}),
      eps AS (
        SELECT *, sum(CASE WHEN prev IS NULL OR epoch_ms(ts) - epoch_ms(prev) > ${num(s.evidenceMinutes * 60_000)} THEN 1 ELSE 0 END)
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
      FROM groups g JOIN ${ctx.source} r ON r.actor_id = g.actor_id AND r.ts BETWEEN g.lo AND g.hi
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
