import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanExport, failedChecks, readLines, serious, tampered, verify, writeLines } from './tamper.js';

const LOG = 'comprehensive_audit_log.csv';

async function editCsv(dir: string, file: string, edit: (lines: string[]) => void): Promise<void> {
  const lines = await readLines(join(dir, file));
  edit(lines);
  await writeLines(join(dir, file), lines);
}

const idOf = (line: string): string => line.split(',')[0]!;

describe('verify: qcs', () => {
  let clean: string;
  beforeAll(async () => {
    clean = await cleanExport('qcs', 2000);
  });

  it('passes a clean export', async () => {
    const report = await verify(clean);
    expect(failedChecks(report)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('finds a deleted bulk child by its parent count, and a deleted parent by its orphans', async () => {
    let parent = '';
    const child = await tampered(clean, (d) =>
      editCsv(d, LOG, (lines) => {
        const p = lines.findIndex((l) => l.includes(',BULK_UPDATE,'));
        parent = idOf(lines[p]!);
        lines.splice(
          lines.findIndex((l) => l.includes(`,${parent},`) && !l.startsWith(parent)),
          1,
        );
      }),
    );
    const counts = await verify(child);
    expect(failedChecks(counts)).toEqual(['bulk_child_counts']);
    expect(serious(counts)[0]).toMatchObject({ kind: 'total_mismatch', sourceId: parent });
    expect(Number(serious(counts)[0]?.expected) - Number(serious(counts)[0]?.actual)).toBe(1);

    const orphans = await verify(
      await tampered(clean, (d) =>
        editCsv(
          d,
          LOG,
          (lines) =>
            void lines.splice(
              lines.findIndex((l) => l.startsWith(parent)),
              1,
            ),
        ),
      ),
    );
    expect(failedChecks(orphans)).toEqual(['orphan_children']);
    expect(serious(orphans)[0]).toMatchObject({ kind: 'deleted', sourceId: parent });
  });

  it('finds rollback rows whose rollback operation was removed', async () => {
    const ops = await readLines(join(clean, 'rollback_operations.csv'));
    const dir = await tampered(clean, (d) => writeLines(join(d, 'rollback_operations.csv'), ops.slice(0, 1)));
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['rollback_links']);
    expect(serious(report)[0]).toMatchObject({ kind: 'deleted', sourceId: idOf(ops[1]!) });
  });

  it('finds an altered snapshot by its checksum', async () => {
    let snapshot = '';
    const dir = await tampered(clean, (d) =>
      editCsv(d, 'system_snapshots.csv', (lines) => {
        lines[1] = lines[1]!.replace(/""credit_limit"":(\d+)/, '""credit_limit"":1');
        snapshot = idOf(lines[1]!);
      }),
    );
    const report = await verify(dir);
    expect(serious(report).find((f) => f.kind === 'checksum_mismatch')).toMatchObject({ sourceId: snapshot });
  });

  it('finds a deleted update in the snapshot that follows it', async () => {
    const dir = await tampered(clean, (d) =>
      editCsv(d, LOG, (lines) => {
        // The last customer update before the first snapshot (taken at 03:00 the next day).
        const updates = lines.flatMap((l, k) =>
          l.includes(',UPDATE,customer,') && l.includes(',2026-05-04T') ? [k] : [],
        );
        lines.splice(updates[updates.length - 1]!, 1);
      }),
    );
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['snapshots_vs_rebuilt_state']);
    expect(serious(report)[0]?.kind).toBe('snapshot_mismatch');
  });
});
