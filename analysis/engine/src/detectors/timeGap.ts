import type { Detector, DetectorContext, Finding } from './types.js';
import { isoSql } from '../store/ArchiveStore.js';
import { figure, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `time_gap`: a silence in the log when the system is normally busy.
 *
 * Statistic: for every gap of at least `minGapMinutes` between consecutive rows, take the
 * clock hours (UTC) wholly inside it; for each, p = the share of the archive's other days on
 * which that hour of day had at least one row. busy = Σ p is how many of those hours would
 * have held activity on an ordinary day. Fires when busy ≥ `minBusyHours` and the archive
 * spans at least `minDays` days (fewer days teach nothing about a day's rhythm). A quiet
 * night or weekend is silent on other days too, so it adds little; six missing office hours
 * add nearly six. Severity high when busy ≥ 2·minBusyHours, else medium. Score = busy.
 */
export const timeGap: Detector = {
  id: 'time_gap',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.timeGap;
    const sql = `
      -- seq is dense and in time order, so the previous row is seq − 1: a parallel hash join
      -- instead of a single-threaded sort for lag() (7 s → well under 1 s at a million rows).
      WITH gaps AS (
        SELECT e.seq, e.ts, p.ts AS pts, p.seq AS pseq FROM ${ctx.source} e JOIN ${ctx.source} p ON p.seq = e.seq - 1
        WHERE e.ts - p.ts >= INTERVAL ${num(s.minGapMinutes)} MINUTE),
      span AS (SELECT date_diff('day', min(ts), max(ts)) + 1 AS days FROM ${ctx.source}),
      hour_days AS (
        SELECT h, count(*) AS d FROM (SELECT DISTINCT date_trunc('day', ts) AS day, hour(ts) AS h FROM ${ctx.source})
        GROUP BY 1),
      cells AS (
        SELECT gaps.seq, unnest(generate_series(date_trunc('hour', gaps.pts) + INTERVAL 1 HOUR,
                                               date_trunc('hour', gaps.ts) - INTERVAL 1 HOUR, INTERVAL 1 HOUR)) AS cell
        FROM gaps),
      busy AS (
        SELECT cells.seq, sum(coalesce(hd.d, 0) / greatest((SELECT days FROM span) - 1, 1)) AS busy, count(*) AS hours
        FROM cells LEFT JOIN hour_days hd ON hd.h = hour(cells.cell) GROUP BY 1)
      SELECT CASE WHEN busy.busy >= ${num(2 * s.minBusyHours)} THEN 'high' ELSE 'medium' END AS severity,
             busy.busy AS score, NULL AS actor, NULL AS entity, ${isoSql('gaps.pts')} AS from_iso,
             ${isoSql('gaps.ts')} AS to_iso, 0 AS count, [gaps.pseq, gaps.seq] AS evidence,
             date_diff('second', gaps.pts, gaps.ts) / 3600.0 AS gap_hours, busy.hours AS hours
      FROM gaps JOIN busy USING (seq)
      WHERE busy.busy >= ${num(s.minBusyHours)} AND (SELECT days FROM span) >= ${num(s.minDays)}
      ORDER BY score DESC`;
    return runFindings(
      ctx,
      'time_gap',
      sql,
      (r) =>
        `no records for ${figure(r, 'gap_hours')} h between ${shortTime(text(r, 'from_iso'))} and ${shortTime(text(r, 'to_iso'))}; on other days ${figure(r, 'score')} of these ${figure(r, 'hours')} hours held activity`,
    );
  },
};
