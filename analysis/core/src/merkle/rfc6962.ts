/**
 * RFC 6962 / RFC 9162 Merkle tree hashing (auditpack.md). Runtime-neutral: the SHA-256 is
 * injected, so the same code runs on Node's crypto in the engine and could run on any other
 * digest in the renderer. Sizes and indexes are plain numbers handled with arithmetic, never
 * 32-bit bitwise operators, because a pack may hold more than 2^31 records.
 */
export type Sha256 = (data: Uint8Array) => Uint8Array;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** The largest power of two strictly below `n` (n > 1): where RFC 6962 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export class MerkleHasher {
  private readonly nodeBuffer = new Uint8Array(65);

  constructor(private readonly sha256: Sha256) {}

  /** sha256(0x00 ‖ data): the leaf hash of one record's bytes. */
  leafHash(data: Uint8Array): Uint8Array {
    const buffer = new Uint8Array(data.length + 1);
    buffer[0] = LEAF_PREFIX;
    buffer.set(data, 1);
    return this.sha256(buffer);
  }

  /** sha256(0x01 ‖ left ‖ right). */
  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
    this.nodeBuffer[0] = NODE_PREFIX;
    this.nodeBuffer.set(left, 1);
    this.nodeBuffer.set(right, 33);
    return this.sha256(this.nodeBuffer);
  }

  emptyRoot(): Uint8Array {
    return this.sha256(new Uint8Array(0));
  }

  /** MTH of the given leaf hashes. */
  rootOf(leaves: readonly Uint8Array[]): Uint8Array {
    const builder = new TreeBuilder(this);
    for (const leaf of leaves) builder.push(leaf);
    return builder.root();
  }

  /** PATH(m, D[n]): the audit path of leaf `index`, deepest sibling first. */
  inclusionProof(index: number, leaves: readonly Uint8Array[]): Uint8Array[] {
    if (index < 0 || index >= leaves.length)
      throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
    if (leaves.length === 1) return [];
    const k = splitPoint(leaves.length);
    return index < k
      ? [...this.inclusionProof(index, leaves.slice(0, k)), this.rootOf(leaves.slice(k))]
      : [...this.inclusionProof(index - k, leaves.slice(k)), this.rootOf(leaves.slice(0, k))];
  }

  /** RFC 9162 §2.1.3.2: whether `proof` places `leafHash` at `index` in the tree of `size` with `root`. */
  verifyInclusion(
    index: number,
    size: number,
    leafHash: Uint8Array,
    proof: readonly Uint8Array[],
    root: Uint8Array,
  ): boolean {
    if (index < 0 || index >= size) return false;
    let fn = index;
    let sn = size - 1;
    let r = leafHash;
    for (const p of proof) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = this.nodeHash(p, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        r = this.nodeHash(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && equalBytes(r, root);
  }
}

/**
 * The root of a stream of leaves in O(log n) memory: perfect subtrees are merged as soon as
 * two of a size meet; at the end the ragged right edge is folded in, which is exactly
 * RFC 6962's split at the largest power of two.
 */
export class TreeBuilder {
  private readonly stack: { size: number; hash: Uint8Array }[] = [];
  size = 0;

  constructor(private readonly hasher: MerkleHasher) {}

  push(leafHash: Uint8Array): void {
    let node = { size: 1, hash: leafHash };
    for (let top = this.stack.at(-1); top !== undefined && top.size === node.size; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { size: top.size * 2, hash: this.hasher.nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  root(): Uint8Array {
    const last = this.stack.at(-1);
    if (last === undefined) return this.hasher.emptyRoot();
    let hash = last.hash;
    for (let i = this.stack.length - 2; i >= 0; i--)
      hash = this.hasher.nodeHash((this.stack[i] as { hash: Uint8Array }).hash, hash);
    return hash;
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) throw new TypeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
