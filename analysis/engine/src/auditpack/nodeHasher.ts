import { hash } from 'node:crypto';
import { MerkleHasher } from '../../../core/src/index.js';

/** The runtime-neutral RFC 6962 hasher on Node's one-shot SHA-256 (no Hash object per node). */
export function nodeMerkleHasher(): MerkleHasher {
  return new MerkleHasher((data) => hash('sha256', data, 'buffer'));
}
