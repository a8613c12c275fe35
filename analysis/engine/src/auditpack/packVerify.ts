import type { KeyObject } from 'node:crypto';
import { toHex } from '../../../core/src/index.js';
import { FindingSink } from '../integrity/checkKit.js';
import type { CheckOutcome, IntegrityContext, VerifyOptions } from '../integrity/types.js';
import { rootOfBlocks } from './blockTree.js';
import { keyFingerprint } from './keys.js';
import { alignRecords } from './packAlign.js';
import { packFromFile, digestOf } from './packInput.js';
import type { PackInput } from './packInput.js';
import { readAllLeaves, signedLeaves } from './packLeaves.js';
import { checkEntryNames, checkManifest, readManifest } from './packManifest.js';
import { checkPrevious } from './packPrevious.js';
import { scanPack } from './packScan.js';
import type { ScanResult } from './packScan.js';
import { BLOCK_SIZE, ENTRIES } from './packFormat.js';
import type { Checkpoint, Seal } from './packFormat.js';
import { checkCheckpoint, checkSeals } from './packSignatures.js';

export interface PackVerification {
  outcomes: CheckOutcome[];
  /** Whether the signatures were checked against a key the investigator pinned. */
  pinned: boolean;
  keyFingerprint: string | undefined;
  checkpoint: Checkpoint | undefined;
}

/** The pack's own checks of auditpack.md, every fault reported and located. */
export async function verifyPack(
  path: string,
  pinnedKey: KeyObject | undefined,
  ctx: Pick<IntegrityContext, 'options'>,
): Promise<PackVerification> {
  const input = await packFromFile(path);
  try {
    return await verifyPackInput(input, pinnedKey, ctx.options);
  } finally {
    input.close();
  }
}

/**
 * The checks on any pack input. The signatures and the seal chain are read first (small);
 * then one pass over the records settles an intact pack. Only when that pass finds a
 * difference are all leaves read into memory to locate every fault.
 */
export async function verifyPackInput(
  input: PackInput,
  pinnedKey: KeyObject | undefined,
  options: VerifyOptions,
): Promise<PackVerification> {
  const sink = (name: string): FindingSink => FindingSink.for({ options } as IntegrityContext, name);
  const sigs = sink('checkpoint_signature');
  const sealSink = sink('seal_chain');
  const leaves = sink('leaves_vs_seals');
  const records = sink('records_vs_leaves');
  const manifestSink = sink('manifest_entries');
  const previous = sink('previous_link');
  const manifest = readManifest(input);
  const key = pinnedKey ?? manifest.key;
  const checkpoint = checkCheckpoint(input, key, sigs);
  const seals = checkSeals(input, key, checkpoint, sealSink);
  const scan = await scanPack(input, seals, checkpoint?.previous?.treeSize);
  if (checkpoint && !intact(scan, seals, checkpoint)) {
    const all = await readAllLeaves(input);
    alignRecords(signedLeaves(all.records, all.bin, seals, checkpoint, leaves), all.records, records);
  }
  checkEntryNames(input.names, manifestSink);
  checkManifest(
    manifest,
    {
      checkpoint,
      streams: scan.streams,
      digests: {
        [ENTRIES.records]: scan.recordsDigest,
        [ENTRIES.leaves]: scan.leavesDigest,
        [ENTRIES.seals]: digestOf(input.small.get(ENTRIES.seals)),
      },
      pinnedKey,
    },
    manifestSink,
  );
  const link = await checkPrevious(checkpoint, scan.prefixRoot, key, options.previousPack, previous);
  const n = checkpoint?.treeSize ?? 0;
  const unknownSize = checkpoint ? undefined : 'not checked: no readable checkpoint';
  return {
    outcomes: [
      sigs.outcome(`checkpoint.json signed by ${pinnedKey ? 'the pinned key' : "the pack's own key"}`),
      sealSink.outcome(`${seals.length} seals signed and chained to the checkpoint`),
      leaves.outcome(`leaves.bin agrees with every seal and the tree root of ${n} records`, unknownSize),
      records.outcome(`${scan.records} records hash to their signed leaves, in order`, unknownSize),
      manifestSink.outcome(
        'each entry once; manifest.json agrees with the checkpoint, the streams and the sha256 of every entry',
      ),
      link,
    ],
    pinned: pinnedKey !== undefined,
    keyFingerprint: key ? keyFingerprint(key) : undefined,
    checkpoint,
  };
}

/** The first pass saw every record at its signed leaf, every block under its signed seal, and the signed root. */
function intact(scan: ScanResult, seals: readonly (Seal | undefined)[], checkpoint: Checkpoint): boolean {
  return (
    scan.consistent &&
    scan.records === checkpoint.treeSize &&
    seals.length === Math.ceil(checkpoint.treeSize / BLOCK_SIZE) &&
    seals.every((s) => s !== undefined) &&
    toHex(rootOfBlocks(scan.blockRoots)) === checkpoint.rootHash
  );
}
