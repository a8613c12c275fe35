import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ArchiveStore,
  openArchive,
  readPackEntries,
  readPrivateKey,
  readPublicKey,
  verifyPack,
  writeKeyPair,
  writePack,
} from '../../../analysis/engine/src/index.js';
import type { IntegrityFinding } from '../../../analysis/engine/src/index.js';
import { tempDir } from '../../helpers/archives.js';
import { makeZip } from '../../helpers/zipWriter.js';
import { cleanExport } from './tamper.js';

type Entries = Map<string, Buffer>;

describe('.auditpack: write, then find every fault of auditpack.md', () => {
  let dir: string;
  let pack: string;
  let entries: Entries;
  let lines: string[];
  let key: string;
  let n = 0;

  beforeAll(async () => {
    dir = await tempDir('chronoscope-pack-');
    const source = await cleanExport('robot-cycles', 2500);
    await writeKeyPair(join(dir, 'signer'));
    const opened = await openArchive(source, { cacheDir: join(dir, 'cache') });
    const store = await ArchiveStore.open(opened.dbPath);
    pack = join(dir, 'clean.auditpack');
    await writePack(store, opened.system, {
      origin: 'robots.test',
      privateKey: await readPrivateKey(join(dir, 'signer.pem')),
      publicKey: await readPublicKey(join(dir, 'signer.pub.pem')),
      out: pack,
    });
    store.close();
    key = join(dir, 'signer.pub.pem');
    entries = await readPackEntries(pack);
    lines = entries.get('records.ndjson')!.toString('utf8').replace(/\n$/, '').split('\n');
  });

  /** A copy of the pack with some entries replaced, re-zipped as a tamperer would. */
  async function variant(change: (e: Entries) => void): Promise<string> {
    const copy = new Map(entries);
    change(copy);
    const path = join(dir, `variant-${n++}.auditpack`);
    await writeFile(path, makeZip([...copy].map(([name, data]) => ({ name, data, store: true }))));
    return path;
  }
  const withLines = (edit: (ls: string[]) => void) => (e: Entries) => {
    const ls = [...lines];
    edit(ls);
    e.set('records.ndjson', Buffer.from(`${ls.join('\n')}\n`));
  };
  async function findings(path: string, pinned = true): Promise<IntegrityFinding[]> {
    const v = await verifyPack(path, pinned ? await readPublicKey(key) : undefined, { options: {} });
    return v.outcomes.flatMap((o) => o.findings);
  }
  const located = (fs: IntegrityFinding[]) => fs.map((f) => [f.kind, f.seq ?? f.block]);

  it('verifies a clean pack with the pinned key, and says when no key was pinned', async () => {
    expect(await findings(pack)).toEqual([]);
    const unpinned = await verifyPack(pack, undefined, { options: {} });
    expect(unpinned.pinned).toBe(false);
    expect(unpinned.outcomes.every((o) => o.check.ok)).toBe(true);
  });

  it('locates a modified, a deleted, an inserted and a moved record, alone and together', async () => {
    const modify = (ls: string[]) => (ls[1500] = ls[1500]!.replace('"event_type":"', '"event_type":"x'));
    expect(located(await findings(await variant(withLines(modify))))).toEqual([['modified', 1500]]);
    expect(located(await findings(await variant(withLines((ls) => ls.splice(700, 1)))))).toEqual([
      ['deleted', 700],
    ]);
    const inserted = await findings(
      await variant(withLines((ls) => ls.splice(900, 0, ls[5]!.replace('"seq":5', '"seq":900')))),
    );
    expect(located(inserted)).toEqual([['inserted', 900]]);
    const moved = await findings(await variant(withLines((ls) => ls.splice(40, 0, ls.splice(10, 1)[0]!))));
    expect(located(moved)).toEqual([['reordered', 10]]);
    const several = await findings(
      await variant(
        withLines((ls) => {
          modify(ls);
          ls.splice(2000, 1);
          ls.splice(100, 0, ls.splice(300, 1)[0]!);
        }),
      ),
    );
    expect(located(several)).toEqual(
      expect.arrayContaining([
        ['modified', 1500],
        ['deleted', 2000],
        ['reordered', 300],
      ]),
    );
    expect(several).toHaveLength(3);
  });

  it('reports records cut off at the end as truncated, with the missing range', async () => {
    const fs = await findings(await variant(withLines((ls) => ls.splice(lines.length - 50))));
    expect(fs).toEqual([expect.objectContaining({ kind: 'truncated', seq: lines.length - 50 })]);
    const noCheckpoint = await findings(await variant((e) => e.delete('checkpoint.json')));
    expect(noCheckpoint.map((f) => f.kind)).toContain('truncated');
  });

  it('localises an altered leaves.bin by its seals, then the record inside', async () => {
    const fs = await findings(
      await variant((e) => {
        withLines((ls) => (ls[1100] = ls[1100]!.replace('"id":"', '"id":"9')))(e);
        const leaves = Buffer.from(e.get('leaves.bin')!);
        leaves.fill(7, 1100 * 32, 1101 * 32);
        e.set('leaves.bin', leaves);
      }),
    );
    expect(located(fs)).toEqual(
      expect.arrayContaining([
        ['hash_mismatch', 1],
        ['modified', 1100],
      ]),
    );
  });

  it('refuses a pack re-signed with another key when the key is pinned, and a broken seal chain', async () => {
    await writeKeyPair(join(dir, 'mallory'));
    const opened = await openArchive(await cleanExport('robot-cycles', 2500), {
      cacheDir: join(dir, 'cache'),
    });
    const store = await ArchiveStore.open(opened.dbPath);
    const forged = join(dir, 'forged.auditpack');
    await writePack(store, opened.system, {
      origin: 'robots.test',
      privateKey: await readPrivateKey(join(dir, 'mallory.pem')),
      publicKey: await readPublicKey(join(dir, 'mallory.pub.pem')),
      out: forged,
    });
    store.close();
    expect((await findings(forged)).map((f) => f.kind)).toContain('bad_signature');
    expect(await findings(forged, false)).toEqual([]);

    const seals = entries.get('seals.ndjson')!.toString('utf8').split('\n');
    seals[1] = seals[1]!.replace(/"prev":"[0-9a-f]{4}/, '"prev":"0000');
    const broken = await findings(await variant((e) => e.set('seals.ndjson', Buffer.from(seals.join('\n')))));
    expect(located(broken)).toEqual(
      expect.arrayContaining([
        ['bad_signature', 1],
        ['chain_break', 1],
      ]),
    );
  });

  it('catches every sampled bit flip in records.ndjson at the record that holds it', async () => {
    const bytes = entries.get('records.ndjson')!;
    const starts = [0];
    bytes.forEach((b, i) => b === 10 && starts.push(i + 1));
    for (let k = 0; k < 40; k++) {
      const bit = (k * 7919 * 13 + 101) % (bytes.length * 8);
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      const record = starts.filter((s) => s <= bit >> 3).length - 1;
      const fs = await findings(await variant((e) => e.set('records.ndjson', flipped)));
      expect(fs.length, `bit ${bit}`).toBeGreaterThan(0);
      expect(
        fs.map((f) => f.seq),
        `bit ${bit} in record ${record}`,
      ).toContain(record);
    }
  });
});
