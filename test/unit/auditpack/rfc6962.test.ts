import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, MerkleHasher, toHex, TreeBuilder } from '../../../analysis/core/src/index.js';

const hasher = new MerkleHasher((data) => createHash('sha256').update(data).digest());

/** The Certificate Transparency reference inputs (RFC 6962 test vectors, as transparency-dev publishes them). */
const DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** (leaf index, tree size, path): the published inclusion proofs. */
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const LEAVES = DATA.map((d) => hasher.leafHash(d));

describe('RFC 6962 Merkle tree', () => {
  it('gives the published tree head for every size 0 to 8, at once and streamed', () => {
    for (let n = 0; n <= 8; n++) {
      expect(toHex(hasher.rootOf(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
    }
    const builder = new TreeBuilder(hasher);
    LEAVES.forEach((leaf, i) => {
      builder.push(leaf);
      expect(toHex(builder.root())).toBe(ROOTS[i + 1]);
    });
  });

  it('produces and verifies the published inclusion proofs', () => {
    for (const [index, size, path] of INCLUSION) {
      const proof = hasher.inclusionProof(index, LEAVES.slice(0, size));
      expect(proof.map(toHex)).toEqual(path);
      expect(hasher.verifyInclusion(index, size, LEAVES[index]!, proof, fromHex(ROOTS[size]!))).toBe(true);
      expect(hasher.verifyInclusion(index, size, LEAVES[index]!, proof, fromHex(ROOTS[0]!))).toBe(false);
    }
  });

  it('proves every leaf of every tree up to 40 and refuses a wrong leaf or index', () => {
    const leaves = Array.from({ length: 40 }, (_, i) => hasher.leafHash(Uint8Array.of(i, i * 7)));
    for (let size = 1; size <= leaves.length; size++) {
      const tree = leaves.slice(0, size);
      const root = hasher.rootOf(tree);
      for (let i = 0; i < size; i++) {
        const proof = hasher.inclusionProof(i, tree);
        expect(hasher.verifyInclusion(i, size, tree[i]!, proof, root)).toBe(true);
        expect(hasher.verifyInclusion(i, size, leaves[(i + 1) % 40]!, proof, root)).toBe(false);
        if (size > 1) expect(hasher.verifyInclusion((i + 1) % size, size, tree[i]!, proof, root)).toBe(false);
      }
    }
  });
});
