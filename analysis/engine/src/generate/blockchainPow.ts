import { hash } from 'node:crypto';

/*
 * Proof-of-work search for the blockchain generator. A block hash is
 * sha256(`index|timestamp|previousHash|merkleRoot|nonce`), and only the nonce changes between
 * tries, so the search hashes the constant prefix once (its SHA-256 midstate) and then runs one
 * or two compressions per nonce. One call into Node's crypto costs ~2.6 µs on the 2-core
 * machine, about 11 ms per block at difficulty 3; this keeps mining from dominating generation.
 * The winning hash is recomputed with Node's crypto, so a bug here cannot produce a bad chain.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** One SHA-256 compression of the 64-byte chunk at `bytes[offset..]` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number, w: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] =
      ((bytes[j] as number) << 24) |
      ((bytes[j + 1] as number) << 16) |
      ((bytes[j + 2] as number) << 8) |
      (bytes[j + 3] as number);
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15] as number;
    const y = w[i - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/** True when the digest whose first word is `word0` starts with `zeros` hex zeros (zeros ≤ 8). */
function meetsTarget(word0: number, zeros: number): boolean {
  return zeros >= 8 ? word0 === 0 : word0 >>> (32 - 4 * zeros) === 0;
}

/**
 * The smallest nonce ≥ 0 whose block hash starts with `difficulty` hex zeros, and that hash.
 * `prefix` is `index|timestamp|previousHash|merkleRoot|` (ASCII).
 */
export function mine(prefix: string, difficulty: number): { nonce: number; hash: string } {
  const target = '0'.repeat(difficulty);
  if (difficulty > 8 || /[^\x20-\x7e]/.test(prefix)) return mineSlowly(prefix, target);
  const full = prefix.length - (prefix.length % 64);
  const mid = new Int32Array(IV);
  const w = new Int32Array(64);
  const prefixBytes = Uint8Array.from(prefix, (ch) => ch.charCodeAt(0));
  for (let off = 0; off < full; off += 64) compress(mid, prefixBytes, off, w);
  const rest = prefix.length - full;
  const tail = new Uint8Array(128);
  tail.set(prefixBytes.subarray(full), 0);
  const state = new Int32Array(8);
  const digits = new NonceDigits(tail, rest);
  let blocks = 0;
  for (let nonce = 0; ; nonce++, digits.increment()) {
    if (digits.grew) {
      // The nonce gained a digit: the padding and the bit length move.
      tail.fill(0, rest + digits.length);
      tail[rest + digits.length] = 0x80;
      blocks = rest + digits.length + 9 <= 64 ? 1 : 2;
      writeBitLength(tail, blocks * 64, (prefix.length + digits.length) * 8);
      digits.grew = false;
    }
    state.set(mid);
    compress(state, tail, 0, w);
    if (blocks === 2) compress(state, tail, 64, w);
    if (meetsTarget(state[0] as number, difficulty)) {
      const confirmed = blockHash(prefix, nonce);
      if (confirmed.startsWith(target)) return { nonce, hash: confirmed };
    }
  }
}

/** The decimal digits of the nonce, kept in place in the tail bytes and incremented there. */
class NonceDigits {
  length = 1;
  grew = true;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly start: number,
  ) {
    bytes[start] = 0x30;
  }

  increment(): void {
    for (let i = this.start + this.length - 1; i >= this.start; i--) {
      if (this.bytes[i] !== 0x39) {
        this.bytes[i] = (this.bytes[i] as number) + 1;
        return;
      }
      this.bytes[i] = 0x30;
    }
    // All nines rolled over: 99 → 100.
    this.bytes[this.start] = 0x31;
    this.bytes[this.start + this.length] = 0x30;
    this.length++;
    this.grew = true;
  }
}

function writeBitLength(tail: Uint8Array, end: number, bits: number): void {
  // Block prefixes are far below 2^32 bits, so the upper length word stays zero.
  tail[end - 4] = (bits >>> 24) & 0xff;
  tail[end - 3] = (bits >>> 16) & 0xff;
  tail[end - 2] = (bits >>> 8) & 0xff;
  tail[end - 1] = bits & 0xff;
}

function mineSlowly(prefix: string, target: string): { nonce: number; hash: string } {
  for (let nonce = 0; ; nonce++) {
    const digest = blockHash(prefix, nonce);
    if (digest.startsWith(target)) return { nonce, hash: digest };
  }
}

export function blockHash(prefix: string, nonce: number): string {
  return hash('sha256', prefix + String(nonce), 'hex');
}

const EMPTY_ROOT = hash('sha256', '', 'hex');

/**
 * Merkle root of `sources.md` §3: leaves are the raw digests given, an odd level repeats its
 * last digest, a parent is sha256(left ‖ right); no leaves gives sha256 of the empty string.
 */
export function merkleRoot(leaves: readonly Buffer[]): string {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level: Buffer[] = leaves.slice();
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Buffer;
      const right = level[i + 1] ?? left;
      next.push(hash('sha256', Buffer.concat([left, right], 64), 'buffer'));
    }
    level = next;
  }
  return (level[0] as Buffer).toString('hex');
}

export function sha256Raw(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}
