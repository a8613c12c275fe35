import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleHasher } from '../../../analysis/core/src/index.js';
import { BlockHasher } from '../../../analysis/engine/src/auditpack/blockHasher.js';
import { PrefixRoot, rootOfBlocks } from '../../../analysis/engine/src/auditpack/blockTree.js';
import { StreamCounter } from '../../../analysis/engine/src/auditpack/streamCounter.js';
import { Sha256Kernel } from '../../../analysis/engine/src/auditpack/wasmSha256.js';

const sha = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();
const reference = new MerkleHasher((d) => sha(d));

/** Deterministic pseudo-random bytes. */
function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    out[i] = s >> 16;
  }
  return out;
}

interface Block {
  count: number;
  leaves: Buffer;
  root: Buffer;
}

function hashAll(text: Buffer, chunk: number): { blocks: Block[]; records: number } {
  const blocks: Block[] = [];
  const hasher = new BlockHasher((b) =>
    blocks.push({ count: b.count, leaves: Buffer.from(b.leaves), root: Buffer.from(b.root) }),
  );
  for (let at = 0; at < text.length; at += chunk) hasher.push(text.subarray(at, at + chunk));
  hasher.end();
  return { blocks, records: hasher.records };
}

describe('the WebAssembly SHA-256 kernel', () => {
  it('hashes messages of every length from 0 to 300 bytes exactly as Node does', () => {
    const kernel = Sha256Kernel.acquire();
    const base = Sha256Kernel.heapBase;
    const jobs = base;
    const out = base + 8 * 301;
    let at = out + 32 * 301;
    kernel.ensure(at + 301 * 302);
    const messages: Buffer[] = [];
    const view = new DataView(kernel.bytes.buffer);
    for (let len = 0; len <= 300; len++) {
      const m = bytes(len, len + 1);
      kernel.bytes.set(m, at);
      view.setUint32(jobs + 8 * len, at, true);
      view.setUint32(jobs + 8 * len + 4, len, true);
      messages.push(m);
      at += len + 1;
    }
    kernel.hashMessages(jobs, messages.length, out);
    const got = messages.map((_, k) => Buffer.from(kernel.bytes.subarray(out + 32 * k, out + 32 * k + 32)));
    kernel.release();
    expect(got.map((d) => d.toString('hex'))).toEqual(messages.map((m) => sha(m).toString('hex')));
  });

  it('hashes pairs of digests as RFC 6962 nodes, in place', () => {
    const kernel = Sha256Kernel.acquire();
    const at = Sha256Kernel.heapBase;
    const pairs = Array.from({ length: 11 }, (_, k) => bytes(64, 100 + k));
    kernel.ensure(at + 64 * pairs.length);
    pairs.forEach((p, k) => kernel.bytes.set(p, at + 64 * k));
    kernel.hashPairs(at, pairs.length, at);
    const got = pairs.map((_, k) =>
      Buffer.from(kernel.bytes.subarray(at + 32 * k, at + 32 * k + 32)).toString('hex'),
    );
    kernel.release();
    expect(got).toEqual(
      pairs.map((p) => Buffer.from(reference.nodeHash(p.subarray(0, 32), p.subarray(32))).toString('hex')),
    );
  });
});

describe('BlockHasher', () => {
  it('gives every block of 1,024 records its leaves and root as RFC 6962 does, however the bytes arrive', () => {
    for (const n of [0, 1, 3, 1023, 1024, 1025, 2048, 3001]) {
      const lines = Array.from({ length: n }, (_, i) =>
        Buffer.from(`{"seq":${i},"v":"${bytes(i % 200, i).toString('base64')}"}`),
      );
      const text = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
      const leaves = lines.map((l) => Buffer.from(reference.leafHash(l)));
      for (const chunk of [7, 4096, 1 << 20]) {
        const { blocks, records } = hashAll(text, chunk);
        expect(records, `${n} records in chunks of ${chunk}`).toBe(n);
        expect(blocks.map((b) => b.count)).toEqual(
          Array.from({ length: Math.ceil(n / 1024) }, (_, b) => Math.min(1024, n - 1024 * b)),
        );
        blocks.forEach((b, k) => {
          const mine = leaves.slice(1024 * k, 1024 * k + 1024);
          expect(b.leaves.equals(Buffer.concat(mine))).toBe(true);
          expect(b.root.toString('hex')).toBe(Buffer.from(reference.rootOf(mine)).toString('hex'));
        });
        expect(Buffer.from(rootOfBlocks(blocks.map((b) => b.root))).toString('hex')).toBe(
          Buffer.from(reference.rootOf(leaves)).toString('hex'),
        );
      }
    }
  });

  it('hashes a last line without "\\n", an empty line and a line longer than its slices as records', () => {
    const long = Buffer.alloc(200_000, 0x61);
    const text = Buffer.concat([Buffer.from('a\n\n'), long, Buffer.from('\nbc')]);
    const { blocks, records } = hashAll(text, 65536);
    expect(records).toBe(4);
    const expected = ['a', '', long, 'bc'].map((l) => reference.leafHash(Buffer.from(l)));
    expect(blocks[0]?.root.toString('hex')).toBe(Buffer.from(reference.rootOf(expected)).toString('hex'));
  });

  it('gives the root of the first records of a pack, as a previous pack of the same log would have it', () => {
    const lines = Array.from({ length: 2500 }, (_, i) => Buffer.from(`{"seq":${i}}`));
    const leaves = lines.map((l) => reference.leafHash(l));
    const text = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    for (const size of [0, 1, 1000, 1024, 2048, 2100, 2500]) {
      const prefix = new PrefixRoot(size);
      const roots: Uint8Array[] = [];
      const hasher = new BlockHasher((b) => {
        prefix.observe(b);
        roots.push(Uint8Array.from(b.root));
      });
      hasher.push(text);
      hasher.end();
      const root = prefix.root(roots, 2500);
      expect(Buffer.from(root!).toString('hex'), `first ${size}`).toBe(
        Buffer.from(reference.rootOf(leaves.slice(0, size))).toString('hex'),
      );
    }
    expect(new PrefixRoot(2600).root([], 2500)).toBeUndefined();
  });
});

describe('StreamCounter', () => {
  it('counts the records of each stream from the head of each line, and lines that are no pack record', () => {
    const counter = new StreamCounter();
    const lines = [
      '{"seq":0,"stream":"audit_logs","record":{}}',
      '{"seq":1,"stream":"audit_logs","record":{}}',
      '{"seq":2,"stream":"cycle_snapshots","record":{}}',
      '{"seq":3,"stream":"audit_logs","record":{}}',
      '{"seq":x,"stream":"audit_logs"}',
      'garbage',
    ];
    for (const line of lines) {
      const b = Buffer.from(line);
      counter.visit(b, 0, b.length);
    }
    expect(counter.result()).toEqual({ audit_logs: 3, cycle_snapshots: 1, '(not a pack record)': 2 });
  });
});
