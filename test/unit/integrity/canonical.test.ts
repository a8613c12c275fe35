import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { canonicalJsonFast } from '../../../analysis/engine/src/integrity/canonical.js';
import {
  blockHash,
  meetsDifficulty,
  merkleRoot,
} from '../../../analysis/engine/src/integrity/blockchainHash.js';

/** Deterministic pseudo-random JSON: unsorted keys, numeric keys, unicode, awkward numbers. */
function randomValue(seed: { n: number }, depth: number): unknown {
  const r = (): number => {
    seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31;
    return seed.n / 2 ** 31;
  };
  const pick = Math.floor(r() * (depth > 3 ? 4 : 6));
  const numbers = [0, -0, 1, 1.5, -2.25e-7, 1e21, 123456789012, 0.1 + 0.2, 5e-324, 1.7976931348623157e308];
  const strings = ['', 'plain', 'é', '€', '😀', '\u2028', 'quote " back \\', 'tab\t', '\u0001', 'Ω≈ç'];
  switch (pick) {
    case 0:
      return numbers[Math.floor(r() * numbers.length)];
    case 1:
      return strings[Math.floor(r() * strings.length)];
    case 2:
      return r() < 0.5 ? null : r() < 0.5;
    case 3:
      return Math.round(r() * 1e6) / 100;
    case 4:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(seed, depth + 1));
    default: {
      const keys = ['b', 'a', '10', '2', 'é', 'A', '€', '😀', 'aa', ''];
      return Object.fromEntries(keys.filter(() => r() < 0.5).map((k) => [k, randomValue(seed, depth + 1)]));
    }
  }
}

describe('canonicalJsonFast', () => {
  it('equals the reference RFC 8785 implementation on 5,000 random documents', () => {
    const seed = { n: 7 };
    for (let i = 0; i < 5000; i++) {
      const value = randomValue(seed, 0);
      expect(canonicalJsonFast(value)).toBe(canonicalJson(value));
    }
  });

  it('gives the RFC 8785 examples their published form', () => {
    expect(canonicalJsonFast({ b: 1, a: [3, { d: 1e30, c: 4.5 }], '\u20ac': 'x', '\r': 1 })).toBe(
      '{"\\r":1,"a":[3,{"c":4.5,"d":1e+30}],"b":1,"€":"x"}',
    );
    expect(canonicalJsonFast(JSON.parse('{"n": 1.0, "m": 100E-2}'))).toBe('{"m":1,"n":1}');
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJsonFast({ a: '\ud800' })).toThrow(/surrogate/);
    expect(() => canonicalJsonFast(Number.NaN)).toThrow();
  });
});

describe('blockchain hashing (sources.md §3)', () => {
  const sha = (b: Buffer | string): Buffer => createHash('sha256').update(b).digest();

  it('roots an empty block at sha256 of the empty string', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('pairs raw digests and repeats the last one of an odd level', () => {
    const events = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const [a, b, c] = events.map((e) => sha(JSON.stringify(e)));
    const root = sha(Buffer.concat([sha(Buffer.concat([a!, b!])), sha(Buffer.concat([c!, c!]))]));
    expect(merkleRoot(events)).toBe(root.toString('hex'));
  });

  it('hashes the header as index|timestamp|previousHash|merkleRoot|nonce', () => {
    const header = {
      index: 1,
      timestamp: '2026-01-01T00:00:00Z',
      previousHash: '00ab',
      merkleRoot: 'ff',
      nonce: 42n,
    };
    expect(blockHash(header)).toBe(sha('1|2026-01-01T00:00:00Z|00ab|ff|42').toString('hex'));
    expect(meetsDifficulty('000a', 3)).toBe(true);
    expect(meetsDifficulty('00a0', 3)).toBe(false);
  });
});
