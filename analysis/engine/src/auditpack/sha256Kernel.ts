import { Body, I32, MEMORY_COPY, MEMORY_FILL, OP, writeModule } from './wasmWriter.js';
import {
  Compressor,
  DUMMY,
  LANES,
  PAIR_TAILS,
  TAILS,
  byteSwap,
  resetLane,
  writeDigest,
} from './sha256Rounds.js';

/**
 * A multi-buffer SHA-256 in WebAssembly SIMD: four independent messages advance one 64-byte
 * block each per step, one per 32-bit lane. Verifying a pack hashes millions of short
 * messages (one leaf per record, one node per pair of leaves), and through Node's crypto each
 * of those is a native call that costs more than the hashing itself; here a whole chunk of
 * records is one call. Checked against Node's SHA-256 in test/unit/auditpack.
 */

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
