import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  packFromEntries,
  readPackEntries,
  readPublicKey,
  verifyPackInput,
} from '../../../analysis/engine/src/index.js';
import { tempDir } from '../../helpers/archives.js';
import { findingsOf, packOf, signer } from './packKit.js';
import type { Entries, Located } from './packKit.js';

/** Four short wedsync records: every bit of their pack can be flipped in seconds. */
const FIXTURE = join(import.meta.dirname, '../../fixtures/integrity/tiny-wedsync');

/**
 * Mutation tests of auditpack.md: one bit flipped at a time, the pack verified in memory,
 * and the flip must be found where it is. Nothing about the flip is told to the verifier.
 */
describe('.auditpack: every flipped bit is detected and located', () => {
  let entries: Entries;
  let key: KeyObject;

  beforeAll(async () => {
    const dir = await tempDir('chronoscope-mutations-');
    const alice = await signer(dir, 'alice');
    const pack = join(dir, 'tiny.auditpack');
    await packOf(FIXTURE, pack, alice, {
      cacheDir: join(dir, 'cache'),
      now: new Date('2026-04-03T00:00:00Z'),
    });
    entries = await readPackEntries(pack);
    key = await readPublicKey(alice.publicPath);
    const clean = await verifyPackInput(packFromEntries(entries), key, {});
    expect(findingsOf(clean)).toEqual([]);
  });

  /** Flips bit `bit` of `name` and returns the serious findings. */
  async function flip(name: string, bit: number): Promise<Located[]> {
    const data = Buffer.from(entries.get(name)!);
    data[bit >> 3] = data[bit >> 3]! ^ (1 << (bit & 7));
    const v = await verifyPackInput(packFromEntries(new Map(entries).set(name, data)), key, {});
    return findingsOf(v).filter((f) => f.severity !== 'info');
  }

  /** Runs every flip of `bits` and returns those whose findings `placed` rejects, with what was found. */
  async function misses(
    name: string,
    bits: Iterable<number>,
    placed: (bit: number, fs: Located[]) => boolean,
  ) {
    const out: string[] = [];
    let flips = 0;
    for (const bit of bits) {
      flips++;
      const fs = await flip(name, bit);
      if (!placed(bit, fs))
        out.push(`bit ${bit}: ${JSON.stringify(fs.map((f) => [f.check, f.kind, f.seq ?? f.block]))}`);
    }
    return { flips, missed: out.slice(0, 10), count: out.length };
  }

  const every = (name: string): number[] =>
    Array.from({ length: entries.get(name)!.length * 8 }, (_, b) => b);
  const sample = (name: string, step: number): number[] => every(name).filter((b) => b % step === 0);

  it('flips every bit of records.ndjson: each is found at the record that holds it', async () => {
    const text = entries.get('records.ndjson')!;
    // A record's bytes include the "\n" that ends it.
    const recordAt: number[] = [];
    let record = 0;
    for (const byte of text) {
      recordAt.push(record);
      if (byte === 10) record++;
    }
    const result = await misses('records.ndjson', every('records.ndjson'), (bit, fs) =>
      fs.some((f) => f.check === 'records_vs_leaves' && f.seq === recordAt[bit >> 3]),
    );
    expect(result.flips).toBe(text.length * 8);
    expect(result.missed).toEqual([]);
  });

  it('flips every bit of leaves.bin: each is found at the record whose leaf it is', async () => {
    const result = await misses('leaves.bin', every('leaves.bin'), (bit, fs) =>
      fs.some((f) => f.check === 'leaves_vs_seals' && f.seq === Math.floor(bit / 256)),
    );
    expect(result.missed).toEqual([]);
  });

  it('flips a sample of bits of the seals, the checkpoint, its signature and the manifest: each is found', async () => {
    const cases: [string, number, string][] = [
      ['seals.ndjson', 1, 'seal_chain'],
      ['checkpoint.sig', 1, 'checkpoint_signature'],
      ['checkpoint.json', 3, 'checkpoint_signature'],
      ['manifest.json', 3, 'manifest_entries'],
    ];
    for (const [name, step, check] of cases) {
      const result = await misses(name, sample(name, step), (_, fs) => fs.some((f) => f.check === check));
      expect(result.missed, name).toEqual([]);
      expect(result.flips, name).toBeGreaterThan(500);
    }
  });
});
