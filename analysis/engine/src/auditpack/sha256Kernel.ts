import { Body, I32, MEMORY_COPY, MEMORY_FILL, OP, V128, writeModule } from './wasmWriter.js';

/**
 * A multi-buffer SHA-256 in WebAssembly SIMD: four independent messages advance one 64-byte
 * block each per step, one per 32-bit lane. Verifying a pack hashes millions of short
 * messages (one leaf per record, one node per pair of leaves), and through Node's crypto each
 * of those is a native call that costs more than the hashing itself; here a whole chunk of
 * records is one call. Checked against Node's SHA-256 in test/unit/auditpack.
 *
 * Memory map (bytes): the fixed scratch below HEAP_BASE, the caller's buffers above it.
 */
const DUMMY = 0; // 64 bytes an idle lane hashes and throws away
const STATE = 64; // 8 words x 4 lanes: word j of lane L at STATE + 16j + 4L
const TAILS = 256; // per lane 128 bytes: the padded last block(s) of its message
const PAIR_TAILS = 768; // per lane 128 bytes: 0x01 ‖ left ‖ right, padded (two blocks)
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
const LANES = [0, 1, 2, 3] as const;

/** Byte-swapping transposes: four lanes' big-endian words become one vector per word. */
const SWAP_LOW = [3, 2, 1, 0, 19, 18, 17, 16, 7, 6, 5, 4, 23, 22, 21, 20];
const SWAP_HIGH = [11, 10, 9, 8, 27, 26, 25, 24, 15, 14, 13, 12, 31, 30, 29, 28];
const HALF_LOW = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const HALF_HIGH = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];

