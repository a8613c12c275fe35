import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJsonFast as canonicalJson } from './canonical.js';

/**
 * The hashing rules of sources.md §3, kept apart from the checks so they can be tested on
 * their own: Merkle root over canonical events, block hash, proof of work, HMAC signatures.
 */
export function merkleRoot(events: readonly unknown[]): string {
  if (events.length === 0) return createHash('sha256').update('').digest('hex');
  let level: Buffer[] = events.map((e) => createHash('sha256').update(canonicalJson(e)).digest());
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Buffer;
      // An odd level repeats its last digest.
      const right = level[i + 1] ?? left;
      next.push(createHash('sha256').update(left).update(right).digest());
    }
    level = next;
  }
  return (level[0] as Buffer).toString('hex');
}

export interface BlockHeader {
  index: bigint | number;
  timestamp: string;
  previousHash: string;
  merkleRoot: string;
  nonce: bigint | number;
}

export function blockHash(b: BlockHeader): string {
  const text = `${b.index}|${b.timestamp}|${b.previousHash}|${b.merkleRoot}|${b.nonce}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function meetsDifficulty(hash: string, difficulty: number): boolean {
  return hash.startsWith('0'.repeat(Math.max(0, difficulty)));
}

/** The signature an event should carry: HMAC-SHA256 over its canonical JSON without `signature`. */
export function eventSignature(event: Record<string, unknown>, secret: string): string {
  const { signature: _omit, ...rest } = event;
  return createHmac('sha256', secret).update(canonicalJson(rest)).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
