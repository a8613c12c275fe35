import { createHash } from 'node:crypto';
import { MerkleHasher } from '../../../core/src/index.js';

/** The runtime-neutral RFC 6962 hasher on Node's SHA-256. */
export function nodeMerkleHasher(): MerkleHasher {
  return new MerkleHasher((data) => createHash('sha256').update(data).digest());
}
