import { TreeBuilder } from '../../../core/src/index.js';
import type { HashedBlock } from './blockHasher.js';
import { nodeMerkleHasher } from './nodeHasher.js';
import { BLOCK_SIZE } from './packFormat.js';

/**
 * The whole tree's root from its blocks' roots. Blocks hold 1,024 records, a power of two,
 * so each full block is a perfect subtree exactly where RFC 6962 would place it, and the
 * tree over the block roots (the last, short block's root last) is the tree over the records.
 */
export function rootOfBlocks(roots: readonly Uint8Array[]): Uint8Array {
  const tree = new TreeBuilder(nodeMerkleHasher());
  for (const root of roots) tree.push(root);
  return tree.root();
}

/**
 * The root of the first `size` records, watched while the blocks go by: the `previous`
 * checkpoint's tree, when this pack holds that pack's records as its first ones.
 */
export class PrefixRoot {
  private partial: Uint8Array | undefined;

  constructor(readonly size: number) {}

  observe(block: HashedBlock): void {
    const inside = this.size - block.index * BLOCK_SIZE;
    if (inside <= 0 || inside >= block.count) return;
    const hasher = nodeMerkleHasher();
    const leaves = Array.from({ length: inside }, (_, k) => block.leaves.subarray(32 * k, 32 * k + 32));
    // A copy: with one leaf the root is that leaf, a view into memory the hasher reuses.
    this.partial = Uint8Array.from(hasher.rootOf(leaves));
  }

  /** undefined when the records are fewer than `size`. */
  root(blockRoots: readonly Uint8Array[], records: number): Uint8Array | undefined {
    if (this.size > records) return undefined;
    const full = Math.floor(this.size / BLOCK_SIZE);
    const roots = blockRoots.slice(0, full);
    if (this.size % BLOCK_SIZE !== 0) {
      // The prefix ends inside the pack's last block only when that block is exactly as long.
      const last = blockRoots[full];
      const partial = this.partial ?? (records === this.size ? last : undefined);
      if (partial === undefined) return undefined;
      roots.push(partial);
    }
    return rootOfBlocks(roots);
  }
}
