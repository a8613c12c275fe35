import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../analysis/core/src/index.js';
import { generateBlockchain } from '../../../analysis/engine/src/generate/blockchain.js';
import { blockHash, mine } from '../../../analysis/engine/src/generate/blockchainPow.js';
import { DETECTOR_IDS } from '../../../analysis/engine/src/index.js';

const START = Date.UTC(2026, 4, 4);
const DETECTORS: readonly string[] = DETECTOR_IDS;
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface ChainEvent {
  id: string;
  eventType: string;
  userId: string;
  data: Record<string, any>;
  timestamp: string;
  signature: string;
}

interface Block {
  index: number;
  timestamp: string;
  data: ChainEvent[];
  previousHash: string;
  hash: string;
  nonce: number;
  merkleRoot: string;
}

interface Export {
  result: Awaited<ReturnType<typeof generateBlockchain>>;
  text: string;
  contractsText: string;
  chain: { chain: string; difficulty: number; blocks: Block[] };
  events: ChainEvent[];
  secret: string;
}

async function generate(events: number, seed: number, incidents: boolean): Promise<Export> {
  const dir = await mkdtemp(join(tmpdir(), 'chronoscope-bc-'));
  dirs.push(dir);
  const result = await generateBlockchain({
    system: 'blockchain',
    events,
    seed,
    incidents,
    out: dir,
    startMs: START,
  });
  const text = await readFile(join(dir, 'chain.json'), 'utf8');
  const contractsText = await readFile(join(dir, 'contracts.json'), 'utf8');
  const chain = JSON.parse(text) as Export['chain'];
  const secret = (result.groundTruth as { hmacSecret?: string }).hmacSecret as string;
  return { result, text, contractsText, chain, events: chain.blocks.flatMap((b) => b.data), secret };
}

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** The Merkle root of sources.md §3, written independently of the generator. */
function merkle(events: readonly ChainEvent[]): string {
  if (events.length === 0) return sha256('').toString('hex');
  let level = events.map((e) => sha256(canonicalJson(e)));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(sha256(Buffer.concat([level[i]!, level[i + 1] ?? level[i]!])));
    level = next;
  }
  return level[0]!.toString('hex');
}

function verifyChain(e: Export): void {
  const { chain } = e;
  expect(chain.chain).toBe('main');
  expect(chain.difficulty).toBe(3);
  const genesis = chain.blocks[0]!;
  expect(genesis).toMatchObject({ index: 0, previousHash: '0', data: [] });
  let previous: Block | undefined;
  for (const block of chain.blocks) {
    expect(block.index).toBe(previous ? previous.index + 1 : 0);
    if (previous) expect(block.previousHash).toBe(previous.hash);
    if (previous) expect(Date.parse(block.timestamp)).toBeGreaterThan(Date.parse(previous.timestamp));
    expect(block.merkleRoot).toBe(merkle(block.data));
    const input = `${block.index}|${block.timestamp}|${block.previousHash}|${block.merkleRoot}|${block.nonce}`;
    expect(block.hash).toBe(sha256(input).toString('hex'));
    expect(block.hash.startsWith('000')).toBe(true);
    expect(block.data.length).toBeLessThanOrEqual(500);
    const sealed = Date.parse(block.timestamp);
    expect(block.data.filter((event) => !(Date.parse(event.timestamp) < sealed))).toEqual([]);
    previous = block;
  }
}

