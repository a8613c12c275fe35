import type { DetectorContext, DetectorId, Finding } from './types.js';
import type { Row } from '../store/ArchiveStore.js';
import { evidenceList, isoRange, num, runFindings } from './sqlKit.js';

/** A burst search: which rows, keyed how, in what window, against which floor and ratio. */
export interface BurstSpec {
  detector: DetectorId;
  /** SQL predicate choosing the rows counted. */
  where: string;
  /** SQL expression of the key the window counts per (besides the actor). */
  key: string;
  windowSeconds: number;
  minCount: number;
  ratio: number;
  summarize: (row: Row) => string;
}

/**
 * The sliding-window count shared by `burst` and `mass_destructive`.
 *
 * For each chosen row, c = rows with the same (actor, key) in the `windowSeconds` before it
 * (inclusive). The baseline b = max(λ, m, 1) where λ = the key's rows ÷ the actor's active
 * hours (any action) × window, its expected count in a window of its owner's ordinary work,
 * and m = the median over the days the key occurs of that day's peak c, which keeps scheduled
 * batch jobs (dense every day) from firing while one bad day cannot raise its own baseline. A row fires when c ≥ minCount and c ≥ ratio·b; firing rows of one key
 * closer than a window apart form one finding, whose evidence is every row of that key from
 * one window before the first firing row to the last one. Score = max c ÷ b.
 */
export function windowBurst(ctx: DetectorContext, spec: BurstSpec): Promise<Finding[]> {
  const w = num(spec.windowSeconds);
  const sql = `
    WITH rows AS (
      SELECT seq, ts, actor_id, entity_id, ${spec.key} AS k FROM ${ctx.source}
      WHERE actor_id IS NOT NULL AND (${spec.where})),
    hours AS (
      SELECT actor_id, count(DISTINCT time_bucket(INTERVAL 1 HOUR, ts)) AS h
      FROM ${ctx.source} WHERE actor_id IS NOT NULL GROUP BY 1),
    counted AS (
      SELECT *, count(*) OVER (PARTITION BY actor_id, k ORDER BY ts
        RANGE BETWEEN INTERVAL ${w} SECOND PRECEDING AND CURRENT ROW) AS c
      FROM rows),
    peaks AS (SELECT actor_id, k, date_trunc('day', ts) AS d, max(c) AS p, count(*) AS n FROM counted GROUP BY ALL),
    base AS (
      SELECT pk.actor_id, pk.k, greatest(sum(pk.n) / any_value(hours.h) * ${w} / 3600.0, median(pk.p), 1) AS b
      FROM peaks pk JOIN hours USING (actor_id) GROUP BY 1, 2),
    firing AS (
      SELECT counted.*, base.b FROM counted JOIN base USING (actor_id, k)
      WHERE c >= ${num(spec.minCount)} AND c >= ${num(spec.ratio)} * base.b),
    episodes AS (
      SELECT *, sum(CASE WHEN prev IS NULL OR ts - prev > INTERVAL ${w} SECOND THEN 1 ELSE 0 END)
        OVER (PARTITION BY actor_id, k ORDER BY ts) AS ep
      FROM (SELECT *, lag(ts) OVER (PARTITION BY actor_id, k ORDER BY ts) AS prev FROM firing)),
    spans AS (
      SELECT actor_id, k, ep, min(ts) - INTERVAL ${w} SECOND AS lo, max(ts) AS hi, max(c) AS peak, any_value(b) AS b
      FROM episodes GROUP BY ALL)
    SELECT CASE WHEN sp.peak >= 4 * ${num(spec.ratio)} * sp.b THEN 'high' ELSE 'medium' END AS severity,
           sp.peak / sp.b AS score, sp.actor_id AS actor,
           CASE WHEN count(DISTINCT e.entity_id) = 1 THEN any_value(e.entity_id) END AS entity,
           ${isoRange('min(e.ts)', 'max(e.ts)')}, count(*) AS count, ${evidenceList(ctx, 'e.seq')} AS evidence,
           sp.k AS k, sp.peak AS peak, sp.b AS baseline, count(DISTINCT e.entity_id) AS entities
    FROM spans sp JOIN rows e ON e.actor_id = sp.actor_id AND e.k = sp.k AND e.ts BETWEEN sp.lo AND sp.hi
    GROUP BY sp.actor_id, sp.k, sp.ep, sp.peak, sp.b ORDER BY score DESC`;
  return runFindings(ctx, spec.detector, sql, spec.summarize);
}
