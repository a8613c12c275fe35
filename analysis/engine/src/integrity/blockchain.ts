import { batches, FindingSink, keyRange, num, str } from './checkKit.js';
import { blockHash, eventSignature, meetsDifficulty, merkleRoot, sameHex } from './blockchainHash.js';
import { isObject } from './jsonEqual.js';
import type { CheckOutcome, IntegrityContext, IntegrityFinding } from './types.js';

interface Sinks {
  hashes: FindingSink;
  pow: FindingSink;
  merkle: FindingSink;
  links: FindingSink;
  indexes: FindingSink;
  signatures: FindingSink;
}

interface Previous {
  index: number | undefined;
  hash: string | undefined;
  timestamp: string | undefined;
  tsMs: number | undefined;
}

/**
 * `blockchain` (sources.md §3): one pass over `chain_blocks` in document order, a slice of
 * blocks at a time, recomputing each block's Merkle root and hash and following the links.
 */
export async function blockchainChecks(ctx: IntegrityContext): Promise<CheckOutcome[]> {
  const sinks: Sinks = {
    hashes: FindingSink.for(ctx, 'block_hashes'),
    pow: FindingSink.for(ctx, 'proof_of_work'),
    merkle: FindingSink.for(ctx, 'merkle_roots'),
    links: FindingSink.for(ctx, 'previous_hash_links'),
    indexes: FindingSink.for(ctx, 'block_index_continuity'),
    signatures: FindingSink.for(ctx, 'event_signatures'),
  };
  const secret = ctx.options.hmacSecret;
  let prev: Previous = { index: undefined, hash: undefined, timestamp: undefined, tsMs: undefined };
  let blocks = 0;
  let signed = 0;
  let unsigned = 0;
  const select = `SELECT block_position AS _k, block_index, "timestamp", epoch_ms(ts) AS ts_ms, previous_hash, hash,
      nonce, merkle_root, difficulty, data::VARCHAR AS data FROM chain_blocks`;
  const range = await keyRange(ctx.store, 'chain_blocks', 'block_position');
  for await (const rows of batches(ctx.store, select, range, 2_000)) {
    for (const r of rows) {
      blocks++;
      const index = num(r['block_index']);
      const block = index ?? Number(r['_k']);
      const events = parseEvents(str(r['data']));
      checkBlock(r, block, events, prev, sinks);
      if (secret !== undefined) {
        for (const e of events) {
          if (typeof e['signature'] !== 'string') {
            unsigned++;
            continue;
          }
          signed++;
          const expected = eventSignature(e, secret);
          if (sameHex(expected, e['signature'].toLowerCase())) continue;
          sinks.signatures.add({
            kind: 'signature_invalid',
            severity: 'critical',
            sourceId: str(e['id']),
            block,
            expected,
            actual: e['signature'],
            detail: `event ${str(e['id'])} in block ${block}: HMAC-SHA256 with the supplied secret differs from its signature`,
          });
        }
      }
      prev = { index, hash: str(r['hash']), timestamp: str(r['timestamp']), tsMs: num(r['ts_ms']) };
    }
  }
  const noSecret = secret === undefined ? 'not checked: no --hmac-secret given' : undefined;
  const signatures = sinks.signatures.outcome(
    `${signed} signatures verified with the supplied secret${unsigned > 0 ? `; ${unsigned} events unsigned` : ''}`,
    noSecret,
  );
  // Every signature failing says more about the secret than about the events.
  if (signed > 0 && sinks.signatures.serious === signed)
    signatures.check.detail += `: none of the ${signed} signatures matches, so the secret is probably not this chain's AUDIT_SECRET`;
  return [
    sinks.hashes.outcome(`${blocks} block hashes recomputed and equal`),
    sinks.pow.outcome(`${blocks} blocks meet their difficulty`),
    sinks.merkle.outcome(`${blocks} Merkle roots recomputed from their events and equal`),
    sinks.links.outcome(`${blocks} blocks link to the hash of the block before`),
    sinks.indexes.outcome(`block indexes run 0 to ${blocks - 1} without gap, repeat or time reversal`),
    signatures,
  ];
}

function parseEvents(data: string | undefined): Record<string, unknown>[] {
  if (data === undefined) return [];
  const parsed = JSON.parse(data) as unknown;
  return Array.isArray(parsed) ? parsed.filter(isObject) : [];
}