// Each test mines and verifies thousands of events: allow for a busy two-core machine.
describe('generateBlockchain', { timeout: 60_000 }, () => {
  it('writes a chain whose every hash, proof of work, Merkle root and link verifies', async () => {
    const e = await generate(3_000, 4, true);
    verifyChain(e);
    expect(e.chain.blocks.length).toBeGreaterThan(6);
  });

  it('signs every event with the secret it reports in the ground truth', async () => {
    const e = await generate(3_000, 4, false);
    expect(e.secret).toMatch(/^[0-9a-f]{32}$/);
    const forged = e.events.filter(({ signature, ...unsigned }) => {
      return signature !== createHmac('sha256', e.secret).update(canonicalJson(unsigned)).digest('hex');
    });
    expect(forged).toEqual([]);
    const other = await generate(50, 5, false);
    expect(other.secret).not.toBe(e.secret);
  });

  it('holds exactly the requested number of events, in time order with unique ids', async () => {
    for (const events of [1, 4, 50, 777, 3_000]) {
      const e = await generate(events, 8, true);
      expect(e.events).toHaveLength(events);
      expect(e.result.events).toBe(events);
      expect(e.result.files[0]).toEqual({ path: 'chain.json', records: events });
      expect(new Set(e.events.map((ev) => ev.id)).size).toBe(events);
      const times = e.events.map((ev) => Date.parse(ev.timestamp));
      expect(times.filter((t, i) => i > 0 && !(t > times[i - 1]!))).toEqual([]);
      verifyChain(e);
    }
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    const a = await generate(2_000, 42, true);
    const b = await generate(2_000, 42, true);
    const c = await generate(2_000, 43, true);
    expect(b.text).toBe(a.text);
    expect(b.contractsText).toBe(a.contractsText);
    expect(b.result.groundTruth).toEqual(a.result.groundTruth);
    expect(c.text).not.toBe(a.text);
  });

  it('models the seed platform: prompts, governance, contracts, tokens and sessions', async () => {
    const e = await generate(5_000, 2, false);
    const types = new Set(e.events.map((ev) => ev.eventType));
    for (const type of [
      'prompt_created',
      'prompt_updated',
      'proposal_created',
      'vote_cast',
      'contract_deployed',
      'contract_executed',
      'user_login',
      'user_logout',
      'tokens_transferred',
      'tokens_minted',
      'test_execution_completed',
    ]) {
      expect(types).toContain(type);
    }
    const unplaced = e.events.filter(({ eventType, data: d }) => {
      const keyed = d.promptId ?? d.proposalId ?? d.contractId ?? d.entityId;
      const needsKey = !['user_login', 'user_logout'].includes(eventType);
      return (
        (needsKey && keyed === undefined) || (d.entityId !== undefined && typeof d.entityType !== 'string')
      );
    });
    expect(unplaced).toEqual([]);
    // Every update, vote or test touches something created earlier in the export.
    const created = new Set<string>();
    const orphans: string[] = [];
    for (const ev of e.events) {
      if (ev.eventType === 'prompt_created') created.add(ev.data.promptId);
      if (ev.eventType === 'proposal_created') created.add(ev.data.proposalId);
      const onPrompt = ['prompt_updated', 'prompt_deleted', 'test_execution_started'].includes(ev.eventType);
      if (onPrompt && !created.has(ev.data.promptId)) orphans.push(ev.id);
      if (ev.eventType === 'vote_cast' && !created.has(ev.data.proposalId)) orphans.push(ev.id);
    }
    expect(orphans).toEqual([]);
    const contracts = JSON.parse(e.contractsText) as { id: string }[];
    expect(contracts.map((c) => c.id)).toEqual(
      e.events.filter((ev) => ev.eventType === 'contract_deployed').map((ev) => ev.data.contractId),
    );
    expect(e.result.files[1]).toEqual({ path: 'contracts.json', records: contracts.length });
    // Heavy-tailed actors and an office rhythm.
    const perUser = new Map<string, number>();
    for (const ev of e.events)
      if (ev.userId !== 'system') perUser.set(ev.userId, (perUser.get(ev.userId) ?? 0) + 1);
    const counts = [...perUser.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(4 * counts[Math.floor(counts.length / 2)]!);
    const hours = e.events.map((ev) => new Date(ev.timestamp).getUTCHours());
    expect(hours.filter((h) => h >= 9 && h < 17).length).toBeGreaterThan(
      5 * hours.filter((h) => h < 5).length,
    );
  });

  it('plants a self-granted role, a night-time token drain and a silent gap', async () => {
    const plain = await generate(3_000, 9, false);
    expect(plain.result.groundTruth.incidents).toEqual([]);
    const e = await generate(6_000, 9, true);
    const incidents = e.result.groundTruth.incidents;
    expect(incidents.map((i) => i.kind)).toEqual(['privilege_self_grant', 'log_gap', 'token_drain_at_night']);
    const index = new Map(e.events.map((ev, i) => [ev.id, i]));
    for (const incident of incidents) {
      expect(incident.detectors.every((d) => DETECTORS.includes(d))).toBe(true);
      expect(incident.evidence.every((id) => index.has(id))).toBe(true);
      expect(Date.parse(incident.from)).toBeGreaterThanOrEqual(Date.parse(e.events[0]!.timestamp));
      expect(Date.parse(incident.to)).toBeLessThanOrEqual(
        Date.parse(e.events[e.events.length - 1]!.timestamp),
      );
    }
    const [grant, gap, drain] = incidents as [
      (typeof incidents)[0],
      (typeof incidents)[0],
      (typeof incidents)[0],
    ];

    const granted = e.events[index.get(grant.evidence[0]!)!]!;
    expect(granted).toMatchObject({
      eventType: 'role_granted',
      userId: grant.actor,
      data: { entityId: grant.actor, role: 'admin' },
    });
    expect(grant.detectors).toEqual(['privilege_change']);

    const [before, after] = gap.evidence.map((id) => index.get(id)!) as [number, number];
    expect(after).toBe(before + 1);
    const silence = Date.parse(e.events[after]!.timestamp) - Date.parse(e.events[before]!.timestamp);
    expect(silence).toBeGreaterThanOrEqual(3 * 3_600_000);
    expect(gap.detectors).toEqual(['time_gap']);

    const drained = drain.evidence.map((id) => e.events[index.get(id)!]!);
    expect(drained.length).toBeGreaterThanOrEqual(8);
    for (const ev of drained) {
      expect(ev).toMatchObject({ eventType: 'tokens_transferred', userId: drain.actor });
      expect(new Date(ev.timestamp).getUTCHours()).toBeLessThan(5);
    }
    expect(Date.parse(drain.to) - Date.parse(drain.from)).toBeLessThan(30 * 60_000);
    expect(new Set(drained.map((ev) => ev.data.to)).size).toBe(1);
    expect(drain.detectors).toEqual(['burst', 'off_hours']);
  });

  it('still plants its incidents in a 50-event export', async () => {
    const e = await generate(50, 1, true);
    expect(e.events).toHaveLength(50);
    const ids = new Set(e.events.map((ev) => ev.id));
    const incidents = e.result.groundTruth.incidents;
    expect(incidents.map((i) => i.kind).sort()).toEqual([
      'log_gap',
      'privilege_self_grant',
      'token_drain_at_night',
    ]);
    for (const incident of incidents) expect(incident.evidence.every((id) => ids.has(id))).toBe(true);
  });
});

describe('proof-of-work search', () => {
  it('finds the smallest nonce whose hash meets the difficulty, for any prefix length', () => {
    for (const length of [0, 1, 50, 54, 55, 56, 63, 64, 65, 119, 120, 160]) {
      const prefix = 'x'.repeat(length);
      const found = mine(prefix, 2);
      expect(found.hash).toBe(
        createHash('sha256')
          .update(prefix + found.nonce)
          .digest('hex'),
      );
      expect(found.hash.startsWith('00')).toBe(true);
      for (let n = 0; n < found.nonce; n++) expect(blockHash(prefix, n).startsWith('00')).toBe(false);
    }
  });
});
