import type { Detector, DetectorContext, Finding } from './types.js';
import { isoSql } from '../store/ArchiveStore.js';
import { num, runFindings, text } from './sqlKit.js';

/**
 * `sequence_gap`: numbered records missing from a series.
 *
 * Statistic: source ids ending in a number are split into a prefix and the number (`3:136`
 * is series `3:`, number 136; `ev_1501` series `ev_`). A series is numbered when it has at
 * least `minRun` records and at least `minRegularity` of its consecutive numbers differ by
 * exactly 1; then every jump of more than 1 is a finding, with the records either side as
 * evidence and the missing count as its count. UUIDs and other unnumbered ids form no series.
 * Under a time filter only gaps inside the range are seen. Severity high: a numbered log
 * does not skip by itself. Score = missing records.
 */
export const sequenceGap: Detector = {
  id: 'sequence_gap',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.sequenceGap;
    const sql = `
      WITH p AS (
        SELECT seq, ts, source_id, regexp_extract(source_id, '^(.*?)([0-9]+)$', 1) AS prefix,
               try_cast(regexp_extract(source_id, '([0-9]+)$', 1) AS BIGINT) AS n
        FROM ${ctx.source} WHERE regexp_matches(source_id, '[0-9]$')),
      o AS (
        SELECT *, lag(n) OVER w AS pn, lag(seq) OVER w AS pseq, lag(ts) OVER w AS pts, lag(source_id) OVER w AS pid
        FROM p WHERE n IS NOT NULL WINDOW w AS (PARTITION BY prefix ORDER BY n)),
      series AS (
        SELECT prefix, count(*) AS c, avg(CASE WHEN n - pn = 1 THEN 1.0 ELSE 0.0 END) AS reg
        FROM o WHERE pn IS NOT NULL GROUP BY 1)
      SELECT 'high' AS severity, n - pn - 1 AS score, NULL AS actor, NULL AS entity,
             ${isoSql('least(pts, ts)')} AS from_iso, ${isoSql('greatest(pts, ts)')} AS to_iso,
             n - pn - 1 AS count, [pseq, seq] AS evidence, pid, source_id, prefix, pn, n
      FROM o JOIN series USING (prefix)
      WHERE series.c >= ${num(s.minRun)} AND series.reg >= ${num(s.minRegularity)} AND n - pn > 1
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
