import type { ArchiveStore, Row } from '../store/ArchiveStore.js';
import type { CheckOutcome, IntegrityContext, IntegrityFinding } from './types.js';

const DEFAULT_MAX_FINDINGS = 1000;

/**
 * Collects one check's findings. A badly damaged archive can break a rule on every record:
 * past the cap findings are only counted, so the report stays readable and memory flat.
 */
export class FindingSink {
  readonly findings: IntegrityFinding[] = [];
  total = 0;
  /** Findings that show tampering or loss (anything but `info`). */
  serious = 0;

  constructor(
    readonly name: string,
    private readonly cap: number,
  ) {}

  static for(ctx: IntegrityContext, name: string): FindingSink {
    return new FindingSink(name, ctx.options.maxFindingsPerCheck ?? DEFAULT_MAX_FINDINGS);
  }

  add(finding: IntegrityFinding): void {
    this.total++;
    if (finding.severity !== 'info') this.serious++;
    if (this.findings.length < this.cap) this.findings.push(finding);
  }

  /** The verdict: `clean` says what was verified, for the report's summary. */
  outcome(clean: string, skipped?: string): CheckOutcome {
    if (skipped !== undefined)
      return {
        check: { name: this.name, ok: true, detail: skipped, skipped: true, findings: 0 },
        findings: [],
      };
    const dropped = this.total - this.findings.length;
    const more = dropped > 0 ? ` (${dropped} not listed)` : '';
    const detail =
      this.total === 0
        ? clean
        : this.serious === 0
          ? `${clean}; ${this.total} observation(s)${more}`
          : `${this.serious} finding(s)${more}`;
    return {
      check: { name: this.name, ok: this.serious === 0, detail, findings: this.total },
      findings: this.findings,
    };
  }
}

/**
 * Reads `select` in slices of a monotonic integer key so that a large archive never sits in
 * memory at once. `select` must produce a column `_k` (the key) and may use `{range}` as the
 * filter on it; rows come back in key order.
 */
export async function* batches(
  store: ArchiveStore,
  select: string,
  keyRange: { min: number; max: number },
  size = 20_000,
): AsyncGenerator<Row[]> {
  for (let lo = keyRange.min; lo <= keyRange.max; lo += size) {
    const range = `_k >= ${lo} AND _k < ${lo + size}`;
    const rows = await store.all(`SELECT * FROM (${select}) WHERE ${range} ORDER BY _k`);
    if (rows.length > 0) yield rows;
  }
}

/** min and max of an integer key, for `batches`; an empty table gives an empty range. */
export async function keyRange(
  store: ArchiveStore,
  table: string,
  key: string,
): Promise<{ min: number; max: number }> {
  const row = (await store.all(`SELECT min(${key}) AS lo, max(${key}) AS hi FROM ${table}`))[0];
  if (row?.['lo'] === null || row?.['lo'] === undefined) return { min: 0, max: -1 };
  return { min: Number(row['lo']), max: Number(row['hi']) };
}

export async function tableExists(store: ArchiveStore, name: string): Promise<boolean> {
  const rows = await store.all(
    `SELECT 1 FROM duckdb_tables() WHERE table_name = '${name}' UNION ALL SELECT 1 FROM duckdb_views() WHERE view_name = '${name}'`,
  );
  return rows.length > 0;
}

export function str(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function num(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** A value as the report shows it: JSON text, except plain strings. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

/** Names each finding that lacks it with the `seq` of the event its `sourceId` is (first occurrence). */
export async function fillSeqs(store: ArchiveStore, findings: IntegrityFinding[]): Promise<void> {
  const wanted = [
    ...new Set(findings.filter((f) => f.seq === undefined && f.sourceId).map((f) => f.sourceId)),
  ];
  for (let i = 0; i < wanted.length; i += 500) {
    const ids = wanted.slice(i, i + 500).map((id) => `'${String(id).replaceAll("'", "''")}'`);
    const rows = await store.all(
      `SELECT source_id, min(seq) AS seq FROM events WHERE source_id IN (${ids.join(', ')}) GROUP BY source_id`,
    );
    const seqOf = new Map(rows.map((r) => [String(r['source_id']), Number(r['seq'])]));
    for (const f of findings) {
      if (f.seq === undefined && f.sourceId !== undefined && seqOf.has(f.sourceId))
        f.seq = seqOf.get(f.sourceId);
    }
  }
}
