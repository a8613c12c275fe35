import { OP, V128 } from './wasmWriter.js';
import type { Body } from './wasmWriter.js';

/**
 * The SHA-256 compression, four lanes at once, as WebAssembly SIMD emitted into a function
 * body, with the kernel's memory map and the per-lane helpers its functions share
 * (`sha256Kernel.ts`). Rounds are unrolled; the eight working variables rotate their
 * roles instead of being copied.
 *
 * Memory map (bytes): the fixed scratch below HEAP_BASE, the caller's buffers above it.
 */
export const DUMMY = 0; // 64 bytes an idle lane hashes and throws away
export const STATE = 64; // 8 words x 4 lanes: word j of lane L at STATE + 16j + 4L
export const TAILS = 256; // per lane 128 bytes: the padded last block(s) of its message
export const PAIR_TAILS = 768; // per lane 128 bytes: 0x01 ‖ left ‖ right, padded (two blocks)
export const HEAP_BASE = 4096;

const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
export const LANES = [0, 1, 2, 3] as const;

/** Byte-swapping transposes: four lanes' big-endian words become one vector per word. */
const SWAP_LOW = [3, 2, 1, 0, 19, 18, 17, 16, 7, 6, 5, 4, 23, 22, 21, 20];
const SWAP_HIGH = [11, 10, 9, 8, 27, 26, 25, 24, 15, 14, 13, 12, 31, 30, 29, 28];
const HALF_LOW = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const HALF_HIGH = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];

/** The compression of one block per lane; lane L's block starts at the i32 local `ptrs[L]`. */
export class Compressor {
  private readonly w: number[];
  private readonly v: number[];
  private readonly rows: number[];
  private readonly t: number[];
  private readonly t1: number;

  constructor(private readonly b: Body) {
    this.w = Array.from({ length: 16 }, () => b.local(V128));
    this.v = Array.from({ length: 8 }, () => b.local(V128));
    this.rows = LANES.map(() => b.local(V128));
    this.t = LANES.map(() => b.local(V128));
    this.t1 = b.local(V128);
  }

  emit(ptrs: readonly number[]): void {
    const { b, w, rows, t } = this;
    for (let g = 0; g < 4; g++) {
      for (const lane of LANES)
        b.get(ptrs[lane] as number)
          .simdMem(OP.v128_load, 16 * g)
          .set(rows[lane] as number);
      const pairs: [number, number, number[]][] = [
        [0, 1, SWAP_LOW],
        [2, 3, SWAP_LOW],
        [0, 1, SWAP_HIGH],
        [2, 3, SWAP_HIGH],
      ];
      pairs.forEach(([x, y, pattern], k) =>
        b
          .get(rows[x] as number)
          .get(rows[y] as number)
          .shuffle(pattern)
          .set(t[k] as number),
      );
      const words: [number, number, number[]][] = [
        [0, 1, HALF_LOW],
        [0, 1, HALF_HIGH],
        [2, 3, HALF_LOW],
        [2, 3, HALF_HIGH],
      ];
      words.forEach(([x, y, pattern], k) =>
        b
          .get(t[x] as number)
          .get(t[y] as number)
          .shuffle(pattern)
          .set(w[4 * g + k] as number),
      );
    }
    for (let j = 0; j < 8; j++)
      b.i32(STATE + 16 * j)
        .simdMem(OP.v128_load)
        .set(this.v[j] as number);
    let vars = [...this.v];
    for (let r = 0; r < 64; r++) vars = this.round(r, vars);
    for (let j = 0; j < 8; j++)
      b.i32(STATE + 16 * j)
        .i32(STATE + 16 * j)
        .simdMem(OP.v128_load)
        .get(vars[j] as number)
        .simd(OP.i32x4_add)
        .simdMem(OP.v128_store);
  }

  private rotr(x: number, n: number): void {
    this.b
      .get(x)
      .i32(n)
      .simd(OP.i32x4_shr_u)
      .get(x)
      .i32(32 - n)
      .simd(OP.i32x4_shl)
      .simd(OP.v128_or);
  }

  /** rotr(x, r1) ^ rotr(x, r2) ^ (rotr or shr)(x, r3) */
  private sigma(x: number, r1: number, r2: number, r3: number, shiftLast: boolean): void {
    this.rotr(x, r1);
    this.rotr(x, r2);
    this.b.simd(OP.v128_xor);
    if (shiftLast) this.b.get(x).i32(r3).simd(OP.i32x4_shr_u);
    else this.rotr(x, r3);
    this.b.simd(OP.v128_xor);
  }

  private round(r: number, vars: number[]): number[] {
    const { b, w, t1 } = this;
    const [a, bb, c, d, e, f, g, h] = vars as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const wr = w[r % 16] as number;
    if (r >= 16) {
      this.sigma(w[(r - 2) % 16] as number, 17, 19, 10, true);
      b.get(w[(r - 7) % 16] as number).simd(OP.i32x4_add);
      this.sigma(w[(r - 15) % 16] as number, 7, 18, 3, true);
      b.simd(OP.i32x4_add).get(wr).simd(OP.i32x4_add).set(wr);
    }
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[r] + W[r]
    b.get(h);
    this.sigma(e, 6, 11, 25, false);
    b.simd(OP.i32x4_add).get(f).get(g).get(e).simd(OP.v128_bitselect).simd(OP.i32x4_add);
    b.v128Const(Array<number>(4).fill(K[r] as number))
      .simd(OP.i32x4_add)
      .get(wr)
      .simd(OP.i32x4_add)
      .set(t1);
    b.get(d).get(t1).simd(OP.i32x4_add).set(d);
    // h becomes the new a: T1 + Σ0(a) + Maj(a, b, c), with Maj = bitselect(b, c, a ^ c)
    b.get(t1);
    this.sigma(a, 2, 13, 22, false);
    b.simd(OP.i32x4_add).get(bb).get(c).get(a).get(c).simd(OP.v128_xor).simd(OP.v128_bitselect);
    b.simd(OP.i32x4_add).set(h);
    return [h, a, bb, c, d, e, f, g];
  }
}

/** (x rotr 8 & 0xff00ff00) | (x rotl 8 & 0x00ff00ff): a word's bytes reversed; x is on the stack. */
export function byteSwap(b: Body, scratch: number): void {
  b.set(scratch)
    .get(scratch)
    .i32(8)
    .op(OP.i32_rotr)
    .i32(0xff00ff00 | 0)
    .op(OP.i32_and)
    .get(scratch)
    .i32(8)
    .op(OP.i32_rotl)
    .i32(0x00ff00ff)
    .op(OP.i32_and)
    .op(OP.i32_or);
}

/** Writes lane `lane`'s state as a 32-byte big-endian digest at the address in local `out`. */
export function writeDigest(b: Body, lane: number, out: number, scratch: number): void {
  for (let j = 0; j < 8; j++) {
    b.get(out)
      .i32(STATE + 16 * j + 4 * lane)
      .mem(OP.i32_load);
    byteSwap(b, scratch);
    b.mem(OP.i32_store, 4 * j);
  }
}

export function resetLane(b: Body, lane: number): void {
  for (let j = 0; j < 8; j++)
    b.i32(STATE + 16 * j + 4 * lane)
      .i32(IV[j] as number)
      .mem(OP.i32_store);
}
