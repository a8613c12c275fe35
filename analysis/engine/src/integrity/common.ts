import { isoSql } from '../store/ArchiveStore.js';
import type { Row } from '../store/ArchiveStore.js';
import { FindingSink, num, str } from './checkKit.js';
import type { CheckOutcome, IntegrityContext } from './types.js';

/**
 * Checks every system gets: the order of times in each file, times after the export, and long
 * silences. Set-based, so all three run as single DuckDB queries over `event_rows`, whose
 * `rowid` is the event's `seq` and whose (_rank, src_line, _sub) is its place in the evidence.
 */
export async function commonChecks(ctx: IntegrityContext): Promise<CheckOutcome[]> {
  return [await fileOrder(ctx), await afterExport(ctx), await silentGaps(ctx)];
}

/** A record whose time is earlier than the record before it in the same file. */
async function fileOrder(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'time_order');
  const rows = await ctx.store.all(`SELECT seq, source_id, src_file, src_line, _sub, ${isoSql('ts')} AS t,
      ${isoSql('prev_ts')} AS prev_t, prev_id
    FROM (SELECT rowid AS seq, source_id, src_file, src_line, _sub, ts,
        lag(ts) OVER w AS prev_ts, lag(source_id) OVER w AS prev_id
      FROM event_rows WINDOW w AS (PARTITION BY src_file ORDER BY src_line, _sub))
    WHERE ts < prev_ts ORDER BY seq LIMIT 100000`);
  // A chain's events are placed by block and position, not by line.
  const place = (r: Row): string =>
    ctx.system === 'blockchain'
      ? `${str(r['src_file'])} block ${str(r['src_line'])} event ${str(r['_sub'])}`
      : `${str(r['src_file'])}:${str(r['src_line'])}`;
  for (const r of rows) {
    // Medium: exporters may write out of order; a swap of records shows up the same way.
    sink.add({
      kind: 'time_reversal',
      severity: 'medium',
      seq: num(r['seq']),
      sourceId: str(r['source_id']),
      expected: `not before ${str(r['prev_t'])}`,
      actual: str(r['t']),
      detail: `${place(r)}: time goes backwards from the record before it (${str(r['prev_id'])})`,
    });
  }
  return sink.outcome('times never go backwards in file order');
}

/**
 * The export time is the moment Chronoscope imported the archive: the one clock the exporting
 * system did not write. Sources' own write times (`created_at`) can be forged with the record,
 * so they cannot bound it.
 */
async function afterExport(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'time_after_export');
  const rows = await ctx.store.all(`SELECT rowid AS seq, source_id, src_file, src_line, ${isoSql('ts')} AS t,
      ${isoSql('(SELECT imported_at FROM archive_info)')} AS exported
    FROM event_rows WHERE ts > (SELECT imported_at FROM archive_info) ORDER BY rowid LIMIT 100000`);
  for (const r of rows) {
    sink.add({
      kind: 'time_reversal',
      severity: 'high',
      seq: num(r['seq']),
      sourceId: str(r['source_id']),
      expected: `not after ${str(r['exported'])}`,
      actual: str(r['t']),
      detail: `${str(r['src_file'])}:${str(r['src_line'])}: dated after the export was read`,
    });
  }
  return sink.outcome('no record is dated after the export');
}

const HOUR_MS = 3_600_000;
/**
 * Zero events where the archive's own rhythm expects this many is reported. Real logs are far
 * burstier than Poisson (weekends, holidays): quiet nights in generated month-long logs reach
 * about 25 expected, the planted outages 150 and more.
 */
const EXPECTED_EVENTS = 50;

/**
 * Silences the archive's own rhythm cannot explain. Each gap over an hour is weighed against
 * the archive's mean rate for the hours of the day it spans: a quiet night in a busy log is
 * not noise, a silent afternoon is. Observations, not proof (a log may legitimately fall
 * silent), hence `info`. `gapThresholdMs` replaces the rhythm with a fixed length.
 */
async function silentGaps(ctx: IntegrityContext): Promise<CheckOutcome> {
  const sink = FindingSink.for(ctx, 'silent_gaps');
  const rate = await hourlyRate(ctx);
  const fixed = ctx.options.gapThresholdMs;
  const rows = await ctx.store
    .all(`SELECT seq, source_id, prev_id, ${isoSql('prev_ts')} AS from_t, ${isoSql('ts')} AS to_t,
      epoch_ms(prev_ts) AS from_ms, epoch_ms(ts) - epoch_ms(prev_ts) AS gap_ms
    FROM (SELECT rowid AS seq, source_id, ts, lag(ts) OVER (ORDER BY rowid) AS prev_ts,
      lag(source_id) OVER (ORDER BY rowid) AS prev_id FROM event_rows)
    WHERE epoch_ms(ts) - epoch_ms(prev_ts) > ${Math.min(fixed ?? HOUR_MS, HOUR_MS)} ORDER BY gap_ms DESC LIMIT 5000`);
  for (const r of rows) {
    const gap = num(r['gap_ms']) ?? 0;
    const expected = expectedEvents(rate, num(r['from_ms']) ?? 0, gap);
    if (fixed !== undefined ? gap <= fixed : expected < EXPECTED_EVENTS) continue;
    sink.add({
      kind: 'sequence_gap',
      severity: 'info',
      seq: num(r['seq']),
      sourceId: str(r['source_id']),
      expected: `about ${Math.round(expected)} records`,
      actual: formatDuration(gap),
      detail: `no record for ${formatDuration(gap)}, from ${str(r['from_t'])} (${str(r['prev_id'])}) to ${str(r['to_t'])}, where the archive's rhythm expects about ${Math.round(expected)}`,
    });
  }
  const rule =
    fixed !== undefined
      ? `longer than ${formatDuration(fixed)}`
      : `where ${EXPECTED_EVENTS}+ records were due`;
  return sink.outcome(`no silence ${rule}`);
}

/** Mean events per hour for each hour of the day (UTC) over the archive's span. */
async function hourlyRate(ctx: IntegrityContext): Promise<number[]> {
  const rows = await ctx.store.all(`SELECT hour(ts) AS h, count(*) / greatest(1,
      (SELECT (epoch_ms(max(ts)) - epoch_ms(min(ts))) / 86400000.0 FROM event_rows)) AS per_hour
    FROM event_rows GROUP BY ALL`);
  const rate = Array.from({ length: 24 }, () => 0);
  for (const r of rows) rate[Number(r['h'])] = num(r['per_hour']) ?? 0;
  return rate;
}

function expectedEvents(rate: readonly number[], fromMs: number, gapMs: number): number {
  let total = 0;
  for (let t = fromMs; t < fromMs + gapMs;) {
    const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS;
    const end = Math.min(hourEnd, fromMs + gapMs);
    total += (rate[new Date(t).getUTCHours()] ?? 0) * ((end - t) / HOUR_MS);
    t = end;
  }
  return total;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
