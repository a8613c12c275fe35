import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanExport, failedChecks, readLines, serious, tampered, verify, writeLines } from './tamper.js';

const LOGS = 'audit_logs.ndjson';

async function editLines(dir: string, edit: (lines: string[]) => void): Promise<void> {
  const lines = await readLines(join(dir, LOGS));
  edit(lines);
  await writeLines(join(dir, LOGS), lines);
}

/** Index of the first update whose field is updated again later, and of that later update. */
function updatedTwice(lines: readonly string[]): [number, number, string] {
  const seen = new Map<string, number>();
  for (const [i, line] of lines.entries()) {
    const r = JSON.parse(line);
    if (!r.action.endsWith('.update') || !r.details?.changes) continue;
    for (const field of Object.keys(r.details.changes)) {
      const key = `${r.resource_type}/${r.resource_id}/${field}`;
      const first = seen.get(key);
      if (first !== undefined) return [first, i, field];
      seen.set(key, i);
    }
  }
  throw new Error('no field updated twice');
}

describe('verify: wedsync', () => {
  let clean: string;
  beforeAll(async () => {
    clean = await cleanExport('wedsync');
  });

  it('passes a clean export', async () => {
    const report = await verify(clean);
    expect(failedChecks(report)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('finds a duplicated row by its id, located at the copy', async () => {
    let id = '';
    const dir = await tampered(clean, (d) =>
      editLines(d, (lines) => {
        lines.push(lines[100]!);
        id = JSON.parse(lines[100]!).id;
      }),
    );
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(serious(report).find((f) => f.kind === 'duplicate_id')).toMatchObject({
      sourceId: id,
      actual: '2 records',
    });
  });

  it('finds an altered update whose old value is not what the log built', async () => {
    let id = '';
    const dir = await tampered(clean, (d) =>
      editLines(d, (lines) => {
        const [, second, field] = updatedTwice(lines);
        const r = JSON.parse(lines[second]!);
        r.details.changes[field].old = 'forged';
        id = r.id;
        lines[second] = JSON.stringify(r);
      }),
    );
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['update_old_values']);
    expect(serious(report)[0]).toMatchObject({ kind: 'modified', sourceId: id, actual: 'forged' });
  });

  it('finds a deleted update at the next update of the same field', async () => {
    let id = '';
    const dir = await tampered(clean, (d) =>
      editLines(d, (lines) => {
        const [first, second] = updatedTwice(lines);
        id = JSON.parse(lines[second]!).id;
        lines.splice(first, 1);
      }),
    );
    const report = await verify(dir);
    expect(serious(report).find((f) => f.kind === 'modified')?.sourceId).toBe(id);
  });

  it('finds a record dated after the export was read', async () => {
    let id = '';
    const dir = await tampered(clean, (d) =>
      editLines(d, (lines) => {
        const r = JSON.parse(lines[lines.length - 1]!);
        r.created_at = '2099-01-01T00:00:00.000Z';
        id = r.id;
        lines[lines.length - 1] = JSON.stringify(r);
      }),
    );
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(serious(report).find((f) => f.kind === 'time_reversal')).toMatchObject({
      sourceId: id,
      actual: '2099-01-01T00:00:00.000Z',
    });
  });
});
