import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanExport, failedChecks, readLines, serious, tampered, verify, writeLines } from './tamper.js';

const LOGS = 'audit_logs.csv';
const SNAPSHOTS = 'cycle_snapshots.csv';

async function editCsv(dir: string, file: string, edit: (lines: string[]) => void): Promise<void> {
  const lines = await readLines(join(dir, file));
  edit(lines);
  await writeLines(join(dir, file), lines);
}

/** `id,cycle_number,event_type,event_timestamp,sequence_number,...`: the first five fields hold no commas. */
const head = (line: string): string[] => line.split(',').slice(0, 5);
const sourceId = (line: string): string => `${head(line)[1]}:${head(line)[4]}`;

describe('verify: robot-cycles', () => {
  let clean: string;
  beforeAll(async () => {
    clean = await cleanExport('robot-cycles');
  });

  it('passes a clean export', async () => {
    const report = await verify(clean);
    expect(failedChecks(report)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('finds a dropped row as a sequence gap named by the missing cycle:sequence', async () => {
    let missing = '';
    const dir = await tampered(clean, (d) =>
      editCsv(d, LOGS, (lines) => {
        // A row that moves no balance, so the gap is the only trace.
        const i = lines.findIndex((l, k) => k > 50 && l.includes(',battle_complete,'));
        missing = sourceId(lines[i]!);
        lines.splice(i, 1);
      }),
    );
    const report = await verify(dir);
    expect(failedChecks(report)).toContain('cycle_sequences');
    expect(serious(report).find((f) => f.kind === 'sequence_gap')).toMatchObject({ sourceId: missing });
    expect(serious(report).find((f) => f.kind === 'sequence_gap')?.seq).toBeUndefined();
  });

  it('finds a repeated sequence number', async () => {
    let dup = '';
    const dir = await tampered(clean, (d) =>
      editCsv(d, LOGS, (lines) => {
        const copy = lines[200]!.split(',');
        copy[0] = '999999';
        lines.splice(201, 0, copy.join(','));
        dup = sourceId(lines[200]!);
      }),
    );
    const report = await verify(dir);
    expect(serious(report).find((f) => f.kind === 'sequence_duplicate')).toMatchObject({ sourceId: dup });
  });

  it('finds swapped times within a cycle at the record that goes back', async () => {
    let back = '';
    const dir = await tampered(clean, (d) =>
      editCsv(d, LOGS, (lines) => {
        const i = lines.findIndex(
          (l, k) => k > 100 && head(l)[1] === head(lines[k + 1]!)[1] && head(l)[3] !== head(lines[k + 1]!)[3],
        );
        const a = lines[i]!.split(',');
        const b = lines[i + 1]!.split(',');
        [a[3], b[3]] = [b[3]!, a[3]!];
        lines[i] = a.join(',');
        lines[i + 1] = b.join(',');
        back = sourceId(lines[i + 1]!);
      }),
    );
    const report = await verify(dir);
    expect(failedChecks(report)).toContain('cycle_time_order');
    expect(serious(report).find((f) => f.kind === 'time_reversal')?.sourceId).toBe(back);
  });

  it('finds an altered balance where the chain breaks', async () => {
    let at = '';
    const dir = await tampered(clean, (d) =>
      editCsv(d, LOGS, (lines) => {
        const i = lines.findIndex((l, k) => k > 300 && l.includes(',credit_change,'));
        lines[i] = lines[i]!.replace(
          /""balanceAfter"":(\d+)/,
          (_, n) => `""balanceAfter"":${Number(n) + 5000}`,
        );
        at = sourceId(lines[i]!);
      }),
    );
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['balance_continuity']);
    const f = serious(report).find((x) => x.kind === 'balance_mismatch');
    expect(f?.sourceId).toBe(at);
    expect(Number(f?.actual) - Number(f?.expected)).toBe(5000);
  });

  it('finds a cycle snapshot whose battle total disagrees with its events', async () => {
    let cycle = '';
    const dir = await tampered(clean, (d) =>
      editCsv(d, SNAPSHOTS, (lines) => {
        const m = /,(\d+),(\d+),(\d+),([^,]*)$/.exec(lines[2]!)!;
        lines[2] = lines[2]!.replace(/,(\d+),(\d+),(\d+),([^,]*)$/, `,${Number(m[1]) + 1},$2,$3,$4`);
        cycle = lines[2]!.split(',')[1]!;
      }),
    );
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['cycle_snapshot_totals']);
    expect(serious(report)[0]).toMatchObject({ kind: 'total_mismatch' });
    expect(serious(report)[0]?.detail).toContain(`cycle ${cycle} snapshot`);
    expect(Number(serious(report)[0]?.expected) - Number(serious(report)[0]?.actual)).toBe(1);
  });
});
