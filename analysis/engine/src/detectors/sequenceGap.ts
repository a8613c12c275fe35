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
/** Above this many rows, series are first looked for in a sample (see below). */
const SAMPLE_ABOVE = 200_000;

export const sequenceGap: Detector = {
  id: 'sequence_gap',
  async run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.sequenceGap;
    const prefixOf = `rtrim(source_id, '0123456789')`;
    const numbered = `${ctx.source} WHERE source_id[-1:] BETWEEN '0' AND '9'`;
    // Splitting every id costs a pass of string work over the whole log; most logs whose ids
    // are UUIDs hold no series at all. Above SAMPLE_ABOVE rows a 2 % sample of row blocks finds
    // the prefixes that repeat, and only those are split in full (a series of a few dozen ids
    // hidden among millions of others can escape the sample).
    const [size] = await ctx.store.json(`SELECT sum(n) AS n FROM ${ctx.rollups.minutes}`);
    let restrict = '';
    const temp = `${ctx.rollups.minutes}_series`;
    if (Number(size?.['n'] ?? 0) > SAMPLE_ABOVE) {
      await ctx.store.all(
        `CREATE TEMP TABLE ${temp} AS SELECT ${prefixOf} AS prefix FROM ${ctx.source} TABLESAMPLE 2 PERCENT (system)
         WHERE source_id[-1:] BETWEEN '0' AND '9' GROUP BY 1 HAVING count(*) >= 2`,
      );
      const [found] = await ctx.store.json(`SELECT count(*) AS n FROM ${temp}`);
      if (Number(found?.['n'] ?? 0) === 0) {
        await ctx.store.all(`DROP TABLE ${temp}`);
        return [];
      }
      restrict = `SEMI JOIN ${temp} USING (prefix)`;
    }
    // Hash joins rather than a window ordered by number: the whole log is often one series,
    // and a sort of millions of rows costs seconds where an anti-join costs a fraction.
    const sql = `
      WITH p AS (
        SELECT * FROM (
          SELECT seq, ${prefixOf} AS prefix, try_cast(source_id[length(${prefixOf}) + 1:] AS BIGINT) AS n
          FROM ${numbered}) ${restrict}),
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
      pairs AS (
        SELECT s.prefix, s.n AS pn, s.seq AS pseq, e.n, e.seq, count(*) OVER (PARTITION BY s.prefix) AS ngaps
        FROM starts s JOIN ends e ON e.prefix = s.prefix AND e.k = s.k),
      gaps AS (
        SELECT pairs.*, a.ts AS pts, a.source_id AS pid, b.ts, b.source_id
        FROM pairs JOIN ${ctx.source} a ON a.seq = pairs.pseq JOIN ${ctx.source} b ON b.seq = pairs.seq)
      SELECT 'high' AS severity, n - pn - 1 AS score, NULL AS actor, NULL AS entity,
             ${isoSql('least(pts, ts)')} AS from_iso, ${isoSql('greatest(pts, ts)')} AS to_iso,
             n - pn - 1 AS count, [pseq, seq] AS evidence, pid, source_id, prefix, pn, n
      FROM gaps JOIN series USING (prefix)
      WHERE (series.dn - 1 - gaps.ngaps) / (series.c - 1) >= ${num(s.minRegularity)}
      ORDER BY score DESC, seq`;
    try {
      return await runFindings(ctx, 'sequence_gap', sql, (r) => {
        const missing = Number(r['count']);
        const first = `${text(r, 'prefix')}${Number(r['pn']) + 1}`;
        const last = `${text(r, 'prefix')}${Number(r['n']) - 1}`;
        const range = missing === 1 ? first : `${first} … ${last}`;
        return `${missing} record(s) missing from the numbered series ${text(r, 'prefix')}: ${range} (between ${text(r, 'pid')} and ${text(r, 'source_id')})`;
      });
    } finally {
      await ctx.store.all(`DROP TABLE IF EXISTS ${temp}`);
    }
  },
};
