import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, figure, isoRange, num, runFindings, text } from './sqlKit.js';

/** Actions whose excess is a risk: doing more of them than one's peers is worth a look. */
const SENSITIVE = ['delete', 'export', 'permission_change', 'config_change', 'rollback', 'login_failed'];

/**
 * `peer_deviation`: an actor whose mix of actions is far from its peers'.
 *
 * Statistic: peers are the actors of the same `actor_type` and role (or of the same type
 * alone when the role has fewer than `minPeers`+1 actors). For each actor and normalised
 * action, share = its rows of that action ÷ all its rows; robust z = 0.6745·(share −
 * median)/max(MAD, 0.01) over the peer group, for the sensitive actions (`SENSITIVE`: deletes,
 * exports, permission and configuration changes, rollbacks, failed logins; doing more reads or
 * edits than one's peers is what a busy colleague does). Fires upward only (never fewer) when z ≥ `minZ` and the actor did at least
 * `minCount` such rows. Severity low, medium when z ≥ 2·minZ. Score = z.
 */
export const peerDeviation: Detector = {
  id: 'peer_deviation',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.peerDeviation;
    const sql = `
      WITH a AS (SELECT actor_id, t, role, n FROM ${ctx.rollups.actors}),
      grouped AS (
        SELECT *, CASE WHEN count(*) OVER (PARTITION BY t, role) > ${num(s.minPeers)} THEN role ELSE '*' END AS g FROM a),
      ac AS (
        SELECT actor_id, action, sum(c) AS c FROM ${ctx.rollups.actions}
        WHERE actor_id IS NOT NULL AND action IN (${SENSITIVE.map((a) => `'${a}'`).join(', ')}) GROUP BY ALL),
      acts AS (SELECT DISTINCT action FROM ac),
      share AS (
        SELECT grouped.actor_id, grouped.t, grouped.g, acts.action, coalesce(ac.c, 0) AS c,
               coalesce(ac.c, 0) / grouped.n AS sh
        FROM grouped CROSS JOIN acts LEFT JOIN ac ON ac.actor_id = grouped.actor_id AND ac.action = acts.action),
      med AS (SELECT t, g, action, median(sh) AS m, count(*) AS np FROM share GROUP BY ALL),
      mad AS (
        SELECT share.t, share.g, share.action, any_value(med.m) AS m, median(abs(share.sh - med.m)) AS mad,
               any_value(med.np) AS np
        FROM share JOIN med USING (t, g, action) GROUP BY ALL),
      z AS (
        SELECT share.*, mad.m, 0.6745 * (share.sh - mad.m) / greatest(mad.mad, 0.01) AS z
        FROM share JOIN mad USING (t, g, action)
        WHERE mad.np > ${num(s.minPeers)} AND share.c >= ${num(s.minCount)})
      SELECT CASE WHEN any_value(z.z) >= ${num(2 * s.minZ)} THEN 'medium' ELSE 'low' END AS severity,
             any_value(z.z) AS score, z.actor_id AS actor, NULL AS entity, ${isoRange('min(e.ts)', 'max(e.ts)')},
             count(*) AS count, ${evidenceList(ctx, 'e.seq')} AS evidence, z.action AS action,
             any_value(z.sh) AS sh, any_value(z.m) AS m, any_value(z.t) AS t, any_value(z.g) AS g
      FROM z JOIN ${ctx.source} e ON e.actor_id = z.actor_id AND e.action = z.action
      WHERE z.z >= ${num(s.minZ)} GROUP BY z.actor_id, z.action ORDER BY score DESC`;
    return runFindings(ctx, 'peer_deviation', sql, (r) => {
      const peers = ['*', ''].includes(text(r, 'g'))
        ? `${text(r, 't')} actors`
        : `${text(r, 't')} ${text(r, 'g')}s`;
      const pct = (k: string): string => `${(Number(r[k]) * 100).toFixed(1)} %`;
      return `${pct('sh')} of ${text(r, 'actor')}'s events are ${text(r, 'action')} (${figure(r, 'count')}), against a median of ${pct('m')} among ${peers} (robust z ${figure(r, 'score')})`;
    });
  },
};
