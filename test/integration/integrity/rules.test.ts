import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { blockHash, meetsDifficulty } from '../../../analysis/engine/src/integrity/blockchainHash.js';
import { cleanExport, failedChecks, readLines, serious, tampered, verify, writeLines } from './tamper.js';

/**
 * The rules of sources.md the per-system tests leave out, each broken once on a clean export,
 * with the one finding (or the findings the rule cannot avoid) that must come out.
 */
type Rec = Record<string, any>;

describe('verify: descendants, a removal of what never existed', () => {
  it('finds a re-signed block_remove of a block no change created, at that record', async () => {
    const clean = await cleanExport('descendants');
    const dir = await tampered(clean, async (d) => {
      const path = join(d, 'world_changes.ndjson');
      const lines = await readLines(path);
      const i = lines.findIndex((l) => l.includes('"block_remove"'));
      const source: Rec = {
        ...(JSON.parse(lines[i]!) as Rec),
        id: 'chg_forged',
        entityId: 'blk_999_999_999',
      };
      const { checksum: _old, ...rest } = source;
      const forged = { ...rest, checksum: createHash('sha256').update(canonicalJson(rest)).digest('hex') };
      lines.splice(i + 1, 0, JSON.stringify(forged));
      await writeLines(path, lines);
    });
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['change_continuity']);
    expect(serious(report)).toEqual([
      expect.objectContaining({
        kind: 'deleted',
        sourceId: 'chg_forged',
        detail: expect.stringContaining(
          'block_remove of block:blk_999_999_999, which does not exist at this point',
        ),
      }),
    ]);
  });
});

describe('verify: blockchain, one rule at a time on the last block', () => {
  type Chain = { difficulty: number; blocks: Rec[] };
  let clean: string;
  beforeAll(async () => {
    clean = await cleanExport('blockchain', 600);
  });
  const editChain = (edit: (c: Chain) => void) =>
    tampered(clean, async (d) => {
      const chain = JSON.parse(await readFile(join(d, 'chain.json'), 'utf8')) as Chain;
      edit(chain);
      await writeFile(join(d, 'chain.json'), JSON.stringify(chain));
    });
  /** Re-hashes a block honestly; `mine` searches a nonce that meets the difficulty, otherwise one that does not. */
  const rehash = (b: Rec, difficulty: number, mine: boolean): void => {
    for (b.nonce = 0; ; b.nonce++) {
      b.hash = blockHash(b as never);
      if (meetsDifficulty(b.hash, difficulty) === mine) return;
    }
  };

  it('finds a header re-hashed without the work: proof of work alone', async () => {
    let index = 0;
    const dir = await editChain((c) => {
      const last = c.blocks.at(-1)!;
      last.timestamp = last.timestamp.replace(/\.\d+Z$/, '.999Z');
      rehash(last, c.difficulty, false);
      index = last.index;
    });
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['proof_of_work']);
    expect(serious(report)).toEqual([expect.objectContaining({ kind: 'pow_invalid', block: index })]);
  });

  it('finds a block dated before the one it follows, even re-mined', async () => {
    let index = 0;
    let previous = '';
    const dir = await editChain((c) => {
      const last = c.blocks.at(-1)!;
      previous = c.blocks.at(-2)!.timestamp;
      last.timestamp = '2020-01-01T00:00:00.000Z';
      rehash(last, c.difficulty, true);
      index = last.index;
    });
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['block_index_continuity']);
    expect(serious(report)).toEqual([
      expect.objectContaining({ kind: 'time_reversal', block: index, expected: `not before ${previous}` }),
    ]);
  });

  it('finds a repeated block by its index, and the link it cannot also satisfy', async () => {
    let index = 0;
    const dir = await editChain((c) => {
      const last = c.blocks.at(-1)!;
      c.blocks.push({ ...last, data: [] });
      index = last.index;
    });
    const report = await verify(dir);
    expect(failedChecks(report).sort()).toEqual([
      'block_index_continuity',
      'merkle_roots',
      'previous_hash_links',
    ]);
    expect(
      serious(report)
        .map((f) => [f.kind, f.block])
        .sort(),
    ).toEqual([
      ['chain_break', index],
      ['merkle_mismatch', index],
      ['sequence_duplicate', index],
    ]);
  });
});

