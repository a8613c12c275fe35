import type { DuckDBValue } from '@duckdb/node-api';
import { isoSql } from '../store/ArchiveStore.js';
import { resolveField } from './fields.js';
import type { FieldRef } from './fields.js';
import { conditionSql } from './conditionSql.js';
import type { Rule, SequenceStep, Threshold } from './types.js';

/** A compiled rule: one statement whose every value is a bound parameter. */
export interface CompiledRule {
  sql: string;
  params: Record<string, DuckDBValue>;
  /** Counts the rows any of the rule's conditions select (for `rules.check`). */
  matches: { sql: string; params: Record<string, DuckDBValue> };
}

/** Collects the values of one statement as `$r_N` parameters. */
export class Binder {
  readonly params: Record<string, DuckDBValue> = {};
  private n = 0;

  bind(value: DuckDBValue): string {
    const name = `r_${this.n++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  field(name: string): FieldRef {
    const ref = resolveField(name, (path) => this.bind(path));
    // Rules are validated before they are compiled; a bad field here is our bug, not the user's.
    if (typeof ref === 'string') throw new Error(ref);
    return ref;
  }
}

const keyCols = (n: number, prefix = ''): string[] => Array.from({ length: n }, (_, i) => `${prefix}k${i}`);

/** `SELECT … FROM source` of the rows one step (or the whole rule) selects, with key columns k0… and dv. */
function selection(b: Binder, source: string, where: string, keys: string[], distinct?: string): string {
  const keySql = keys.map((k, i) => `${b.field(k).sql} AS k${i}`);
  const dv = distinct ? `, ${b.field(distinct).sql} AS dv` : '';
  const notNull = keys.map((_, i) => `k${i} IS NOT NULL`).join(' AND ');
  return `SELECT * FROM (SELECT seq, ts, actor_id, entity_id, ${keySql.join(', ')}${dv} FROM ${source} WHERE ${where}) WHERE ${notNull}`;
}

function counter(t: Threshold, alias = ''): string {
  return t.distinct ? `count(DISTINCT ${alias}dv)` : 'count(*)';
}

/**
 * Compiles a rule to SQL over `source` (a relation with the columns of `events`). Rows whose
 * group key is missing (NULL) belong to no group and are left out.
 */
export function compileRule(rule: Rule, source: string, maxEvidence: number): CompiledRule {
  const b = new Binder();
  const base = conditionSql(rule.where, b);
  const max = Math.max(1, Math.floor(maxEvidence));
  if (rule.sequence) return compileSequence(rule, rule.sequence, source, base, b, max);
  const ks = keyCols(rule.groupBy.length);
  const on = ks.map((k) => `m.${k} = sp.${k}`).join(' AND ');
  const n = rule.threshold.count;
  const w = rule.windowSeconds;
  const spans =
    w === undefined
      ? `spans AS (SELECT ${ks.join(', ')}, 0 AS ep, min(ts) AS lo, max(ts) AS hi, ${counter(rule.threshold)} AS peak
                   FROM m GROUP BY ALL HAVING ${counter(rule.threshold)} >= ${n})`
      : `counted AS (
           SELECT *, ${counter(rule.threshold)} OVER (PARTITION BY ${ks.join(', ')} ORDER BY epoch_ms(ts)
             RANGE BETWEEN ${w * 1000} PRECEDING AND CURRENT ROW) AS c FROM m),
         firing AS (SELECT * FROM counted WHERE c >= ${n}),
         eps AS (
           SELECT *, sum(CASE WHEN prev IS NULL OR epoch_ms(ts) - epoch_ms(prev) > ${w * 1000} THEN 1 ELSE 0 END)
             OVER (PARTITION BY ${ks.join(', ')} ORDER BY ts) AS ep
           FROM (SELECT *, lag(ts) OVER (PARTITION BY ${ks.join(', ')} ORDER BY ts) AS prev FROM firing)),
         spans AS (SELECT ${ks.join(', ')}, ep, min(ts) - INTERVAL ${w} SECOND AS lo, max(ts) AS hi, max(c) AS peak
                   FROM eps GROUP BY ALL)`;
  const selected = selection(b, source, base, rule.groupBy, rule.threshold.distinct);
  const sql = `
    WITH m AS (${selected}), ${spans}
    SELECT '${rule.severity}' AS severity, sp.peak / ${n} AS score,
           CASE WHEN count(DISTINCT m.actor_id) = 1 THEN any_value(m.actor_id) END AS actor,
           CASE WHEN count(DISTINCT m.entity_id) = 1 THEN any_value(m.entity_id) END AS entity,
           ${isoSql('min(m.ts)')} AS from_iso, ${isoSql('max(m.ts)')} AS to_iso, count(*) AS count,
           list(m.seq ORDER BY m.seq)[1:${max}] AS evidence, sp.peak AS peak,
           concat_ws(', ', ${ks.map((k) => `sp.${k}::VARCHAR`).join(', ')}) AS key_text
    FROM spans sp JOIN m ON ${on} AND m.ts BETWEEN sp.lo AND sp.hi
    GROUP BY ${ks.map((k) => `sp.${k}`).join(', ')}, sp.ep, sp.peak ORDER BY score DESC, from_iso`;
  return { sql, params: b.params, matches: matchesOf(rule, source) };
}

/**
 * An ordered sequence: every row of step 1 starts a candidate; step i is met by the rows of
 * its kind with the same key after step i−1 was met and within the window of step 1's row,
 * once `threshold` of them have come (its completion time is when the next step may begin).
 * Candidates of one key that overlap in time are one finding, with every row of every step.
 */
function compileSequence(
  rule: Rule,
  seq: SequenceStep[],
  source: string,
  base: string,
  b: Binder,
  max: number,
): CompiledRule {
  const w = rule.windowSeconds ?? 0;
  const ks = keyCols(rule.groupBy.length);
  const ctes: string[] = [];
  seq.forEach((step, i) => {
    const where = `(${base}) AND (${conditionSql(step.where, b)})`;
    ctes.push(`s${i} AS (${selection(b, source, where, step.key ?? rule.groupBy, step.threshold.distinct)})`);
  });
  seq.forEach((step, i) => {
    const t = step.threshold;
    const on = ks.map((k) => `r.${k} = p.${k}`).join(' AND ');
    const first = t.distinct
      ? `list_filter(pairs, (x, j) -> list_position(list_transform(pairs, y -> y.v), x.v) = j)[${t.count}].t`
      : `list(r.ts ORDER BY r.ts)[${t.count}]`;
    const pairs = t.distinct ? `, list({'t': r.ts, 'v': r.dv} ORDER BY r.ts) AS pairs` : '';
    const completion = t.distinct ? first : 'done_ts';
    const doneTs = t.distinct ? '' : `, ${first} AS done_ts`;
    if (i === 0 && t.count === 1 && !t.distinct) {
      ctes.push(`a0 AS (SELECT seq AS start_seq, ts AS t0, ts AS t_end, ts AS t_last, ${ks.join(', ')},
                          [seq] AS ev, [actor_id] AS actors FROM s0)`);
      return;
    }
    const prev =
      i === 0
        ? `(SELECT seq AS start_seq, ts AS t0, ts AS t_end, ${ks.join(', ')}, []::BIGINT[] AS ev FROM s0)`
        : `a${i - 1}`;
    const after = i === 0 ? 'r.ts >= p.t0' : 'r.ts > p.t_end';
    ctes.push(`a${i} AS (
      SELECT start_seq, t0, ${completion} AS t_end, t_last, ${ks.join(', ')}, ev, actors FROM (
        SELECT p.start_seq, p.t0, ${ks.map((k) => `p.${k}`).join(', ')},
               list_concat(any_value(p.ev), list(r.seq ORDER BY r.ts)) AS ev, list(r.actor_id ORDER BY r.ts) AS actors,
               max(r.ts) AS t_last${doneTs}${pairs}
        FROM ${prev} p JOIN s${i} r ON ${on} AND ${after} AND r.ts <= p.t0 + INTERVAL ${w} SECOND
        GROUP BY p.start_seq, p.t0, p.t_end, ${ks.map((k) => `p.${k}`).join(', ')}
        HAVING ${counter(t, 'r.')} >= ${t.count}))`);
  });
  const last = `a${seq.length - 1}`;
  const sql = `
    WITH ${ctes.join(',\n')},
    ord AS (
      SELECT *, max(t_last) OVER (PARTITION BY ${ks.join(', ')} ORDER BY t0, start_seq
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM ${last}),
    eps AS (
      SELECT *, sum(CASE WHEN prev_end IS NULL OR t0 > prev_end THEN 1 ELSE 0 END)
        OVER (PARTITION BY ${ks.join(', ')} ORDER BY t0, start_seq) AS ep FROM ord),
    found AS (
      SELECT ${ks.join(', ')}, ep, min(t0) AS lo, max(t_last) AS hi, list_sort(list_distinct(flatten(list(ev)))) AS ev,
             list_distinct(flatten(list(actors))) AS actors, count(*) AS starts
      FROM eps GROUP BY ALL)
    SELECT '${rule.severity}' AS severity, len(ev) AS score,
           CASE WHEN len(actors) = 1 THEN actors[1] END AS actor, NULL AS entity,
           ${isoSql('lo')} AS from_iso, ${isoSql('hi')} AS to_iso, len(ev) AS count, ev[1:${max}] AS evidence,
           concat_ws(', ', ${ks.map((k) => `${k}::VARCHAR`).join(', ')}) AS key_text
    FROM found ORDER BY from_iso`;
  return { sql, params: b.params, matches: matchesOf(rule, source) };
}

/** Its own statement (with its own parameters: DuckDB refuses parameters a statement does not use). */
function matchesOf(rule: Rule, source: string): CompiledRule['matches'] {
  const b = new Binder();
  const base = conditionSql(rule.where, b);
  const steps = (rule.sequence ?? []).map((step) => `(${conditionSql(step.where, b)})`);
  const where = steps.length > 0 ? `(${base}) AND (${steps.join(' OR ')})` : base;
  return { sql: `SELECT count(*) AS n FROM ${source} WHERE ${where}`, params: b.params };
}
