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
  /** A number, or SQL over the key `k` when keys differ (bulk_export: exports and reads). */
  minCount: number | string;
  ratio: number | string;
  /** Severity of a finding whose peak reaches `highRatio`·ratio·b (medium below). */
  highRatio: number;
  summarize: (row: Row) => string;
}

/**
 * The sliding-window count shared by `burst` and `mass_destructive`.
 *
 * For each chosen row, c = rows with the same (actor, key) in the `windowSeconds` before it
 * (inclusive). The baseline is what that actor (and its peers) ordinarily do in such a window:
 * b = max(λ, p_own, p_peers, 1), where λ = the key's rows ÷ the actor's active hours × window
 * (its expected count in a window of ordinary work), p_own = the 90th percentile of the
 * actor's daily peaks on its other days, and p_peers = the median of the same percentile over
 * the actor's peers (same actor type and role) for the same key. A daily peak is the day's
 * largest count in one window-long tumbling bucket. Leaving the day out keeps one bad day from
 * raising its own baseline; the percentile (not the median) lets an actor's routine big days
 * (a weekly clean-up, a bulk operation) count as ordinary; the peers stop a role whose every
 * member does bulk work from firing on whoever does it least often. A row fires when
 * c ≥ minCount and c ≥ ratio·b; firing rows of one key closer than a window apart form one
 * finding, whose evidence is every row of that key from one window before the first firing
 * row to the last one. Score = max c ÷ b.
 *
 * Only rows in buckets that could hold a firing window are counted row by row: a firing row
 * has c ≥ f = max(minCount, ratio·max(λ, p_lo, p_peers, 1)), p_lo being a floor of p_own
 * over every day (the percentile without the actor's highest day: leaving out the largest
 * value lowers every order statistic most), and its window overlaps at most two tumbling
 * buckets, so one of them holds ⌈f/2⌉. A floor of minCount alone kept half the rows of a
 * busy archive for the sliding count (seconds at 10M rows); f keeps a few hundred.
 */
