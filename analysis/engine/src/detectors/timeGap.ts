import type { Detector, DetectorContext, Finding } from './types.js';
import { isoSql } from '../store/ArchiveStore.js';
import { figure, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `time_gap`: a silence in the log when the system is normally busy.
 *
 * Statistic: for every silence of at least `minGapMinutes` between consecutive rows,
 * E = the rows the log would ordinarily have written in that time: Σ over the clock hours
 * (UTC) it covers of r_h × the part of the hour inside it, r_h being the archive's mean rows
 * per day at that hour of day. Fires when E ≥ `minExpected` and the archive spans at least
 * `minDays` days (less teaches nothing about a day's rhythm). If rows came as a Poisson stream,
 * a silence with E expected rows would happen by chance with probability e^−E: a quiet night
 * expects few rows and stays silent, six missing office hours expect thousands. Severity high
 * when E ≥ 10·minExpected, else medium. Score = E.
 */
export const timeGap: Detector = {
  id: 'time_gap',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.timeGap;
    const { minutes } = ctx.rollups;
    const sql = `
      -- consecutive busy minutes of the whole log: a silence is the time between them
      WITH gaps AS (
        SELECT first_seq AS seq, first_ts AS ts, pts, pseq FROM (
          SELECT first_seq, first_ts, lag(last_ts) OVER (ORDER BY mn) AS pts, lag(last_seq) OVER (ORDER BY mn) AS pseq
          FROM ${minutes})
        WHERE epoch_ms(ts) - epoch_ms(pts) >= ${num(s.minGapMinutes * 60_000)}),
      span AS (SELECT greatest((max(mn) - min(mn)) / 1440.0, 1) AS days FROM ${minutes}),
      rate AS (SELECT (mn // 60) % 24 AS h, sum(n) / (SELECT days FROM span) AS r FROM ${minutes} GROUP BY 1),
      cells AS (
        SELECT gaps.seq, cell,
               date_diff('millisecond', greatest(cell, gaps.pts), least(cell + INTERVAL 1 HOUR, gaps.ts)) / 3600000.0 AS part
        FROM gaps, unnest(generate_series(date_trunc('hour', gaps.pts), gaps.ts, INTERVAL 1 HOUR)) AS t(cell)),
      expected AS (
        SELECT cells.seq, sum(coalesce(rate.r, 0) * greatest(cells.part, 0)) AS e
        FROM cells LEFT JOIN rate ON rate.h = hour(cells.cell) GROUP BY 1)
      SELECT CASE WHEN expected.e >= ${num(10 * s.minExpected)} THEN 'high' ELSE 'medium' END AS severity,
             expected.e AS score, NULL AS actor, NULL AS entity, ${isoSql('gaps.pts')} AS from_iso,
             ${isoSql('gaps.ts')} AS to_iso, 0 AS count, [gaps.pseq, gaps.seq] AS evidence,
             date_diff('second', gaps.pts, gaps.ts) / 3600.0 AS gap_hours
      FROM gaps JOIN expected USING (seq)
      WHERE expected.e >= ${num(s.minExpected)} AND (SELECT days FROM span) >= ${num(s.minDays)}
      ORDER BY score DESC`;
    return runFindings(
      ctx,
      'time_gap',
      sql,
      (r) =>
        `no records for ${figure(r, 'gap_hours')} h between ${shortTime(text(r, 'from_iso'))} and ${shortTime(text(r, 'to_iso'))}, where the log ordinarily writes about ${Math.round(Number(r['score']))}`,
    );
  },
};
