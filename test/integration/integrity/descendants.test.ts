import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { cleanExport, failedChecks, readLines, serious, tampered, verify, writeLines } from './tamper.js';

type Rec = Record<string, any>;
const CHANGES = 'world_changes.ndjson';
const SNAPSHOTS = 'world_snapshots.ndjson';

/** Re-signs a record the way the source does, so that only the rule under test can catch the edit. */
function withChecksum(record: Rec): string {
  const { checksum: _old, ...rest } = record;
  const checksum = createHash('sha256').update(canonicalJson(rest)).digest('hex');
  return JSON.stringify({ ...rest, checksum });
}

async function editRecords(dir: string, edit: (records: Rec[]) => Rec[] | void): Promise<Rec[]> {
  const records = (await readLines(join(dir, CHANGES))).map((l) => JSON.parse(l) as Rec);
  const result = edit(records) ?? records;
  await writeLines(
    join(dir, CHANGES),
    result.map((r) => JSON.stringify(r)),
  );
  return result;
}

describe('verify: descendants', () => {
  let clean: string;
  beforeAll(async () => {
    clean = await cleanExport('descendants');
  });

  it('passes a clean export, every check run', async () => {
    const report = await verify(clean);
    expect(failedChecks(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.name === 'snapshots_vs_rebuilt_state')?.skipped).toBeUndefined();
  });

  it('finds a record whose field was edited, by its checksum', async () => {
    let id = '';
    const dir = await tampered(clean, (d) =>
      editRecords(d, (rs) => {
        const r = rs.find((x) => x.changeType === 'block_add' && x.newState)!;
        r.newState.type = 'gold';
        id = r.id;
      }).then(() => undefined),
    );
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    const f = serious(report).find((x) => x.kind === 'checksum_mismatch');
    expect(f).toMatchObject({ sourceId: id, severity: 'critical' });
    expect(f?.seq).toBeTypeOf('number');
  });

  it('finds a deleted line at the next change of the same entity, which starts from a state never reached', async () => {
    let nextId = '';
    const snapshotTimes = (await readLines(join(clean, SNAPSHOTS))).map(
      (l) => JSON.parse(l).timestamp as string,
    );
    const dir = await tampered(clean, (d) =>
      editRecords(d, (rs) => {
        // Two updates of one simulant with no snapshot between: only the second can show the first is gone.
        const i = rs.findIndex((x, k) => {
          if (x.changeType !== 'simulant_update') return false;
          const next = rs.slice(k + 1).find((y) => y.entityId === x.entityId);
          if (!next || next.changeType !== 'simulant_update') return false;
          nextId = next.id;
          return !snapshotTimes.some((t) => t >= x.timestamp && t < next.timestamp);
        });
        return rs.filter((_, k) => k !== i);
      }).then(() => undefined),
    );
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(failedChecks(report)).toEqual(['change_continuity']);
    expect(serious(report)[0]).toMatchObject({ kind: 'deleted', sourceId: nextId });
  });

  it('finds two swapped lines as a time reversal at the later one', async () => {
    let moved = '';
    const dir = await tampered(clean, async (d) => {
      const lines = await readLines(join(d, CHANGES));
      const i = lines.findIndex(
        (l, k) => k > 10 && JSON.parse(l).timestamp !== JSON.parse(lines[k + 1] ?? l).timestamp,
      );
      [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      moved = JSON.parse(lines[i + 1]!).id;
      await writeLines(join(d, CHANGES), lines);
    });
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(serious(report).find((f) => f.kind === 'time_reversal')?.sourceId).toBe(moved);
  });

  it('finds a delta that disagrees with newState even when the record is re-signed', async () => {
    let id = '';
    const dir = await tampered(clean, async (d) => {
      const lines = await readLines(join(d, CHANGES));
      const i = lines.findIndex((l) => l.includes('"block_update"') && l.includes('"delta"'));
      const r = JSON.parse(lines[i]!) as Rec;
      r.delta[0].value = '#000001';
      id = r.id;
      lines[i] = withChecksum(r);
      await writeLines(join(d, CHANGES), lines);
    });
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['delta_vs_new_state']);
    expect(serious(report)[0]).toMatchObject({ kind: 'delta_mismatch', sourceId: id });
  });

  it('finds an altered snapshot by its checksum, and a re-signed one against the rebuilt world', async () => {
    let snapId = '';
    const alter = (resign: boolean) => async (d: string) => {
      const lines = await readLines(join(d, SNAPSHOTS));
      const s = JSON.parse(lines[3]!) as Rec;
      s.worldState.blocks.pop();
      snapId = s.id;
      if (resign)
        s.integrity.checksum = createHash('sha256').update(canonicalJson(s.worldState)).digest('hex');
      lines[3] = JSON.stringify(s);
      await writeLines(join(d, SNAPSHOTS), lines);
    };
    const unsigned = await verify(await tampered(clean, alter(false)));
    expect(serious(unsigned).find((f) => f.kind === 'checksum_mismatch')?.sourceId).toBe(snapId);
    const resigned = await verify(await tampered(clean, alter(true)));
    expect(failedChecks(resigned)).toEqual(['snapshots_vs_rebuilt_state']);
    expect(serious(resigned)[0]).toMatchObject({ kind: 'snapshot_mismatch', sourceId: snapId });
    expect(serious(resigned).every((f) => f.kind === 'snapshot_mismatch')).toBe(true);
  });
});
