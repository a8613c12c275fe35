import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, figure, isoRange, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `volume_spike`: an hour in which an actor did far more than it does at that hour.
 *
 * Statistic: c = the actor's operations in one clock hour (UTC) of one day. Its baseline is
 * the actor's own counts at the same hour of day on the other days it was active (0 where it
 * was active that day but not in that hour); robust z = 0.6745·(c − median)/MAD over those
 * counts. The scale is the larger of that MAD, the MAD of all the actor's active hours and 1:
 * an actor that is seldom active at some hour (MAD 0 there) keeps the spread its work shows
 * elsewhere, so only hours that would stand out in any hour of its day fire. Fires when
 * z ≥ `minZ`, c ≥ `minCount` and the actor was active on at least `minDays` other days.
 * Comparing like hours with like keeps daily rhythms (a 05:00 batch, a 10:00 rush) from
 * firing every day. Rows of a bulk operation or rollback (`parent_id` set) count once,
 * through their parent: one bulk update of 500 rows is one decision, not 500.
 * Severity: high when z ≥ 2·minZ, else medium.
 */
export const volumeSpike: Detector = {
  id: 'volume_spike',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.volumeSpike;
    const sql = `
      WITH ops AS (
        SELECT seq, ts, actor_id, action, date_trunc('day', ts) AS d, hour(ts) AS h FROM ${ctx.source}
        WHERE actor_id IS NOT NULL AND parent_id IS NULL),
      cells AS (SELECT actor_id, d, h, count(*) AS c FROM ops GROUP BY ALL),
      days AS (SELECT DISTINCT actor_id, d FROM cells),
      grid AS (
        SELECT days.actor_id, days.d, hs.h, coalesce(cells.c, 0) AS c
        FROM days CROSS JOIN range(24) hs(h) LEFT JOIN cells USING (actor_id, d, h)),
      judged AS (
        SELECT cells.actor_id, cells.d, cells.h, cells.c, median(g.c) AS m, count(*) AS others
        FROM cells JOIN grid g ON g.actor_id = cells.actor_id AND g.h = cells.h AND g.d <> cells.d
        WHERE cells.c >= ${num(s.minCount)} GROUP BY ALL HAVING count(*) >= ${num(s.minDays)}),
      scaled AS (
        SELECT j.actor_id, j.d, j.h, any_value(j.c) AS c, any_value(j.m) AS m, median(abs(g.c - j.m)) AS mad
        FROM judged j JOIN grid g ON g.actor_id = j.actor_id AND g.h = j.h AND g.d <> j.d GROUP BY ALL),
      overall AS (
        SELECT actor_id, median(abs(c - m)) AS mad_all
        FROM (SELECT actor_id, c, median(c) OVER (PARTITION BY actor_id) AS m FROM cells) GROUP BY 1),
      spikes AS (
        SELECT * FROM (
          SELECT scaled.*, 0.6745 * (c - m) / greatest(mad, overall.mad_all, 1) AS z
          FROM scaled JOIN overall USING (actor_id))
        WHERE z >= ${num(s.minZ)})
      SELECT CASE WHEN any_value(sp.z) >= ${num(2 * s.minZ)} THEN 'high' ELSE 'medium' END AS severity,
             any_value(sp.z) AS score, sp.actor_id AS actor, NULL AS entity, ${isoRange('min(o.ts)', 'max(o.ts)')},
             count(*) AS count, ${evidenceList(ctx, 'o.seq')} AS evidence, any_value(sp.m) AS median,
             mode(o.action) AS top_action
      FROM spikes sp JOIN ops o ON o.actor_id = sp.actor_id AND o.d = sp.d AND o.h = sp.h
      GROUP BY sp.actor_id, sp.d, sp.h ORDER BY score DESC`;
    return runFindings(
      ctx,
      'volume_spike',
      sql,
      (r) =>
        `${text(r, 'actor')} did ${figure(r, 'count')} operations in the hour from ${shortTime(text(r, 'from_iso'))} (usually ${figure(r, 'median')} at that hour; mostly ${text(r, 'top_action')}), robust z ${figure(r, 'score')}`,
    );
  },
};
