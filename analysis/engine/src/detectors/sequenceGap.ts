import type { Detector, DetectorContext, Finding } from './types.js';
import { isoSql } from '../store/ArchiveStore.js';
import { num, runFindings, text } from './sqlKit.js';

/**
 * `sequence_gap`: numbered records missing from a series.
 *
 * Statistic: source ids ending in a number are split into a prefix and the number (`3:136`
 * is series `3:`, number 136; `ev_1501` series `ev_`). A series is numbered when it has at
 * least `minRun` records and at least `minRegularity` of its consecutive numbers (in number
 * order) differ by exactly 1; then every jump of more than 1 is a finding, with the records either side as
 * evidence and the missing count as its count. UUIDs and other unnumbered ids form no series.
 * Under a time filter only gaps inside the range are seen. Severity high: a numbered log
 * does not skip by itself. Score = missing records.
 */
export const sequenceGap: Detector = {
  id: 'sequence_gap',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.sequenceGap;
    // Hash joins rather than a window ordered by number: the whole log is often one series,
    // and a sort of millions of rows costs seconds where an anti-join costs a fraction.
    const sql = `
      WITH p AS (
        SELECT seq, ts, source_id, rtrim(source_id, '0123456789') AS prefix,
               try_cast(source_id[length(rtrim(source_id, '0123456789')) + 1:] AS BIGINT) AS n
        FROM ${ctx.source} WHERE source_id[-1:] BETWEEN '0' AND '9'),
      series AS (
        SELECT prefix, count(*) AS c, count(DISTINCT n) AS dn, min(n) AS lo, max(n) AS hi
        FROM p WHERE n IS NOT NULL GROUP BY 1 HAVING count(*) >= ${num(s.minRun)}),
      sp AS (SELECT p.*, series.lo, series.hi FROM p JOIN series USING (prefix) WHERE p.n IS NOT NULL),
      starts AS (
        SELECT *, row_number() OVER (PARTITION BY prefix ORDER BY n) AS k FROM (
          SELECT a.* FROM sp a ANTI JOIN sp b ON b.prefix = a.prefix AND b.n = a.n + 1 WHERE a.n < a.hi)),
      ends AS (
        SELECT *, row_number() OVER (PARTITION BY prefix ORDER BY n) AS k FROM (
          SELECT a.* FROM sp a ANTI JOIN sp b ON b.prefix = a.prefix AND b.n = a.n - 1 WHERE a.n > a.lo)),
      gaps AS (
        SELECT s.prefix, s.n AS pn, s.seq AS pseq, s.ts AS pts, s.source_id AS pid, e.n, e.seq, e.ts, e.source_id,
               count(*) OVER (PARTITION BY s.prefix) AS ngaps
        FROM starts s JOIN ends e ON e.prefix = s.prefix AND e.k = s.k)
      SELECT 'high' AS severity, n - pn - 1 AS score, NULL AS actor, NULL AS entity,
             ${isoSql('least(pts, ts)')} AS from_iso, ${isoSql('greatest(pts, ts)')} AS to_iso,
             n - pn - 1 AS count, [pseq, seq] AS evidence, pid, source_id, prefix, pn, n
      FROM gaps JOIN series USING (prefix)
      WHERE (series.dn - 1 - gaps.ngaps) / (series.c - 1) >= ${num(s.minRegularity)}
      ORDER BY score DESC, seq`;
    return runFindings(ctx, 'sequence_gap', sql, (r) => {
      const missing = Number(r['count']);
      const first = `${text(r, 'prefix')}${Number(r['pn']) + 1}`;
      const last = `${text(r, 'prefix')}${Number(r['n']) - 1}`;
      const range = missing === 1 ? first : `${first} … ${last}`;
      return `${missing} record(s) missing from the numbered series ${text(r, 'prefix')}: ${range} (between ${text(r, 'pid')} and ${text(r, 'source_id')})`;
    });
  },
};
