import { nodeMerkleHasher } from './nodeHasher.js';
import { BLOCK_SIZE } from './packFormat.js';
import { Sha256Kernel } from './wasmSha256.js';

/** One sealed block of records, as hashed: views into the kernel's memory, valid during the callback only. */
export interface HashedBlock {
  index: number;
  count: number;
  /** The RFC 6962 leaf hash of each record, 32 bytes each. */
  leaves: Uint8Array;
  /** The tree hash of those leaves. */
  root: Uint8Array;
}

/** Sees each slice's records before they are hashed: (ptr, len) pairs in `jobs`, a record's bytes being [ptr + 1, ptr + len). */
export interface LineVisitor {
  visitJobs(bytes: Uint8Array, jobs: Uint32Array, n: number): void;
}

/** Lines are split and hashed a slice at a time, which bounds the kernel's buffers. */
const SLICE = 1 << 16;
const LEAF_BYTES = 32;
const BLOCK_BYTES = BLOCK_SIZE * LEAF_BYTES;
/** log2(BLOCK_SIZE): pair levels from a block's leaves to its root. */
const LEVELS = Math.log2(BLOCK_SIZE);

/**
 * Streams the bytes of records.ndjson (any chunking) and reports each block of 1,024 records
 * with its leaf hashes and root, in order, in memory that does not grow with the pack: at
 * most one block of leaves and one slice of bytes are held, plus a line longer than a slice.
 * A last line without "\n" is a record too (a reader must hash what is there). `end` must be
 * called once, last: it gives the kernel back.
 */
export class BlockHasher {
  records = 0;
  private readonly kernel = Sha256Kernel.acquire();
  private readonly jobs = Sha256Kernel.heapBase;
  private readonly leaves = this.jobs + 8 * (SLICE + 1);
  private readonly tree = this.leaves + LEAF_BYTES * (BLOCK_SIZE + SLICE);
  /** Line bytes start here; the byte before is each first line's 0x00 prefix. */
  private readonly data = this.tree + LEAF_BYTES * (BLOCK_SIZE + SLICE) + 16;
  private carry = 0;
  private pending = 0;
  private blocks = 0;

  constructor(
    private readonly onBlock: (block: HashedBlock) => void,
    private readonly lines?: LineVisitor,
  ) {
    this.kernel.ensure(this.data + SLICE + 64);
  }

  push(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length; at += SLICE) this.slice(chunk.subarray(at, at + SLICE));
  }

  /** Hashes what is left: a last line without "\n", and the last, short block. */
  end(): void {
    if (this.carry > 0) {
      const view = new DataView(this.kernel.bytes.buffer);
      view.setUint32(this.jobs, this.data - 1, true);
      view.setUint32(this.jobs + 4, this.carry + 1, true);
      this.kernel.bytes[this.data - 1] = 0;
      this.hashJobs(1);
      this.carry = 0;
    }
    if (this.pending > 0) this.emitPartial();
    this.kernel.release();
  }

  private slice(bytes: Uint8Array): void {
    const k = this.kernel;
    k.ensure(this.data + this.carry + bytes.length + 64);
    k.bytes.set(bytes, this.data + this.carry);
    const n = k.splitLines(this.data, this.carry + bytes.length, this.jobs);
    let rest = this.data;
    if (n > 0) {
      const view = new DataView(k.bytes.buffer);
      rest =
        view.getUint32(this.jobs + 8 * (n - 1), true) + view.getUint32(this.jobs + 8 * (n - 1) + 4, true) + 1;
      this.hashJobs(n);
    }
    // The unfinished line moves to the front for the next slice.
    this.carry = this.data + this.carry + bytes.length - rest;
    k.bytes.copyWithin(this.data, rest, rest + this.carry);
  }

  private hashJobs(n: number): void {
    const k = this.kernel;
    this.lines?.visitJobs(k.bytes, new Uint32Array(k.bytes.buffer, this.jobs, 2 * n), n);
    k.hashMessages(this.jobs, n, this.leaves + LEAF_BYTES * this.pending);
    this.pending += n;
    this.records += n;
    const full = Math.floor(this.pending / BLOCK_SIZE);
    if (full === 0) return;
    // All full blocks' trees at once, level by level, so the four lanes stay busy to the top.
    k.bytes.copyWithin(this.tree, this.leaves, this.leaves + full * BLOCK_BYTES);
    for (let level = 1; level <= LEVELS; level++)
      k.hashPairs(this.tree, (full * BLOCK_SIZE) >> level, this.tree);
    for (let b = 0; b < full; b++) {
      const leaves = k.bytes.subarray(this.leaves + b * BLOCK_BYTES, this.leaves + (b + 1) * BLOCK_BYTES);
      const root = k.bytes.subarray(this.tree + b * LEAF_BYTES, this.tree + (b + 1) * LEAF_BYTES);
      this.onBlock({ index: this.blocks++, count: BLOCK_SIZE, leaves, root });
    }
    const left = this.pending - full * BLOCK_SIZE;
    k.bytes.copyWithin(
      this.leaves,
      this.leaves + full * BLOCK_BYTES,
      this.leaves + full * BLOCK_BYTES + left * LEAF_BYTES,
    );
    this.pending = left;
  }

  /**
   * The last block's root: RFC 6962 splits a ragged tree at powers of two, so it is the
   * perfect subtrees of the binary decomposition of its size, folded from the right.
   */
  private emitPartial(): void {
    const k = this.kernel;
    const count = this.pending;
    const roots: Uint8Array[] = [];
    let offset = 0;
    for (let size = BLOCK_SIZE; size >= 1; size /= 2) {
      if ((count & size) === 0) continue;
      const start = this.leaves + offset * LEAF_BYTES;
      k.bytes.copyWithin(this.tree, start, start + size * LEAF_BYTES);
      for (let n = size / 2; n >= 1; n /= 2) k.hashPairs(this.tree, n, this.tree);
      roots.push(k.bytes.slice(this.tree, this.tree + LEAF_BYTES));
      offset += size;
    }
    const hasher = nodeMerkleHasher();
    let root = roots.pop() as Uint8Array;
    for (let r = roots.pop(); r !== undefined; r = roots.pop()) root = hasher.nodeHash(r, root);
    const leaves = k.bytes.subarray(this.leaves, this.leaves + count * LEAF_BYTES);
    this.onBlock({ index: this.blocks++, count, leaves, root });
    this.pending = 0;
  }
}