/** The compression of one block per lane; lane L's block starts at the i32 local `ptrs[L]`. */
class Compressor {
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
function byteSwap(b: Body, scratch: number): void {
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
function writeDigest(b: Body, lane: number, out: number, scratch: number): void {
  for (let j = 0; j < 8; j++) {
    b.get(out)
      .i32(STATE + 16 * j + 4 * lane)
      .mem(OP.i32_load);
    byteSwap(b, scratch);
    b.mem(OP.i32_store, 4 * j);
  }
}

function resetLane(b: Body, lane: number): void {
  for (let j = 0; j < 8; j++)
    b.i32(STATE + 16 * j + 4 * lane)
      .i32(IV[j] as number)
      .mem(OP.i32_store);
}

/**
 * hashMessages(jobs, count, out): job k is (ptr, len) at jobs + 8k, the message the bytes
 * [ptr, ptr + len); its digest goes to out + 32k. Lanes take the next job as they finish.
 */
function hashMessages(): Body {
  const b = new Body(3);
  const [jobs, count, out] = [0, 1, 2];
  const next = b.local(I32);
  const tmp = b.local(I32);
  const rem = b.local(I32);
  const lane = LANES.map(() => ({
    full: b.local(I32),
    tail: b.local(I32),
    fullPtr: b.local(I32),
    tailPtr: b.local(I32),
    out: b.local(I32),
    ptr: b.local(I32),
  }));
  const compressor = new Compressor(b);
  const assign = (L: number): void => {
    const s = lane[L] as (typeof lane)[number];
    const tailBase = TAILS + 128 * L;
    b.get(next).get(count).op(OP.i32_lt_u).op(OP.if, OP.void);
    b.get(jobs).get(next).i32(3).op(OP.i32_shl).op(OP.i32_add).tee(tmp).mem(OP.i32_load).set(s.fullPtr);
    b.get(tmp).mem(OP.i32_load, 4).set(rem); // rem holds len for now
    b.get(out).get(next).i32(5).op(OP.i32_shl).op(OP.i32_add).set(s.out);
    b.get(next).i32(1).op(OP.i32_add).set(next);
    b.get(rem).i32(6).op(OP.i32_shr_u).set(s.full);
    // The last bytes of the message into the lane's tail, then 0x80, zeros and the bit length.
    b.i32(tailBase)
      .i32(0)
      .i32(128)
      .op(...MEMORY_FILL);
    b.i32(tailBase)
      .get(s.fullPtr)
      .get(s.full)
      .i32(6)
      .op(OP.i32_shl)
      .op(OP.i32_add)
      .get(rem)
      .i32(63)
      .op(OP.i32_and)
      .op(...MEMORY_COPY);
    b.get(rem).i32(63).op(OP.i32_and).i32(tailBase).op(OP.i32_add).i32(0x80).mem(OP.i32_store8);
    // One tail block if 0x80 and the 8-byte length fit after the last bytes, else two.
    b.get(rem).i32(63).op(OP.i32_and).i32(56).op(OP.i32_ge_u).i32(1).op(OP.i32_add).set(s.tail);
    b.get(s.tail)
      .i32(6)
      .op(OP.i32_shl)
      .i32(tailBase - 8)
      .op(OP.i32_add)
      .set(s.tailPtr);
    b.get(s.tailPtr).get(rem).i32(29).op(OP.i32_shr_u);
    byteSwap(b, tmp);
    b.mem(OP.i32_store);
    b.get(s.tailPtr).get(rem).i32(3).op(OP.i32_shl);
    byteSwap(b, tmp);
    b.mem(OP.i32_store, 4);
    b.i32(tailBase).set(s.tailPtr);
    resetLane(b, L);
    b.op(OP.else).i32(0).set(s.full).i32(0).set(s.tail).op(OP.end);
  };
  LANES.forEach(assign);
  b.op(OP.block, OP.void).op(OP.loop, OP.void);
  // Stop when no lane holds a message.
  lane.forEach((s, k) => {
    b.get(s.full).get(s.tail).op(OP.i32_or);
    if (k > 0) b.op(OP.i32_or);
  });
  b.op(OP.i32_eqz).op(OP.br_if, 1);
  for (const s of lane) {
    b.get(s.fullPtr).get(s.tailPtr).i32(DUMMY).get(s.tail).op(OP.select).get(s.full).op(OP.select).set(s.ptr);
  }
  compressor.emit(lane.map((s) => s.ptr));
  lane.forEach((s, L) => {
    b.get(s.full).op(OP.if, OP.void);
    b.get(s.full).i32(1).op(OP.i32_sub).set(s.full).get(s.fullPtr).i32(64).op(OP.i32_add).set(s.fullPtr);
    b.op(OP.else).get(s.tail).op(OP.if, OP.void);
    b.get(s.tail).i32(1).op(OP.i32_sub).tee(s.tail).get(s.tailPtr).i32(64).op(OP.i32_add).set(s.tailPtr);
    b.op(OP.i32_eqz).op(OP.if, OP.void);
    writeDigest(b, L, s.out, tmp);
    assign(L);
    b.op(OP.end).op(OP.end).op(OP.end);
  });
  b.op(OP.br, 0).op(OP.end).op(OP.end);
  return b;
}

/** hashPairs(in, count, out): digest k = sha256(0x01 ‖ the 64 bytes at in + 64k), to out + 32k; out may equal in. */
function hashPairs(): Body {
  const b = new Body(3);
  const [input, count, out] = [0, 1, 2];
  const k = b.local(I32);
  const tmp = b.local(I32);
  const dest = b.local(I32);
  const ptrs = LANES.map(() => b.local(I32));
  const compressor = new Compressor(b);
  for (const L of LANES) {
    const base = PAIR_TAILS + 128 * L;
    b.i32(base)
      .i32(0)
      .i32(128)
      .op(...MEMORY_FILL);
    b.i32(base).i32(0x01).mem(OP.i32_store8);
    b.i32(base + 65)
      .i32(0x80)
      .mem(OP.i32_store8);
    // 65 bytes = 520 bits = 0x0208, big-endian at the end of the second block.
    b.i32(base + 126)
      .i32(0x02)
      .mem(OP.i32_store8);
    b.i32(base + 127)
      .i32(0x08)
      .mem(OP.i32_store8);
  }
  b.op(OP.block, OP.void).op(OP.loop, OP.void);
  b.get(k).get(count).op(OP.i32_ge_u).op(OP.br_if, 1);
  // Every pair of the step is copied before any digest is written, so out may overlap in.
  for (const L of LANES) {
    b.get(k).i32(L).op(OP.i32_add).get(count).op(OP.i32_lt_u).op(OP.if, OP.void);
    b.i32(PAIR_TAILS + 128 * L + 1)
      .get(input)
      .get(k)
      .i32(L)
      .op(OP.i32_add)
      .i32(6)
      .op(OP.i32_shl)
      .op(OP.i32_add)
      .i32(64)
      .op(...MEMORY_COPY);
    b.op(OP.end);
    resetLane(b, L);
  }
  LANES.forEach((L) => b.i32(PAIR_TAILS + 128 * L).set(ptrs[L] as number));
  compressor.emit(ptrs);
  LANES.forEach((L) => b.i32(PAIR_TAILS + 128 * L + 64).set(ptrs[L] as number));
  compressor.emit(ptrs);
  for (const L of LANES) {
    b.get(k).i32(L).op(OP.i32_add).get(count).op(OP.i32_lt_u).op(OP.if, OP.void);
    b.get(out).get(k).i32(L).op(OP.i32_add).i32(5).op(OP.i32_shl).op(OP.i32_add).set(dest);
    writeDigest(b, L, dest, tmp);
    b.op(OP.end);
  }
  b.get(k).i32(4).op(OP.i32_add).set(k).op(OP.br, 0).op(OP.end).op(OP.end);
  return b;
}

/**
 * splitLines(data, len, jobs) -> count: one job per "\n"-terminated line of [data, data+len).
 * Each line's message is 0x00 ‖ line, in place: the byte before a line (the "\n" that ended
 * the one before, or data - 1) is set to 0x00, so no line is copied.
 */
function splitLines(): Body {
  const b = new Body(3);
  const [data, len, jobs] = [0, 1, 2];
  const i = b.local(I32);
  const n = b.local(I32);
  const start = b.local(I32);
  const mask = b.local(I32);
  const p = b.local(I32);
  const emitLine = (pos: () => void): void => {
    pos();
    b.set(p);
    b.get(jobs)
      .get(n)
      .i32(3)
      .op(OP.i32_shl)
      .op(OP.i32_add)
      .get(start)
      .i32(1)
      .op(OP.i32_sub)
      .mem(OP.i32_store);
    b.get(jobs)
      .get(n)
      .i32(3)
      .op(OP.i32_shl)
      .op(OP.i32_add)
      .get(p)
      .get(start)
      .op(OP.i32_sub)
      .i32(1)
      .op(OP.i32_add);
    b.mem(OP.i32_store, 4);
    b.get(p).i32(0).mem(OP.i32_store8);
    b.get(p).i32(1).op(OP.i32_add).set(start);
    b.get(n).i32(1).op(OP.i32_add).set(n);
  };
  b.get(data).i32(1).op(OP.i32_sub).i32(0).mem(OP.i32_store8);
  b.get(data).set(start);
  b.op(OP.block, OP.void).op(OP.loop, OP.void);
  b.get(i).i32(16).op(OP.i32_add).get(len).op(OP.i32_gt_u).op(OP.br_if, 1);
  b.get(data).get(i).op(OP.i32_add).simdMem(OP.v128_load).i32(10).simd(OP.i8x16_splat).simd(OP.i8x16_eq);
  b.simd(OP.i8x16_bitmask).set(mask);
  b.op(OP.block, OP.void).op(OP.loop, OP.void);
  b.get(mask).op(OP.i32_eqz).op(OP.br_if, 1);
  emitLine(() => b.get(data).get(i).op(OP.i32_add).get(mask).op(OP.i32_ctz).op(OP.i32_add));
  b.get(mask).get(mask).i32(1).op(OP.i32_sub).op(OP.i32_and).set(mask);
  b.op(OP.br, 0).op(OP.end).op(OP.end);
  b.get(i).i32(16).op(OP.i32_add).set(i).op(OP.br, 0).op(OP.end).op(OP.end);
  // The last bytes, fewer than 16, one at a time.
  b.op(OP.block, OP.void).op(OP.loop, OP.void);
  b.get(i).get(len).op(OP.i32_ge_u).op(OP.br_if, 1);
  b.get(data).get(i).op(OP.i32_add).mem(OP.i32_load8_u).i32(10).op(OP.i32_ne).op(OP.i32_eqz);
  b.op(OP.if, OP.void);
  emitLine(() => b.get(data).get(i).op(OP.i32_add));
  b.op(OP.end);
  b.get(i).i32(1).op(OP.i32_add).set(i).op(OP.br, 0).op(OP.end).op(OP.end);
  b.get(n);
  return b;
}

/** The kernel's module bytes. */
export function sha256KernelModule(initialPages: number): Uint8Array {
  return writeModule(
    [
      { name: 'hashMessages', params: 3, results: 0, body: hashMessages() },
      { name: 'hashPairs', params: 3, results: 0, body: hashPairs() },
      { name: 'splitLines', params: 3, results: 1, body: splitLines() },
    ],
    initialPages,
  );
}
