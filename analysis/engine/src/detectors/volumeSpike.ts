import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, figure, isoRange, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `volume_spike`: an hour in which an actor did far more than it does at that hour.
 *
 * Statistic: c = the actor's operations in one clock hour (UTC) of one day. Its baseline is
 * the actor's own counts at the same hour of day on every day it was active (0 where it was
 * active that day but not in that hour); robust z = 0.6745·(c − median)/MAD over those
 * counts. The scale is the larger of that MAD, the MAD of all the actor's active hours and 1:
 * an actor that is seldom active at some hour (MAD 0 there) keeps the spread its work shows
 * elsewhere, so only hours that would stand out in any hour of its day fire. Fires when
 * z ≥ `minZ`, c ≥ `minCount` and the actor was active on at least `minDays` other days.
 * Comparing like hours with like keeps daily rhythms (a 05:00 batch, a 10:00 rush) from
 * firing every day. Rows of a bulk operation or rollback (`parent_id` set) count once,
 * through their parent: one bulk update of 500 rows is one decision, not 500. (The hour
 * judged is in its own baseline: with the days `minDays` asks for, one day moves a median by
 * at most half a rank.) Severity medium, whatever z: people have busy hours (a deadline, a
 * clean-up, a game night), so a busy hour is context that becomes a finding beside another
 * kind of signal (`triage.ts`). Score = z.
 */
export const volumeSpike: Detector = {
  id: 'volume_spike',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.volumeSpike;
    const hours = ctx.rollups.hours;
    const sql = `
      WITH cells AS (SELECT actor_id, d, h, hn, ops AS c FROM ${hours} WHERE actor_id IS NOT NULL AND ops > 0),
      days AS (SELECT actor_id, count(DISTINCT d) AS nd FROM cells GROUP BY 1 HAVING count(DISTINCT d) > ${num(s.minDays)}),
      -- per (actor, hour of day): the counts on every active day, zeros included
      per_h AS (
        SELECT cells.actor_id, cells.h, list(cells.c) AS cs, any_value(days.nd) AS nd
        FROM cells JOIN days USING (actor_id) GROUP BY ALL),
      stats AS (
        SELECT actor_id, h, list_median(cs || list_resize([0]::BIGINT[], nd - len(cs), 0)) AS m,
               cs || list_resize([0]::BIGINT[], nd - len(cs), 0) AS all_cs
        FROM per_h),
      spread AS (
        SELECT actor_id, h, m, list_median(list_transform(all_cs, x -> abs(x - m))) AS mad FROM stats),
      overall AS (
        SELECT actor_id, median(abs(c - m)) AS mad_all
        FROM (SELECT actor_id, c, median(c) OVER (PARTITION BY actor_id) AS m FROM cells) GROUP BY 1),
      spikes AS (
        SELECT * FROM (
          SELECT cells.*, spread.m, 0.6745 * (cells.c - spread.m) / greatest(spread.mad, overall.mad_all, 1) AS z
          FROM cells JOIN spread USING (actor_id, h) JOIN overall USING (actor_id)
          WHERE cells.c >= ${num(s.minCount)})
        WHERE z >= ${num(s.minZ)})
      SELECT 'medium' AS severity,
             any_value(sp.z) AS score, sp.actor_id AS actor, NULL AS entity, ${isoRange('min(o.ts)', 'max(o.ts)')},
             count(*) AS count, ${evidenceList(ctx, 'o.seq')} AS evidence, any_value(sp.m) AS median,
             mode(o.action) AS top_action
      FROM spikes sp JOIN ${ctx.source} o ON o.actor_id = sp.actor_id AND epoch_ms(o.ts) // 3600000 = sp.hn
      WHERE o.parent_id IS NULL
      GROUP BY sp.actor_id, sp.hn ORDER BY score DESC`;
    return runFindings(
      ctx,
      'volume_spike',
      sql,
      (r) =>
        `${text(r, 'actor')} did ${figure(r, 'count')} operations in the hour from ${shortTime(text(r, 'from_iso'))} (usually ${figure(r, 'median')} at that hour; mostly ${text(r, 'top_action')}), robust z ${figure(r, 'score')}`,
    );
  },
};
