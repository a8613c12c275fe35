import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { toHex, TreeBuilder } from '../../../core/src/index.js';
import type { MerkleHasher } from '../../../core/src/index.js';
import { FindingSink } from '../integrity/checkKit.js';
import type { CheckOutcome, IntegrityContext } from '../integrity/types.js';
import { keyFingerprint } from './keys.js';
import { nodeMerkleHasher } from './nodeHasher.js';
import { alignRecords } from './packAlign.js';
import { readPack } from './packReader.js';
import type { PackContents } from './packReader.js';
import { BLOCK_SIZE, ENTRIES, sealSigningText } from './packFormat.js';
import type { Checkpoint, Seal } from './packFormat.js';

export interface PackVerification {
  outcomes: CheckOutcome[];
  /** Whether the signatures were checked against a key the investigator pinned. */
  pinned: boolean;
  keyFingerprint: string | undefined;
  checkpoint: Checkpoint | undefined;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The pack's own checks of auditpack.md, every fault reported and located. */
export async function verifyPack(
  path: string,
  pinnedKey: KeyObject | undefined,
  ctx: Pick<IntegrityContext, 'options'>,
): Promise<PackVerification> {
  const hasher = nodeMerkleHasher();
  const pack = await readPack(path);
  const sink = (name: string): FindingSink => FindingSink.for(ctx as IntegrityContext, name);
  const sigs = sink('checkpoint_signature');
  const seals = sink('seal_chain');
  const leaves = sink('leaves_vs_seals');
  const records = sink('records_vs_leaves');
  const manifestKey = readManifestKey(pack);
  const key = pinnedKey ?? manifestKey;
  const checkpointBytes = pack.entries.get(ENTRIES.checkpoint);
  let checkpoint: Checkpoint | undefined;
  if (!checkpointBytes || !pack.hasRecords) {
    sigs.add({
      kind: 'truncated',
      severity: 'critical',
      detail: `the pack has no ${!checkpointBytes ? ENTRIES.checkpoint : ENTRIES.records}`,
    });
  } else {
    checkpoint = JSON.parse(checkpointBytes.toString('utf8')) as Checkpoint;
    const sig = pack.entries.get(ENTRIES.signature)?.toString('utf8').trim() ?? '';
    if (!key || !verify(null, checkpointBytes, key, Buffer.from(sig, 'base64')))
      sigs.add({
        kind: 'bad_signature',
        severity: 'critical',
        expected: key ? keyFingerprint(key) : 'a key',
        detail: key
          ? 'checkpoint.sig is not a signature of checkpoint.json by this key: the checkpoint was altered or signed by another key'
          : 'no key to check checkpoint.sig with',
      });
  }
  const sealList = checkSeals(pack, key, checkpoint, seals);
  const expected = checkLeaves(pack, hasher, sealList, checkpoint, leaves);
  if (checkpoint) alignRecords(expected, pack.recordLeaves, records);
  const n = checkpoint?.treeSize ?? 0;
  return {
    outcomes: [
      sigs.outcome(`checkpoint.json signed by ${pinnedKey ? 'the pinned key' : "the pack's own key"}`),
      seals.outcome(`${sealList.length} seals signed and chained to the checkpoint`),
      leaves.outcome(`leaves.bin agrees with every seal and the tree root of ${n} records`),
      records.outcome(`${pack.recordLeaves.length} records hash to their signed leaves, in order`),
    ],
    pinned: pinnedKey !== undefined,
    keyFingerprint: key ? keyFingerprint(key) : undefined,
    checkpoint,
  };
}

function readManifestKey(pack: PackContents): KeyObject | undefined {
  try {
    const manifest = JSON.parse(pack.entries.get(ENTRIES.manifest)?.toString('utf8') ?? '{}') as {
      publicKey?: string;
    };
    return manifest.publicKey
      ? createPublicKey({ key: Buffer.from(manifest.publicKey, 'base64'), format: 'der', type: 'spki' })
      : undefined;
  } catch {
    return undefined;
  }
}

/** Each seal signed, each linked to the one before, the last one named by the checkpoint. */
function checkSeals(
  pack: PackContents,
  key: KeyObject | undefined,
  checkpoint: Checkpoint | undefined,
  sink: FindingSink,
): (Seal | undefined)[] {
  const lines = (pack.entries.get(ENTRIES.seals)?.toString('utf8') ?? '').split('\n').filter((l) => l !== '');
  const seals: (Seal | undefined)[] = [];
  let prev = '';
  for (const [b, line] of lines.entries()) {
    let seal: Seal | undefined;
    try {
      seal = JSON.parse(line) as Seal;
    } catch {
      seal = undefined;
    }
    const signed =
      seal !== undefined &&
      key !== undefined &&
      verify(null, Buffer.from(sealSigningText(line)), key, Buffer.from(seal.sig, 'base64'));
    if (!signed)
      sink.add({
        kind: 'bad_signature',
        severity: 'critical',
        block: b,
        detail: `seal ${b} is not signed by this key`,
      });
    if (seal && (seal.block !== b || seal.prev !== prev))
      sink.add({
        kind: 'chain_break',
        severity: 'critical',
        block: b,
        expected: prev,
        actual: seal.prev,
        detail: `seal ${b} does not link to the seal before it`,
      });
    seals.push(signed ? seal : undefined);
    prev = sha256(line);
  }
  if (checkpoint) {
    const due = Math.ceil(checkpoint.treeSize / BLOCK_SIZE);
    if (lines.length < due)
      sink.add({
        kind: 'truncated',
        severity: 'critical',
        block: lines.length,
        expected: `${due} seals`,
        actual: `${lines.length} seals`,
        detail: `seals ${lines.length} to ${due - 1} are missing`,
      });
    else if (checkpoint.lastSeal !== prev)
      sink.add({
        kind: 'chain_break',
        severity: 'critical',
        block: lines.length - 1,
        expected: checkpoint.lastSeal,
        actual: prev,
        detail: 'the checkpoint does not name the last seal',
      });
  }
  return seals;
}

/**
 * The signed leaf of every record: leaves.bin where its block matches the signed seal root.
 * Where it does not, leaves.bin was altered: the block is reported, and if the records of that
 * block still give the sealed root they stand in for it; otherwise null (nothing signed to
 * compare with), and the records in it are compared with leaves.bin as it is.
 */
function checkLeaves(
  pack: PackContents,
  hasher: MerkleHasher,
  seals: (Seal | undefined)[],
  checkpoint: Checkpoint | undefined,
  sink: FindingSink,
): (Buffer | null)[] {
  const bin = pack.entries.get(ENTRIES.leaves) ?? Buffer.alloc(0);
  const size = checkpoint?.treeSize ?? Math.floor(bin.length / 32);
  const fromBin = (i: number): Buffer | null =>
    i * 32 + 32 <= bin.length ? bin.subarray(i * 32, i * 32 + 32) : null;
  const expected: (Buffer | null)[] = [];
  const tree = new TreeBuilder(hasher);
  for (let b = 0; b * BLOCK_SIZE < size; b++) {
    const first = b * BLOCK_SIZE;
    const count = Math.min(BLOCK_SIZE, size - first);
    const block = new TreeBuilder(hasher);
    const binLeaves = Array.from({ length: count }, (_, k) => fromBin(first + k));
    for (const leaf of binLeaves) if (leaf) block.push(leaf);
    const seal = seals[b];
    if (!seal || toHex(block.root()) === seal.root) {
      expected.push(...binLeaves);
    } else {
      const records = pack.recordLeaves.slice(first, first + count);
      const fromRecords = new TreeBuilder(hasher);
      for (const leaf of records) fromRecords.push(leaf);
      const recordsAgree = records.length === count && toHex(fromRecords.root()) === seal.root;
      sink.add({
        kind: 'hash_mismatch',
        severity: 'critical',
        block: b,
        expected: seal.root,
        actual: toHex(block.root()),
        detail: `leaves.bin records ${first} to ${first + count - 1} do not give the root seal ${b} signed${recordsAgree ? '; the records themselves do' : ''}`,
      });
      expected.push(...(recordsAgree ? records : binLeaves));
    }
  }
  for (const leaf of expected) if (leaf) tree.push(leaf);
  if (checkpoint && bin.length !== size * 32)
    sink.add({
      kind: 'truncated',
      severity: 'critical',
      expected: `${size * 32} bytes`,
      actual: `${bin.length} bytes`,
      detail: 'leaves.bin does not hold one leaf per record',
    });
  if (checkpoint && tree.size === size && toHex(tree.root()) !== checkpoint.rootHash)
    sink.add({
      kind: 'hash_mismatch',
      severity: 'critical',
      expected: checkpoint.rootHash,
      actual: toHex(tree.root()),
      detail: 'the tree of the signed leaves does not give the checkpoint rootHash',
    });
  return expected;
}
