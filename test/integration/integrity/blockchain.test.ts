import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanExport, failedChecks, serious, tampered, verify } from './tamper.js';

type Chain = { chain: string; difficulty: number; blocks: Record<string, any>[] };

async function editChain(dir: string, edit: (chain: Chain) => void): Promise<void> {
  const path = join(dir, 'chain.json');
  const chain = JSON.parse(await readFile(path, 'utf8')) as Chain;
  edit(chain);
  await writeFile(path, JSON.stringify(chain));
}

describe('verify: blockchain', () => {
  let clean: string;
  let secret: string;
  beforeAll(async () => {
    clean = await cleanExport('blockchain', 2000);
    secret = JSON.parse(await readFile(join(clean, 'ground-truth.json'), 'utf8')).hmacSecret;
  });

  it('passes a clean chain, signatures included when the secret is given', async () => {
    const plain = await verify(clean);
    expect(plain.ok).toBe(true);
    expect(plain.checks.find((c) => c.name === 'event_signatures')).toMatchObject({ skipped: true });
    const signed = await verify(clean, { hmacSecret: secret });
    expect(failedChecks(signed)).toEqual([]);
    expect(signed.checks.find((c) => c.name === 'event_signatures')?.skipped).toBeUndefined();
  });

  it('finds an edited event by its block Merkle root and, with the secret, by its signature', async () => {
    const dir = await tampered(clean, (d) =>
      editChain(d, (c) => {
        c.blocks[3]!.data[5].userId = 'user_mallory';
      }),
    );
    const eventId = JSON.parse(await readFile(join(dir, 'chain.json'), 'utf8')).blocks[3].data[5].id;
    const report = await verify(dir, { hmacSecret: secret });
    expect(report.ok).toBe(false);
    expect(failedChecks(report).sort()).toEqual(['event_signatures', 'merkle_roots']);
    expect(serious(report).find((f) => f.kind === 'merkle_mismatch')).toMatchObject({
      block: 3,
      sourceId: '3',
    });
    const sig = serious(report).find((f) => f.kind === 'signature_invalid');
    expect(sig).toMatchObject({ block: 3, sourceId: eventId });
    expect(sig?.seq).toBeTypeOf('number');
  });

  it('finds a broken block hash, its proof of work and the link the next block holds', async () => {
    const dir = await tampered(clean, (d) =>
      editChain(d, (c) => {
        c.blocks[4]!.hash = `f${c.blocks[4]!.hash.slice(1)}`;
      }),
    );
    const report = await verify(dir);
    const kinds = serious(report).map((f) => [f.kind, f.block]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['hash_mismatch', 4],
        ['pow_invalid', 4],
        ['chain_break', 5],
      ]),
    );
  });

  it('finds a removed block as a gap in the indexes, named by the missing index', async () => {
    const dir = await tampered(clean, (d) =>
      editChain(d, (c) => {
        c.blocks.splice(6, 1);
      }),
    );
    const report = await verify(dir);
    expect(serious(report).find((f) => f.kind === 'sequence_gap')).toMatchObject({ block: 6, sourceId: '6' });
    expect(serious(report).find((f) => f.kind === 'chain_break')).toMatchObject({ block: 7 });
  });

  it('says plainly when the secret is wrong', async () => {
    const report = await verify(clean, { hmacSecret: 'not-the-secret' });
    const check = report.checks.find((c) => c.name === 'event_signatures');
    expect(check?.ok).toBe(false);
    expect(check?.detail).toMatch(/secret is probably not/);
  });
});