describe('verify: robot-cycles snapshot totals', () => {
  it('finds a cycle snapshot whose credits or prestige total disagrees with its events', async () => {
    const clean = await cleanExport('robot-cycles');
    for (const [group, column] of [
      [2, 'total_credits_transacted'],
      [3, 'total_prestige_awarded'],
    ] as const) {
      const dir = await tampered(clean, async (d) => {
        const lines = await readLines(join(d, 'cycle_snapshots.csv'));
        lines[1] = lines[1]!.replace(/,(\d+),(\d+),(\d+),([^,]*)$/, (...m: string[]) => {
          const totals = [m[1], m[2], m[3]].map(Number);
          totals[group - 1]! += 7;
          return `,${totals.join(',')},${m[4]}`;
        });
        await writeLines(join(d, 'cycle_snapshots.csv'), lines);
      });
      const report = await verify(dir);
      expect(failedChecks(report), column).toEqual(['cycle_snapshot_totals']);
      expect(serious(report), column).toHaveLength(1);
      const f = serious(report)[0]!;
      expect(f.detail, column).toContain(`${column} is`);
      expect(Number(f.expected) - Number(f.actual), column).toBe(7);
    }
  });
});

describe('verify: wedsync, the archive table is one timeline with the live one', () => {
  it('finds an id repeated in audit_logs_archive, naming both places', async () => {
    const clean = await cleanExport('wedsync');
    let id = '';
    const dir = await tampered(clean, async (d) => {
      const lines = await readLines(join(d, 'audit_logs.ndjson'));
      const view = lines.find((l) => JSON.parse(l).action.endsWith('.view'))!;
      id = JSON.parse(view).id;
      await writeLines(join(d, 'audit_logs_archive.ndjson'), [view]);
    });
    const report = await verify(dir);
    expect(failedChecks(report)).toEqual(['unique_ids']);
    expect(serious(report)).toEqual([
      expect.objectContaining({
        kind: 'duplicate_id',
        sourceId: id,
        actual: '2 records',
        detail: expect.stringMatching(
          /audit_logs\.ndjson:\d+, .*audit_logs_archive\.ndjson:1|audit_logs_archive\.ndjson:1, .*audit_logs\.ndjson:\d+/,
        ),
      }),
    ]);
  });
});

describe('verify: silences every system gets reported', () => {
  it('reports a long silence as an observation that leaves the verdict OK', async () => {
    const clean = await cleanExport('wedsync');
    let after = '';
    const dir = await tampered(clean, async (d) => {
      const path = join(d, 'audit_logs.ndjson');
      const lines = (await readLines(path)).map((l) => JSON.parse(l) as Rec);
      const half = Math.floor(lines.length / 2);
      // Everything after the middle moves three days later: the log falls silent for three days.
      for (const r of lines.slice(half))
        r.created_at = new Date(Date.parse(r.created_at) + 3 * 86_400_000).toISOString();
      after = lines[half]!.id;
      await writeLines(
        path,
        lines.map((r) => JSON.stringify(r)),
      );
    });
    const report = await verify(dir);
    expect(report.ok).toBe(true);
    expect(failedChecks(report)).toEqual([]);
    const gap = report.findings.find((f) => f.sourceId === after);
    expect(gap).toMatchObject({ kind: 'sequence_gap', severity: 'info' });
    expect(gap?.actual).toMatch(/^3d \d+h$/);
    expect(report.checks.find((c) => c.name === 'silent_gaps')?.detail).toMatch(/observation/);
  });
});