export function windowBurst(ctx: DetectorContext, spec: BurstSpec): Promise<Finding[]> {
  const w = num(spec.windowSeconds);
  const sqlOf = (v: number | string): string => (typeof v === 'number' ? num(v) : `(${v})`);
  const minCount = sqlOf(spec.minCount);
  const ratio = sqlOf(spec.ratio);
  const actors = ctx.rollups.actors;
  const chosen = `${ctx.source} WHERE actor_id IS NOT NULL AND (${spec.where})`;
  // Buckets are whole numbers (epoch ms ÷ window): integer arithmetic, where the calendar
  // functions on TIMESTAMPTZ go through ICU for every row.
  const bucketOf = (ts: string): string => `epoch_ms(${ts}) // ${num(spec.windowSeconds * 1000)}`;
  const sql = `
    WITH buckets AS (
      SELECT actor_id, ${spec.key} AS k, ${bucketOf('ts')} AS b, count(*) AS n FROM ${chosen} GROUP BY ALL),
    days AS (
      SELECT actor_id, k, b * ${w} // 86400 AS d, max(n) AS pk, sum(n) AS n FROM buckets GROUP BY ALL),
    -- per (actor, key): λ, p_own over all days (the peers' statistic) and its floor p_lo
    pairs AS (
      SELECT days.actor_id, days.k, sum(days.n) / any_value(a.active_hours) * ${w} / 3600.0 AS l,
             quantile_cont(days.pk, 0.9) AS p,
             coalesce(list_aggregate(list_sort(list(days.pk))[1:-2], 'quantile_cont', 0.9), 0) AS p_lo,
             any_value(a.t) AS t, any_value(a.role) AS role
      FROM days JOIN ${actors} a USING (actor_id) GROUP BY ALL),
    peers AS (
      SELECT me.actor_id, me.k, coalesce(median(o.p), 0) AS p
      FROM pairs me
        LEFT JOIN pairs o ON o.k = me.k AND o.t IS NOT DISTINCT FROM me.t AND o.role = me.role AND o.actor_id <> me.actor_id
      GROUP BY ALL),
    -- the least count a firing window can have; shaved by 1e-9 so rounding can never lift it
    floors AS (
      SELECT actor_id, k, greatest(${minCount}, ${ratio} * greatest(pairs.l, pairs.p_lo, peers.p, 1)) * (1 - 1e-9) AS f
      FROM pairs JOIN peers USING (actor_id, k)),
    cand_buckets AS (
      SELECT DISTINCT actor_id, k, b + o AS b
      FROM buckets JOIN floors USING (actor_id, k), (VALUES (0), (1)) t(o) WHERE n >= ceil(f / 2)),
    -- the rows of candidate buckets and of the bucket before each (their windows reach back into it)
    rows AS (
      SELECT r.*, c.b IS NOT NULL AS cand FROM (
        SELECT seq, ts, actor_id, entity_id, entity_type, ${spec.key} AS k, ${bucketOf('ts')} AS b FROM ${chosen}) r
      LEFT JOIN cand_buckets c ON c.actor_id = r.actor_id AND c.k = r.k AND c.b = r.b
      SEMI JOIN (SELECT DISTINCT actor_id, k, b - o AS b FROM cand_buckets, (VALUES (0), (1)) t(o)) w
        ON w.actor_id = r.actor_id AND w.k = r.k AND w.b = r.b),
    counted AS (
      SELECT *, count(*) OVER (PARTITION BY actor_id, k ORDER BY epoch_ms(ts)
        RANGE BETWEEN ${num(spec.windowSeconds * 1000)} PRECEDING AND CURRENT ROW) AS c
      FROM rows),
    over AS (SELECT counted.*, ${ratio} AS rt, b * ${w} // 86400 AS d FROM counted WHERE cand AND c >= ${minCount}),
    judged_days AS (SELECT DISTINCT actor_id, k, d FROM over),
    own AS (
      SELECT j.actor_id, j.k, j.d, coalesce(quantile_cont(o.pk, 0.9), 0) AS p
      FROM judged_days j LEFT JOIN days o ON o.actor_id = j.actor_id AND o.k = j.k AND o.d <> j.d
      GROUP BY ALL),
    firing AS (
      SELECT over.*, greatest(pairs.l, own.p, peers.p, 1) AS base
      FROM over JOIN own USING (actor_id, k, d) JOIN peers USING (actor_id, k) JOIN pairs USING (actor_id, k)
      WHERE over.c >= over.rt * greatest(pairs.l, own.p, peers.p, 1)),
    episodes AS (
      SELECT *, sum(CASE WHEN prev IS NULL OR epoch_ms(ts) - epoch_ms(prev) > ${num(spec.windowSeconds * 1000)} THEN 1 ELSE 0 END)
        OVER (PARTITION BY actor_id, k ORDER BY ts) AS ep
      FROM (SELECT *, lag(ts) OVER (PARTITION BY actor_id, k ORDER BY ts) AS prev FROM firing)),
    spans AS (
      SELECT actor_id, k, ep, min(ts) - INTERVAL ${w} SECOND AS lo, max(ts) AS hi, max(c) AS peak, min(base) AS base,
             any_value(rt) AS rt
      FROM episodes GROUP BY ALL)
    SELECT CASE WHEN sp.peak >= ${num(spec.highRatio)} * sp.rt * sp.base THEN 'high' ELSE 'medium' END AS severity,
           sp.peak / sp.base AS score, sp.actor_id AS actor,
           CASE WHEN count(DISTINCT e.entity_id) = 1 THEN any_value(e.entity_id) END AS entity,
           ${isoRange('min(e.ts)', 'max(e.ts)')}, count(*) AS count, ${evidenceList(ctx, 'e.seq')} AS evidence,
           sp.k AS k, sp.peak AS peak, sp.base AS baseline, count(DISTINCT e.entity_id) AS entities,
           string_agg(DISTINCT e.entity_type, ', ') AS types
    -- A finding's rows all lie in candidate buckets or the bucket before one: \`rows\` holds them.
    FROM spans sp JOIN rows e ON e.actor_id = sp.actor_id AND e.k = sp.k AND e.ts BETWEEN sp.lo AND sp.hi
    GROUP BY sp.actor_id, sp.k, sp.ep, sp.peak, sp.base, sp.rt ORDER BY score DESC`;
  return runFindings(ctx, spec.detector, sql, spec.summarize);
}
