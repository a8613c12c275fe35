import { createHash } from 'node:crypto';
import { toHex } from '../../../core/src/index.js';
import { BlockHasher } from './blockHasher.js';
import type { HashedBlock } from './blockHasher.js';
import { PrefixRoot } from './blockTree.js';
import { ENTRIES } from './packFormat.js';
import type { Seal } from './packFormat.js';
import type { Digest, PackInput } from './packInput.js';
import { StreamCounter } from './streamCounter.js';

export interface ScanResult {
  records: number;
  /** Each block's root computed from its records. */
  blockRoots: Uint8Array[];
  /** Every block's record leaves equal leaves.bin's, its root its seal's, and leaves.bin has nothing more. */
  consistent: boolean;
  recordsDigest: Digest;
  leavesDigest: Digest;
  streams: Record<string, number>;
  /** The root of the first `previous.treeSize` records, when asked for and there are that many. */
  prefixRoot: Uint8Array | undefined;
}

interface Block {
  index: number;
  count: number;
  leaves: Buffer;
  root: Buffer;
}

/**
 * The verifier's one pass: records.ndjson and leaves.bin are read side by side, each block
 * of records hashed and compared with leaves.bin and with its seal, and only the block roots
 * kept (32 bytes per 1,024 records). Memory does not grow with the pack. Where anything
 * disagrees, the caller reads the pack again to say exactly what (`packLeaves.ts`).
 */
export async function scanPack(
  input: PackInput,
  seals: readonly (Seal | undefined)[],
  prefixSize: number | undefined,
): Promise<ScanResult> {
  const leavesIn = new ByteReader(input.chunks(ENTRIES.leaves)[Symbol.asyncIterator]());
  const leavesHash = createHash('sha256');
  const beside = input.recordsDigest();
  const recordsHash = beside ? undefined : createHash('sha256');
  const counter = new StreamCounter();
  const prefix = prefixSize === undefined ? undefined : new PrefixRoot(prefixSize);
  const queue: Block[] = [];
  const hasher = new BlockHasher((b: HashedBlock) => {
    prefix?.observe(b);
    queue.push({
      index: b.index,
      count: b.count,
      leaves: Buffer.from(b.leaves),
      root: Buffer.from(b.root),
    });
  }, counter);
  const blockRoots: Uint8Array[] = [];
  let consistent = true;
  let recordBytes = 0;
  const drain = async (): Promise<void> => {
    for (let block = queue.shift(); block !== undefined; block = queue.shift()) {
      const bin = await leavesIn.read(block.leaves.length);
      leavesHash.update(bin);
      const seal = seals[block.index];
      if (!bin.equals(block.leaves) || !seal || seal.count !== block.count || seal.root !== toHex(block.root))
        consistent = false;
      blockRoots.push(block.root);
    }
  };
  for await (const chunk of input.chunks(ENTRIES.records)) {
    recordsHash?.update(chunk);
    recordBytes += chunk.length;
    hasher.push(chunk);
    await drain();
  }
  hasher.end();
  await drain();
  // leaves.bin must end where the records do.
  for (let rest = await leavesIn.read(1 << 20); rest.length > 0; rest = await leavesIn.read(1 << 20)) {
    leavesHash.update(rest);
    consistent = false;
  }
  if (blockRoots.length !== seals.length) consistent = false;
  return {
    records: hasher.records,
    blockRoots,
    consistent,
    recordsDigest: beside
      ? await beside.catch(() => digestChunks(input.chunks(ENTRIES.records)))
      : { sha256: recordsHash?.digest('hex') ?? '', bytes: recordBytes },
    leavesDigest: { sha256: leavesHash.digest('hex'), bytes: leavesIn.total },
    streams: counter.result(),
    prefixRoot: prefix?.root(blockRoots, hasher.records),
  };
}

/** Where no second thread could hash the records (none could start), this one reads them again. */
async function digestChunks(chunks: AsyncIterable<Uint8Array>): Promise<Digest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Exactly n bytes at a time (fewer at the end) from a stream of chunks. */
class ByteReader {
  total = 0;
  private held: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  async read(n: number): Promise<Buffer> {
    const parts = [this.held];
    let size = this.held.length;
    while (size < n && !this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else {
        const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
        parts.push(chunk);
        size += chunk.length;
      }
    }
    const all = parts.length === 1 ? this.held : Buffer.concat(parts, size);
    const out = all.subarray(0, Math.min(n, all.length));
    this.held = all.subarray(out.length);
    this.total += out.length;
    return out;
  }
}
