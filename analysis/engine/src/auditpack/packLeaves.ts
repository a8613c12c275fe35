import { toHex, TreeBuilder } from '../../../core/src/index.js';
import type { FindingSink } from '../integrity/checkKit.js';
import { BlockHasher } from './blockHasher.js';
import { nodeMerkleHasher } from './nodeHasher.js';
import { BLOCK_SIZE, ENTRIES } from './packFormat.js';
import type { Checkpoint, Seal } from './packFormat.js';
import type { PackInput } from './packInput.js';

/** Every record's leaf hash (in file order) and leaves.bin, whole: the second pass, for a pack that failed the first. */
export async function readAllLeaves(input: PackInput): Promise<{ records: Buffer[]; bin: Buffer }> {
  const blocks: Buffer[] = [];
  const hasher = new BlockHasher((b) => blocks.push(Buffer.from(b.leaves)));
  for await (const chunk of input.chunks(ENTRIES.records)) hasher.push(chunk);
  hasher.end();
  const records: Buffer[] = [];
  for (const block of blocks)
    for (let at = 0; at < block.length; at += 32) records.push(block.subarray(at, at + 32));
  const parts: Buffer[] = [];
  for await (const chunk of input.chunks(ENTRIES.leaves)) parts.push(Buffer.from(chunk));
  return { records, bin: Buffer.concat(parts) };
}

/**
 * The signed leaf of every record: leaves.bin where its block gives the sealed root. Where it
 * does not, leaves.bin was altered: the block is reported, and if the records of that block
 * still give the sealed root they stand in for it and each altered entry of leaves.bin is
 * named by its record; otherwise null (nothing signed to compare with) and the records are
 * compared with leaves.bin as it is.
 */
export function signedLeaves(
  recordLeaves: readonly Buffer[],
  bin: Buffer,
  seals: readonly (Seal | undefined)[],
  checkpoint: Checkpoint,
  sink: FindingSink,
): (Buffer | null)[] {
  const hasher = nodeMerkleHasher();
  const size = checkpoint.treeSize;
  const fromBin = (i: number): Buffer | null =>
    i * 32 + 32 <= bin.length ? bin.subarray(i * 32, i * 32 + 32) : null;
  const expected: (Buffer | null)[] = [];
  let blocksAgree = true;
  for (let b = 0; b * BLOCK_SIZE < size; b++) {
    const first = b * BLOCK_SIZE;
    const count = Math.min(BLOCK_SIZE, size - first);
    const binLeaves = Array.from({ length: count }, (_, k) => fromBin(first + k));
    const block = new TreeBuilder(hasher);
    for (const leaf of binLeaves) if (leaf) block.push(leaf);
    const seal = seals[b];
    if (!seal || toHex(block.root()) === seal.root) {
      expected.push(...binLeaves);
      continue;
    }
    const records = recordLeaves.slice(first, first + count);
    const fromRecords = new TreeBuilder(hasher);
    for (const leaf of records) fromRecords.push(leaf);
    const recordsAgree = records.length === count && toHex(fromRecords.root()) === seal.root;
    blocksAgree = false;
    sink.add({
      kind: 'hash_mismatch',
      severity: 'critical',
      block: b,
      expected: seal.root,
      actual: toHex(block.root()),
      detail: recordsAgree
        ? `leaves.bin records ${first} to ${first + count - 1} do not give the root seal ${b} signed; the records themselves do`
        : `leaves.bin records ${first} to ${first + count - 1} do not give the root seal ${b} signed, and neither do the records: one or more of them, or their leaves, were altered`,
    });
    if (recordsAgree)
      records.forEach((leaf, k) => {
        const written = binLeaves[k];
        if (written && written.equals(leaf)) return;
        sink.add({
          kind: 'hash_mismatch',
          severity: 'critical',
          seq: first + k,
          block: b,
          expected: leaf.toString('hex'),
          actual: written ? written.toString('hex') : 'nothing',
          detail: `leaves.bin's entry for record ${first + k} was altered; the record itself is as signed`,
        });
      });
    expected.push(...(recordsAgree ? records : binLeaves));
  }
  if (bin.length !== size * 32)
    sink.add({
      kind: 'truncated',
      severity: 'critical',
      expected: `${size * 32} bytes`,
      actual: `${bin.length} bytes`,
      detail: 'leaves.bin does not hold one leaf per record',
    });
  const tree = new TreeBuilder(hasher);
  for (const leaf of expected) if (leaf) tree.push(leaf);
  // A block that disagrees with its seal already explains a different root.
  if (blocksAgree && tree.size === size && toHex(tree.root()) !== checkpoint.rootHash)
    sink.add({
      kind: 'hash_mismatch',
      severity: 'critical',
      expected: checkpoint.rootHash,
      actual: toHex(tree.root()),
      detail: 'the tree of the signed leaves does not give the checkpoint rootHash',
    });
  return expected;
}
