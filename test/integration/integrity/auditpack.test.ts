import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyObject } from 'node:crypto';
import {
  keyFingerprint,
  packFromEntries,
  readPackEntries,
  readPublicKey,
  verifyPack,
  verifyPackInput,
} from '../../../analysis/engine/src/index.js';
import type { PackVerification } from '../../../analysis/engine/src/index.js';
import { tempDir } from '../../helpers/archives.js';
import { makeZip } from '../../helpers/zipWriter.js';
import { failed, findingsOf, located, packOf, recordLines, signer, withLines } from './packKit.js';
import type { Entries, Signer } from './packKit.js';
import { cleanExport } from './tamper.js';

const RECORDS = 'records_vs_leaves';

describe('.auditpack: write, then find and locate every fault of auditpack.md', () => {
  let dir: string;
  let cacheDir: string;
  let source: string;
  let alice: Signer;
  let key: KeyObject;
  let pack: string;
  let entries: Entries;
  let lines: string[];

  beforeAll(async () => {
    dir = await tempDir('chronoscope-pack-');
    cacheDir = join(dir, 'cache');
    source = await cleanExport('robot-cycles', 2500);
    alice = await signer(dir, 'alice');
    key = await readPublicKey(alice.publicPath);
    pack = join(dir, 'clean.auditpack');
    await packOf(source, pack, alice, { cacheDir, origin: 'robots.test' });
    entries = await readPackEntries(pack);
    lines = recordLines(entries);
  });

  const check = (e: Entries, pinned = true): Promise<PackVerification> =>
    verifyPackInput(packFromEntries(e), pinned ? key : undefined, {});
  const edited = (edit: (ls: string[]) => void): Promise<PackVerification> => {
    const ls = [...lines];
    edit(ls);
    return check(withLines(entries, ls));
  };
  const sorted = (xs: [string, number | undefined][]): [string, number | undefined][] =>
    [...xs].sort((a, b) => (a[1] ?? -1) - (b[1] ?? -1) || a[0].localeCompare(b[0]));

  it('verifies a clean pack file with the pinned key, and without one says whose key it used', async () => {
    const pinned = await verifyPack(pack, key, { options: {} });
    expect(failed(pinned)).toEqual([]);
    expect(findingsOf(pinned)).toEqual([]);
    expect(pinned.pinned).toBe(true);
    const own = await verifyPack(pack, undefined, { options: {} });
    expect(failed(own)).toEqual([]);
    expect(own).toMatchObject({ pinned: false, keyFingerprint: keyFingerprint(key) });
    expect(own.checkpoint?.treeSize).toBe(lines.length);
  });

  it('reads a pack whose entries another zip tool deflated exactly as one that stores them', async () => {
    const deflated = join(dir, 'deflated.auditpack');
    await writeFile(deflated, makeZip([...entries].map(([name, data]) => ({ name, data }))));
    expect(findingsOf(await verifyPack(deflated, key, { options: {} }))).toEqual([]);
    const ls = [...lines];
    ls[77] = ls[77]!.replace('"event_type":"', '"event_type":"x');
    const tampered = join(dir, 'deflated-tampered.auditpack');
    await writeFile(tampered, makeZip([...withLines(entries, ls)].map(([name, data]) => ({ name, data }))));
    expect(located(await verifyPack(tampered, key, { options: {} }), RECORDS)).toEqual([['modified', 77]]);
  });

  it('refuses a second entry of the same name, and notes an entry the format does not name', async () => {
    const ls = [...lines];
    ls[3] = ls[3]!.replace('"event_type":"', '"event_type":"x');
    const twice = join(dir, 'twice.auditpack');
    const zipped = [
      { name: 'records.ndjson', data: Buffer.from(`${ls.join('\n')}\n`), store: true },
      ...[...entries].map(([name, data]) => ({ name, data, store: true })),
    ];
    await writeFile(twice, makeZip(zipped));
    const v = await verifyPack(twice, key, { options: {} });
    expect(failed(v)).toEqual(['manifest_entries']);
    expect(findingsOf(v)).toEqual([
      expect.objectContaining({ kind: 'inserted', severity: 'critical', actual: 'records.ndjson' }),
    ]);
    const extra = await check(new Map(entries).set('notes.txt', Buffer.from('hello')));
    expect(failed(extra)).toEqual([]);
    expect(findingsOf(extra)).toEqual([expect.objectContaining({ severity: 'info', actual: 'notes.txt' })]);
  });

  it('locates each fault alone: modified, deleted, inserted, moved, swapped, duplicated', async () => {
    const cases: [string, (ls: string[]) => void, [string, number][]][] = [
      [
        'modified',
        (ls) => (ls[1500] = ls[1500]!.replace('"event_type":"', '"event_type":"x')),
        [['modified', 1500]],
      ],
      ['deleted', (ls) => void ls.splice(700, 1), [['deleted', 700]]],
      [
        'inserted',
        (ls) => void ls.splice(900, 0, ls[5]!.replace('"seq":5,', '"seq":900,')),
        [['inserted', 900]],
      ],
      ['moved', (ls) => void ls.splice(40, 0, ls.splice(10, 1)[0]!), [['reordered', 10]]],
      [
        'swapped side by side',
        (ls) => ([ls[200], ls[201]] = [ls[201]!, ls[200]!]),
        [
          ['reordered', 200],
          ['reordered', 201],
        ],
      ],
      [
        'swapped far apart',
        (ls) => ([ls[300], ls[1800]] = [ls[1800]!, ls[300]!]),
        [
          ['reordered', 300],
          ['reordered', 1800],
        ],
      ],
      ['duplicated', (ls) => void ls.splice(43, 0, ls[42]!), [['inserted', 43]]],
    ];
    for (const [what, edit, expected] of cases) {
      const v = await edited(edit);
      expect(sorted(located(v, RECORDS)), what).toEqual(expected);
      // The records moved, so records.ndjson is not the file the manifest describes either.
      expect(failed(v).sort(), what).toEqual(['manifest_entries', RECORDS]);
      expect(
        findingsOf(v).find((f) => f.check === 'manifest_entries' && f.detail.includes('sha256'))?.detail,
        what,
      ).toMatch(/^records\.ndjson: its sha256 differs/);
    }
  });

  it('reports every fault of a pack tampered several ways at once, not only the first', async () => {
    const n = lines.length;
    const v = await edited((ls) => {
      ls[1500] = ls[1500]!.replace('"event_type":"', '"event_type":"x');
      ls.splice(n - 10);
      ls.splice(2000, 1);
      [ls[600], ls[601]] = [ls[601]!, ls[600]!];
      ls.splice(100, 0, ls.splice(300, 1)[0]!);
      ls.splice(900, 0, ls[5]!.replace('"seq":5,', '"seq":9999,'));
    });
    expect(sorted(located(v, RECORDS))).toEqual([
      ['reordered', 300],
      ['reordered', 600],
      ['reordered', 601],
      ['inserted', 900],
      ['modified', 1500],
      ['deleted', 2000],
      ['truncated', n - 10],
    ]);
    expect(findingsOf(v).find((f) => f.kind === 'truncated')).toMatchObject({
      expected: `${n} records`,
      detail: `records ${n - 10} to ${n - 1} are missing at the end`,
    });
  });

  it('reports records cut off at the end as truncated, mid-line too, and a pack without its checkpoint', async () => {
    const n = lines.length;
    expect(located(await edited((ls) => void ls.splice(n - 50)), RECORDS)).toEqual([['truncated', n - 50]]);
    const text = entries.get('records.ndjson')!;
    const cut = new Map(entries).set('records.ndjson', text.subarray(0, text.length - 70));
    expect(located(await check(cut), RECORDS)).toEqual([['modified', n - 1]]);
    const noCheckpoint = new Map(entries);
    noCheckpoint.delete('checkpoint.json');
    const v = await check(noCheckpoint);
    expect(located(v, 'checkpoint_signature')).toEqual([['truncated', undefined]]);
    expect(v.outcomes.find((o) => o.check.name === RECORDS)?.check).toMatchObject({ skipped: true });
  });

  it('localises an altered leaves.bin by its seals, then names the record inside', async () => {
    const leaves = (edit: (bin: Buffer) => void, ls = lines): Entries => {
      const bin = Buffer.from(entries.get('leaves.bin')!);
      edit(bin);
      return new Map(withLines(entries, ls)).set('leaves.bin', bin);
    };
    const alone = await check(leaves((bin) => bin.fill(7, 1100 * 32, 1101 * 32)));
    expect(located(alone, 'leaves_vs_seals')).toEqual([
      ['hash_mismatch', 1],
      ['hash_mismatch', 1100],
    ]);
    expect(located(alone, RECORDS)).toEqual([]);
    const withRecord = [...lines];
    withRecord[1100] = withRecord[1100]!.replace('"id":"', '"id":"9');
    const both = await check(leaves((bin) => bin.fill(7, 1100 * 32, 1101 * 32), withRecord));
    expect(located(both, 'leaves_vs_seals')).toEqual([['hash_mismatch', 1]]);
    expect(located(both, RECORDS)).toEqual([['modified', 1100]]);
    // A forger who rewrote the leaf to match the record is caught by the seal, at the block:
    // its root is all the signature vouches for, so no finer place can be proven.
    const forged = await edited((ls) => (ls[1100] = withRecord[1100]!));
    const leaf = findingsOf(forged).find((f) => f.kind === 'modified')!.actual!;
    const consistent = await check(
      leaves((bin) => Buffer.from(leaf, 'hex').copy(bin, 1100 * 32), withRecord),
    );
    expect(findingsOf(consistent).filter((f) => f.check === 'leaves_vs_seals')).toEqual([
      expect.objectContaining({
        kind: 'hash_mismatch',
        block: 1,
        detail: expect.stringContaining('records 1024 to 2047'),
      }),
    ]);
  });

  it('refuses a pack re-signed with another key when a key is pinned, and a broken seal chain', async () => {
    const mallory = await signer(dir, 'mallory');
    const forged = join(dir, 'forged.auditpack');
    await packOf(source, forged, mallory, { cacheDir, origin: 'robots.test' });
    const pinned = await verifyPack(forged, key, { options: {} });
    const seals = Math.ceil(lines.length / 1024);
    expect(located(pinned, 'checkpoint_signature')).toEqual([['bad_signature', undefined]]);
    expect(located(pinned, 'seal_chain')).toEqual(
      Array.from({ length: seals }, (_, b) => ['bad_signature', b]),
    );
    expect(findingsOf(pinned).find((f) => f.check === 'manifest_entries')?.detail).toContain('publicKey');
    const own = await verifyPack(forged, undefined, { options: {} });
    expect(findingsOf(own)).toEqual([]);
    expect(own.keyFingerprint).toBe(keyFingerprint(await readPublicKey(mallory.publicPath)));
    // Re-signed and then edited too: the signatures fail, and the edits are still placed.
    const forgedEntries = await readPackEntries(forged);
    const ls = recordLines(forgedEntries);
    ls[500] = ls[500]!.replace('"event_type":"', '"event_type":"x');
    ls.splice(900, 1);
    const both = await check(withLines(forgedEntries, ls));
    expect(located(both, 'checkpoint_signature')).toEqual([['bad_signature', undefined]]);
    expect(located(both, 'seal_chain')).toHaveLength(seals);
    expect(located(both, RECORDS)).toEqual([
      ['modified', 500],
      ['deleted', 900],
    ]);

    const sealLines = entries.get('seals.ndjson')!.toString('utf8').split('\n');
    sealLines[1] = sealLines[1]!.replace(/"prev":"[0-9a-f]{4}/, '"prev":"0000');
    const broken = await check(new Map(entries).set('seals.ndjson', Buffer.from(sealLines.join('\n'))));
    expect(located(broken, 'seal_chain')).toEqual([
      ['bad_signature', 1],
      ['chain_break', 1],
    ]);
    const dropped = entries.get('seals.ndjson')!.toString('utf8').split('\n');
    dropped.splice(2, 1);
    const short = await check(new Map(entries).set('seals.ndjson', Buffer.from(dropped.join('\n'))));
    expect(located(short, 'seal_chain')).toEqual([['truncated', 2]]);
  });

  it('checks every field of the manifest against the checkpoint and the entries, naming the field', async () => {
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    const edits: [string, (m: Record<string, any>) => void, RegExp][] = [
      ['records', (m) => (m.records += 1), /manifest\.json records differs/],
      ['streams', (m) => (m.streams.audit_logs -= 1), /streams\.audit_logs differs/],
      ['origin', (m) => (m.origin = 'robots.prod'), /manifest\.json origin differs/],
      ['createdAt', (m) => (m.createdAt = '2020-01-01T00:00:00.000Z'), /createdAt differs/],
      ['keyFingerprint', (m) => (m.keyFingerprint = '0'.repeat(64)), /keyFingerprint differs/],
      [
        'seals sha256',
        (m) => (m.files['seals.ndjson'].sha256 = '0'.repeat(64)),
        /^seals\.ndjson: its sha256 differs/,
      ],
      ['leaves bytes', (m) => (m.files['leaves.bin'].bytes += 32), /^leaves\.bin: its size differs/],
    ];
    for (const [what, edit, detail] of edits) {
      const m = structuredClone(manifest);
      edit(m);
      const v = await check(new Map(entries).set('manifest.json', Buffer.from(JSON.stringify(m))));
      expect(failed(v), what).toEqual(['manifest_entries']);
      const fs = findingsOf(v);
      expect(fs, what).toHaveLength(1);
      expect(fs[0]?.detail, what).toMatch(detail);
    }
    const gone = new Map(entries);
    gone.delete('manifest.json');
    expect(located(await check(gone), 'manifest_entries')).toEqual([['truncated', undefined]]);
    const garbled = await check(new Map(entries).set('manifest.json', Buffer.from('{"format":')));
    expect(located(garbled, 'manifest_entries')).toEqual([['modified', undefined]]);
  });
});
