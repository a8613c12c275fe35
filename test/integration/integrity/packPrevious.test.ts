import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPublicKey, verifyPack } from '../../../analysis/engine/src/index.js';
import type { PackSummary, PackVerification } from '../../../analysis/engine/src/index.js';
import { tempDir } from '../../helpers/archives.js';
import { findingsOf, packOf, signer } from './packKit.js';
import type { Signer } from './packKit.js';
import { cleanExport } from './tamper.js';

const LINK = 'previous_link';

/**
 * Successive exports of one log form a chain (auditpack.md `previous`): the later pack
 * names the earlier one's checkpoint, and verifying it with the earlier pack checks the link.
 */
describe('.auditpack: the previous link', () => {
  let dir: string;
  let cacheDir: string;
  let alice: Signer;
  let key: KeyObject;
  let first: string;
  let firstSummary: PackSummary;
  let full: string;

  beforeAll(async () => {
    dir = await tempDir('chronoscope-previous-');
    cacheDir = join(dir, 'cache');
    alice = await signer(dir, 'alice');
    key = await readPublicKey(alice.publicPath);
    full = await cleanExport('robot-cycles', 1800);
    // The log as exported earlier: its first 1,200 rows, before any cycle snapshot was taken.
    const early = join(dir, 'early');
    await cp(full, early, { recursive: true });
    await rm(join(early, 'cycle_snapshots.csv'));
    const csv = (await readFile(join(full, 'audit_logs.csv'), 'utf8')).split('\n');
    await writeFile(join(early, 'audit_logs.csv'), `${csv.slice(0, 1201).join('\n')}\n`);
    first = join(dir, 'first.auditpack');
    firstSummary = await packOf(early, first, alice, { cacheDir, now: new Date('2026-06-01T00:00:00Z') });
  });

  const link = (v: PackVerification) => v.outcomes.find((o) => o.check.name === LINK)!;
  const later = async (
    name: string,
    previous: { rootHash: string; treeSize: number } | undefined,
    by = alice,
  ) => {
    const path = join(dir, `${name}.auditpack`);
    const summary = await packOf(full, path, by, {
      cacheDir,
      now: new Date('2026-07-01T00:00:00Z'),
      ...(previous ? { previous } : {}),
    });
    return { path, summary };
  };

  it('writes the link, sees that the later pack extends the earlier one, and checks it with the earlier pack', async () => {
    const { path, summary } = await later('second', { rootHash: firstSummary.rootHash, treeSize: 1200 });
    expect(summary.extendsPrevious).toBe(true);
    const alone = await verifyPack(path, key, { options: {} });
    expect(link(alone).check).toMatchObject({ ok: true });
    expect(link(alone).check.detail).toMatch(
      /first 1200 records give that root: it extends the previous pack/,
    );
    expect(alone.checkpoint?.previous).toEqual({ rootHash: firstSummary.rootHash, treeSize: 1200 });
    const withFirst = await verifyPack(path, key, { options: { previousPack: first } });
    expect(findingsOf(withFirst)).toEqual([]);
    expect(link(withFirst).check.detail).toContain(`links to ${first}`);
  });

  it('says plainly when the first pack of a log names no previous one, and when a link cannot be checked', async () => {
    expect(link(await verifyPack(first, key, { options: {} })).check.detail).toMatch(
      /names no previous pack/,
    );
    const { path } = await later('elsewhere', { rootHash: 'ab'.repeat(32), treeSize: 1200 });
    const unchecked = link(await verifyPack(path, key, { options: {} })).check;
    expect(unchecked).toMatchObject({ ok: true, skipped: true });
    expect(unchecked.detail).toMatch(/not verified: .*give that pack with --previous/);
  });

  it('finds a broken link: another root, no link at all, or a previous pack signed by someone else', async () => {
    const { path: wrong } = await later('wrong', { rootHash: 'ab'.repeat(32), treeSize: 1200 });
    const broken = findingsOf(await verifyPack(wrong, key, { options: { previousPack: first } }));
    expect(broken).toEqual([
      expect.objectContaining({
        check: LINK,
        kind: 'chain_break',
        expected: `root ${firstSummary.rootHash} of 1200 records`,
        actual: `root ${'ab'.repeat(32)} of 1200 records`,
      }),
    ]);
    const { path: unlinked } = await later('unlinked', undefined);
    const none = findingsOf(await verifyPack(unlinked, key, { options: { previousPack: first } }));
    expect(none.map((f) => [f.check, f.kind, f.actual])).toEqual([[LINK, 'chain_break', 'null']]);
    const mallory = await signer(dir, 'mallory');
    const foreign = join(dir, 'foreign-first.auditpack');
    const foreignSummary = await packOf(join(dir, 'early'), foreign, mallory, {
      cacheDir,
      now: new Date('2026-06-01T00:00:00Z'),
    });
    const { path: second } = await later('second-of-foreign', {
      rootHash: foreignSummary.rootHash,
      treeSize: 1200,
    });
    const signedElsewhere = findingsOf(await verifyPack(second, key, { options: { previousPack: foreign } }));
    expect(signedElsewhere.map((f) => [f.check, f.kind])).toEqual([[LINK, 'bad_signature']]);
  });
});