function checkBlock(
  r: Record<string, unknown>,
  block: number,
  events: Record<string, unknown>[],
  prev: Previous,
  s: Sinks,
): void {
  const at = (f: Omit<IntegrityFinding, 'block' | 'sourceId'>): IntegrityFinding => ({
    ...f,
    block,
    sourceId: String(block),
  });
  const written = str(r['hash']) ?? '';
  const root = merkleRoot(events);
  const writtenRoot = str(r['merkle_root']) ?? '';
  if (root !== writtenRoot)
    s.merkle.add(
      at({
        kind: 'merkle_mismatch',
        severity: 'critical',
        expected: writtenRoot,
        actual: root,
        detail: `block ${block}: the Merkle root of its ${events.length} events differs from merkleRoot: an event was altered, added or removed`,
      }),
    );
  const index = r['block_index'];
  const nonce = r['nonce'];
  const timestamp = str(r['timestamp']);
  if (typeof index !== 'bigint' || typeof nonce !== 'bigint' || timestamp === undefined) {
    s.hashes.add(
      at({
        kind: 'hash_mismatch',
        severity: 'critical',
        detail: `block ${block}: index, nonce or timestamp missing or not an integer`,
      }),
    );
  } else {
    const actual = blockHash({
      index,
      timestamp,
      previousHash: str(r['previous_hash']) ?? '',
      merkleRoot: writtenRoot,
      nonce,
    });
    if (actual !== written)
      s.hashes.add(
        at({
          kind: 'hash_mismatch',
          severity: 'critical',
          expected: written,
          actual,
          detail: `block ${block}: sha256 of index|timestamp|previousHash|merkleRoot|nonce differs from its hash: the header was altered`,
        }),
      );
  }
  const difficulty = num(r['difficulty']) ?? 0;
  if (!meetsDifficulty(written, difficulty))
    s.pow.add(
      at({
        kind: 'pow_invalid',
        severity: 'critical',
        expected: `${difficulty} leading zeros`,
        actual: written,
        detail: `block ${block}: hash does not begin with ${difficulty} hex zeros`,
      }),
    );
  checkLink(r, block, prev, s, at);
}

function checkLink(
  r: Record<string, unknown>,
  block: number,
  prev: Previous,
  s: Sinks,
  at: (f: Omit<IntegrityFinding, 'block' | 'sourceId'>) => IntegrityFinding,
): void {
  const previousHash = str(r['previous_hash']) ?? '';
  const expectedPrev = prev.hash ?? '0';
  if (previousHash !== expectedPrev)
    s.links.add(
      at({
        kind: 'chain_break',
        severity: 'critical',
        expected: expectedPrev,
        actual: previousHash,
        detail:
          prev.hash === undefined
            ? `block ${block}: the first block must have previousHash "0"`
            : `block ${block}: previousHash is not the hash of the block before (${prev.index ?? '?'})`,
      }),
    );
  const expectedIndex = prev.index === undefined ? 0 : prev.index + 1;
  if (block < expectedIndex && prev.index !== undefined && block <= prev.index)
    s.indexes.add(
      at({
        kind: 'sequence_duplicate',
        severity: 'high',
        expected: String(expectedIndex),
        actual: String(block),
        detail: `block ${block} follows block ${prev.index}: repeated or out of order`,
      }),
    );
  else if (block > expectedIndex)
    s.indexes.add({
      kind: 'sequence_gap',
      severity: 'high',
      block: expectedIndex,
      sourceId: String(expectedIndex),
      expected: String(expectedIndex),
      actual: String(block),
      detail:
        block - expectedIndex === 1
          ? `block ${expectedIndex} is missing (block ${block} follows ${prev.index ?? 'the start'})`
          : `blocks ${expectedIndex} to ${block - 1} are missing (block ${block} follows ${prev.index ?? 'the start'})`,
    });
  const tsMs = num(r['ts_ms']);
  if (tsMs !== undefined && prev.tsMs !== undefined && tsMs < prev.tsMs)
    s.indexes.add(
      at({
        kind: 'time_reversal',
        severity: 'high',
        expected: `not before ${prev.timestamp ?? ''}`,
        actual: str(r['timestamp']),
        detail: `block ${block} is dated before block ${prev.index ?? '?'}`,
      }),
    );
}
