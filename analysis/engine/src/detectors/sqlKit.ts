import { isoSql } from '../store/ArchiveStore.js';
import type { Row } from '../store/ArchiveStore.js';
import type { DetectorContext, DetectorId, Finding, Severity } from './types.js';
import { isSeverity } from './types.js';

/**
 * The columns every detector query ends with, so one mapper turns rows into findings:
 * severity, score, actor, entity, from/to (ISO text), count and evidence (a list of seq).
 */
export interface FindingRow extends Row {
  severity: string;
  score: number | string;
  actor: string | null;
  entity: string | null;
  from_iso: string;
  to_iso: string;
  count: number | string;
  evidence: (number | string)[];
}

/** `from_iso, to_iso` of a finding spanning `first`..`last` (timestamps). */
export function isoRange(first: string, last: string): string {
  return `${isoSql(first)} AS from_iso, ${isoSql(last)} AS to_iso`;
}

/** The evidence list: seqs in order, capped so one huge finding cannot flood the output. */
export function evidenceList(ctx: DetectorContext, seq = 'seq'): string {
  return `list(${seq} ORDER BY ${seq})[1:${Math.max(1, Math.floor(ctx.settings.maxEvidence))}]`;
}

/** A settings number as a SQL literal: settings are typed numbers, never user text, but be sure. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`detector setting is not a finite number: ${value}`);
  return String(value);
}

export async function runFindings(
  ctx: DetectorContext,
  detector: DetectorId,
  sql: string,
  summarize: (row: Row) => string,
): Promise<Finding[]> {
  const rows = (await ctx.store.json(sql)) as FindingRow[];
  return rows.map((row) => toFinding(detector, row, summarize(row)));
}

/** One finding from a row of the shape every detector (and rule) query ends with. */
export function toFinding(detector: DetectorId | string, row: FindingRow, summary: string): Finding {
  const severity: Severity = isSeverity(row.severity) ? row.severity : 'low';
  return {
    detector,
    severity,
    score: round(Number(row.score)),
    ...(row.actor !== null && row.actor !== undefined ? { actor: String(row.actor) } : {}),
    ...(row.entity !== null && row.entity !== undefined ? { entity: String(row.entity) } : {}),
    from: row.from_iso,
    to: row.to_iso,
    count: Number(row.count),
    summary,
    evidence: (row.evidence ?? []).map(Number),
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 100) / 100 : 0;
}

/** Text of a row's column for a summary. */
export function text(row: Row, key: string): string {
  const v = row[key];
  return v === null || v === undefined ? '' : String(v);
}

/** Number of a row's column for a summary, rounded for a person to read. */
export function figure(row: Row, key: string, digits = 1): string {
  const v = Number(row[key]);
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

/** Short form of an ISO time for summaries: `2026-05-07 01:23`. */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
