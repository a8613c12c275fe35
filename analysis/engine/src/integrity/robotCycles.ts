import { isoSql } from '../store/ArchiveStore.js';
import { FindingSink, num, str } from './checkKit.js';
import type { CheckOutcome, IntegrityContext } from './types.js';

/**
 * `robot-cycles` (sources.md §5), all set-based in DuckDB: the (cycle, sequence) numbering,
 * times within a cycle, cycle snapshot totals and every user's balance chain.
 * `source_id` is `cycle:sequence`, so both numbers are read back from it.
 */
const LOG = `SELECT seq, source_id, ts, event_type, actor_id, delta AS p, src_file, src_line,
    split_part(source_id, ':', 1)::BIGINT AS cycle, split_part(source_id, ':', 2)::BIGINT AS n FROM events`;

export async function robotCyclesChecks(ctx: IntegrityContext): Promise<CheckOutcome[]> {
  return [await sequences(ctx), await cycleTimes(ctx), await snapshotTotals(ctx), await balances(ctx)];
}

async function sequences(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'cycle_sequences');
  const gaps = await ctx.store
    .all(`SELECT cycle, prev_n + 1 AS first_missing, n - 1 AS last_missing, source_id, seq
    FROM (SELECT cycle, n, source_id, seq, coalesce(lag(n) OVER (PARTITION BY cycle ORDER BY n, seq), 0) AS prev_n FROM (${LOG}))
    WHERE n > prev_n + 1 ORDER BY cycle, n LIMIT 100000`);
  for (const r of gaps) {
    const cycle = str(r['cycle']);
    const first = num(r['first_missing']) ?? 0;
    const last = num(r['last_missing']) ?? 0;
    sink.add({
      kind: 'sequence_gap',
      severity: 'high',
      sourceId: `${cycle}:${first}`,
      expected: `${cycle}:${first}`,
      actual: str(r['source_id']),
      detail:
        first === last
          ? `cycle ${cycle}: sequence ${first} is missing (before ${str(r['source_id'])})`
          : `cycle ${cycle}: sequences ${first} to ${last} are missing (${last - first + 1} records, before ${str(r['source_id'])})`,
    });
  }
  const dups = await ctx.store.all(`SELECT source_id, count(*) AS n, list(seq ORDER BY seq) AS seqs,
      list(src_file || ':' || src_line ORDER BY seq) AS places
    FROM (${LOG}) GROUP BY source_id HAVING count(*) > 1 ORDER BY min(seq) LIMIT 100000`);
  for (const r of dups) {
    sink.add({
      kind: 'sequence_duplicate',
      severity: 'high',
      seq: (r['seqs'] as unknown[]).map(Number)[1],
      sourceId: str(r['source_id']),
      actual: `${str(r['n'])} records`,
      detail: `${str(r['source_id'])} (cycle:sequence) appears ${str(r['n'])} times: ${(r['places'] as unknown[]).join(', ')}`,
    });
  }
  return sink.outcome('every cycle numbers its records 1, 2, 3... once each');
}

async function cycleTimes(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'cycle_time_order');
  const rows = await ctx.store
    .all(`SELECT seq, source_id, prev_id, ${isoSql('ts')} AS t, ${isoSql('prev_ts')} AS prev_t
    FROM (SELECT *, lag(ts) OVER w AS prev_ts, lag(source_id) OVER w AS prev_id FROM (${LOG})
      WINDOW w AS (PARTITION BY cycle ORDER BY n, seq))
    WHERE ts < prev_ts ORDER BY seq LIMIT 100000`);
  for (const r of rows) {
    sink.add({
      kind: 'time_reversal',
      severity: 'high',
      seq: num(r['seq']),
      sourceId: str(r['source_id']),
      expected: `not before ${str(r['prev_t'])}`,
      actual: str(r['t']),
      detail: `${str(r['source_id'])} is dated before ${str(r['prev_id'])}, which precedes it in the cycle`,
    });
  }
  return sink.outcome('times never go backwards within a cycle');
}

