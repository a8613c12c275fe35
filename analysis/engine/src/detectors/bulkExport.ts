import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, figure, isoRange, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `bulk_export`: many exports, or reads far above the actor's norm, in a short time.
 *
 * Statistic: per actor, over a sliding window of `windowSeconds` (default 10 min) up to each
 * read or export: E = exports, R = reads. A row fires when E ≥ `minExports`, or when
 * R ≥ `minReads` and R ≥ `ratio`·b, b = max(the actor's reads per active hour scaled to the
 * window, the median R at its reads, 1). Firing rows less than a window apart form one
 * finding; evidence = the actor's reads and exports from a window before the first to the
 * last. Severity high when exports fire, medium for reads alone. Score = E + R/b.
 */
export const bulkExport: Detector = {
  id: 'bulk_export',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.bulkExport;
    const w = num(s.windowSeconds);
    const sql = `
      WITH r AS (
        SELECT seq, ts, actor_id, action, entity_type FROM ${ctx.source}
        WHERE actor_id IS NOT NULL AND action IN ('read', 'export')),
      hours AS (
        SELECT actor_id, count(DISTINCT time_bucket(INTERVAL 1 HOUR, ts)) AS h
        FROM ${ctx.source} WHERE actor_id IS NOT NULL GROUP BY 1),
      w AS (
        SELECT *, count(*) FILTER (action = 'export') OVER win AS e, count(*) FILTER (action = 'read') OVER win AS rd
        FROM r WINDOW win AS (PARTITION BY actor_id ORDER BY ts RANGE BETWEEN INTERVAL ${w} SECOND PRECEDING AND CURRENT ROW)),
      base AS (
        SELECT actor_id, greatest(count(*) FILTER (action = 'read') / any_value(hours.h) * ${w} / 3600.0,
                                  coalesce(median(rd) FILTER (action = 'read'), 0), 1) AS b
        FROM w JOIN hours USING (actor_id) GROUP BY 1),
      firing AS (
        SELECT w.*, base.b FROM w JOIN base USING (actor_id)
        WHERE e >= ${num(s.minExports)} OR (rd >= ${num(s.minReads)} AND rd >= ${num(s.ratio)} * base.b)),
      eps AS (
        SELECT *, sum(CASE WHEN prev IS NULL OR ts - prev > INTERVAL ${w} SECOND THEN 1 ELSE 0 END)
          OVER (PARTITION BY actor_id ORDER BY ts) AS ep
        FROM (SELECT *, lag(ts) OVER (PARTITION BY actor_id ORDER BY ts) AS prev FROM firing)),
      spans AS (
        SELECT actor_id, ep, min(ts) - INTERVAL ${w} SECOND AS lo, max(ts) AS hi, max(e) AS pe, max(rd) AS pr,
               any_value(b) AS b
        FROM eps GROUP BY ALL)
      SELECT CASE WHEN sp.pe >= ${num(s.minExports)} THEN 'high' ELSE 'medium' END AS severity,
             sp.pe + sp.pr / sp.b AS score, sp.actor_id AS actor, NULL AS entity,
             ${isoRange('min(r.ts)', 'max(r.ts)')}, count(*) AS count, ${evidenceList(ctx, 'r.seq')} AS evidence,
             count(*) FILTER (r.action = 'export') AS exports, count(*) FILTER (r.action = 'read') AS reads,
             string_agg(DISTINCT r.entity_type, ', ') AS types, sp.b AS baseline
      FROM spans sp JOIN r ON r.actor_id = sp.actor_id AND r.ts BETWEEN sp.lo AND sp.hi
      GROUP BY sp.actor_id, sp.ep, sp.pe, sp.pr, sp.b ORDER BY score DESC`;
    return runFindings(
      ctx,
      'bulk_export',
      sql,
      (r) =>
        `${text(r, 'actor')} made ${figure(r, 'exports')} exports and ${figure(r, 'reads')} reads (${text(r, 'types')}) between ${shortTime(text(r, 'from_iso'))} and ${shortTime(text(r, 'to_iso'))}; usually ${figure(r, 'baseline')} reads in ${Math.round(s.windowSeconds / 60)} min`,
    );
  },
};
