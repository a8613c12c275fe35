import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, figure, isoRange, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `off_hours`: activity outside the hours an actor has learned to work.
 *
 * Statistic: the actor's hour-of-day histogram (UTC), learned leave-one-day-out: for an
 * event at hour h on day d, share = the actor's events in hours h−1..h+1 (circular) on
 * every other day ÷ its events on every other day. An event is off-hours when share <
 * `maxShare` (default 2 %; an even spread gives 12.5 %), the actor has at least `minHistory`
 * events on other days and was active on more than `minDays` other days (fewer teach no rhythm).
 * Off-hours events of one actor on one day less than an hour apart form one finding, kept
 * when it holds at least `minEvents` events. Leaving the day out matters: a night of
 * sabotage must not teach the histogram that night is normal. A night-shift worker's
 * nights are in its histogram, so only its day-time excursions would fire.
 * Score = 1 − share/maxShare scaled by the events. Severity high at 10× minEvents, or at 4×
 * minEvents in hours that held almost none of the actor's activity on other days (share ≤
 * maxShare/20: a whole session at an hour the account has never kept); medium otherwise.
 */
export const offHours: Detector = {
  id: 'off_hours',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.offHours;
    const sql = `
      WITH dh AS (SELECT actor_id, d, h, hn, ops AS c FROM ${ctx.rollups.hours} WHERE actor_id IS NOT NULL AND ops > 0),
      -- slot h = hours h−1..h+1 (circular): over all days from the hour-of-day totals, and for
      -- the cell's own day from its two neighbour cells (hash joins on small tables, no spread)
      hist AS (SELECT actor_id, h, sum(c) AS c FROM dh GROUP BY ALL),
      slot_all AS (
        SELECT a.actor_id, a.h, sum(b.c) AS c
        FROM (SELECT DISTINCT actor_id, h FROM dh) a JOIN hist b ON b.actor_id = a.actor_id AND (b.h - a.h + 25) % 24 <= 2
        GROUP BY ALL),
      day_tot AS (SELECT actor_id, d, sum(c) AS c FROM dh GROUP BY ALL),
      tot AS (SELECT actor_id, sum(c) AS c, count(DISTINCT d) AS nd FROM dh GROUP BY ALL),
      judged AS (
        SELECT x.actor_id, x.d, x.h, x.hn,
               (sa.c - x.c - coalesce(p.c, 0) - coalesce(n.c, 0)) / (tot.c - dt.c) AS share
        FROM dh x JOIN slot_all sa USING (actor_id, h) JOIN tot USING (actor_id) JOIN day_tot dt USING (actor_id, d)
          LEFT JOIN dh p ON p.actor_id = x.actor_id AND p.d = x.d AND p.h = (x.h + 23) % 24
          LEFT JOIN dh n ON n.actor_id = x.actor_id AND n.d = x.d AND n.h = (x.h + 1) % 24
        WHERE tot.c - dt.c >= ${num(s.minHistory)} AND tot.nd > ${num(s.minDays)}),
      off_cells AS (SELECT actor_id, hn, share FROM judged WHERE share < ${num(s.maxShare)}),
      off AS (
        SELECT e.seq, e.ts, e.actor_id, c.share FROM ${ctx.source} e
        JOIN off_cells c ON c.actor_id = e.actor_id AND epoch_ms(e.ts) // 3600000 = c.hn
        WHERE e.parent_id IS NULL),
      grouped AS (
        SELECT *, sum(CASE WHEN prev IS NULL OR epoch_ms(ts) - epoch_ms(prev) > 3600000 THEN 1 ELSE 0 END)
          OVER (PARTITION BY actor_id ORDER BY ts) AS ep
        FROM (SELECT *, lag(ts) OVER (PARTITION BY actor_id ORDER BY ts) AS prev FROM off))
      SELECT CASE WHEN count(*) >= ${num(10 * s.minEvents)}
                    OR (max(share) <= ${num(s.maxShare / 20)} AND count(*) >= ${num(4 * s.minEvents)}) THEN 'high'
                  ELSE 'medium' END AS severity,
             (1 - max(share) / ${num(s.maxShare)}) * ln(1 + count(*)) AS score,
             actor_id AS actor, NULL AS entity, ${isoRange('min(ts)', 'max(ts)')}, count(*) AS count,
             ${evidenceList(ctx)} AS evidence, max(share) AS share
      FROM grouped GROUP BY actor_id, ep HAVING count(*) >= ${num(s.minEvents)} ORDER BY score DESC`;
    return runFindings(
      ctx,
      'off_hours',
      sql,
      (r) =>
        `${text(r, 'actor')} was active ${shortTime(text(r, 'from_iso'))}–${text(r, 'to_iso').slice(11, 16)} UTC (${figure(r, 'count')} events), hours that held ${(Number(r['share']) * 100).toFixed(2)} % of its activity on other days`,
    );
  },
};