const TOTALS = [
  ['total_battles', 'battles', 'battle_complete events'],
  ['total_credits_transacted', 'credits', 'the sum of |amount| of credit_change events'],
  ['total_prestige_awarded', 'prestige', 'the sum of prestige_change amounts'],
] as const;

async function snapshotTotals(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'cycle_snapshot_totals');
  const rows = await ctx.store.all(`WITH log AS (${LOG}), sums AS (
      SELECT cycle, count(*) FILTER (WHERE event_type = 'battle_complete') AS battles,
        coalesce(sum(abs(try_cast(p->>'amount' AS DOUBLE))) FILTER (WHERE event_type = 'credit_change'), 0) AS credits,
        coalesce(sum(try_cast(p->>'amount' AS DOUBLE)) FILTER (WHERE event_type = 'prestige_change'), 0) AS prestige
      FROM log GROUP BY cycle)
    SELECT s.id, s.cycle_number, s.src_file, s.src_line, s.total_battles, s.total_credits_transacted, s.total_prestige_awarded,
      coalesce(m.battles, 0) AS battles, coalesce(m.credits, 0) AS credits, coalesce(m.prestige, 0) AS prestige
    FROM cycle_snapshots s LEFT JOIN sums m ON m.cycle = s.cycle_number ORDER BY s.cycle_number, s.rowid`);
  for (const r of rows) {
    for (const [column, computed, what] of TOTALS) {
      const claimed = num(r[column]);
      const actual = num(r[computed]) ?? 0;
      if (claimed === undefined || claimed === actual) continue;
      sink.add({
        kind: 'total_mismatch',
        severity: 'high',
        sourceId: str(r['id']) ?? `cycle:${str(r['cycle_number'])}`,
        expected: String(claimed),
        actual: String(actual),
        detail: `cycle ${str(r['cycle_number'])} snapshot (${str(r['src_file'])}:${str(r['src_line'])}): ${column} is ${claimed} but the log gives ${actual} (${what})`,
      });
    }
  }
  return sink.outcome(`${rows.length} cycle snapshots agree with their cycles' events`);
}

/** Each balance-bearing event must start from the balance the user's previous one left. */
async function balances(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'balance_continuity');
  const rows = await ctx.store.all(`WITH moves AS (
      SELECT seq, source_id, actor_id, event_type, cycle, n, try_cast(p->>'balanceAfter' AS DOUBLE) AS after,
        CASE event_type WHEN 'credit_change' THEN try_cast(p->>'amount' AS DOUBLE)
          WHEN 'passive_income' THEN try_cast(p->>'total' AS DOUBLE)
          WHEN 'operating_costs' THEN -try_cast(p->>'total' AS DOUBLE) END AS change
      FROM (${LOG}) WHERE event_type IN ('credit_change', 'passive_income', 'operating_costs')
        AND actor_id IS NOT NULL AND actor_id <> 'system' AND (p->'balanceAfter') IS NOT NULL)
    SELECT *, count(*) OVER () AS total FROM (
      SELECT *, lag(after) OVER w AS before, lag(source_id) OVER w AS prev_id FROM moves
      WINDOW w AS (PARTITION BY actor_id ORDER BY cycle, n, seq))
    WHERE before IS NOT NULL AND (change IS NULL OR abs(before + change - after) > 1e-6) ORDER BY seq LIMIT 100000`);
  for (const r of rows) {
    const before = num(r['before']) ?? 0;
    const change = num(r['change']);
    sink.add({
      kind: 'balance_mismatch',
      severity: 'high',
      seq: num(r['seq']),
      sourceId: str(r['source_id']),
      expected: change === undefined ? undefined : String(before + change),
      actual: str(r['after']),
      detail: `user ${str(r['actor_id'])}: ${str(r['event_type'])} ${change === undefined ? 'has no amount' : `of ${change}`} after a balance of ${before} (${str(r['prev_id'])}) should leave ${change === undefined ? '?' : before + change}, not ${str(r['after'])}`,
    });
  }
  return sink.outcome('every balance follows from the one before it');
}
