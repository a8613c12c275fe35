import { createHmac } from 'node:crypto';
import { canonicalJson } from '../../../core/src/index.js';
import { LineWriter } from './lineWriter.js';
import { merkleRoot, mine, sha256Raw } from './blockchainPow.js';
import type { EventBody } from './blockchainWallets.js';

/** An event as `chain.json` stores it inside a block's `data`. */
export interface ChainEvent {
  id: string;
  eventType: string;
  userId: string;
  data: Record<string, unknown>;
  timestamp: string;
  signature: string;
}

/**
 * Streams `chain.json`: the opening, then one block at a time as it fills, then the closing.
 * Only the block being filled is held in memory. Each event is signed and hashed as it is
 * added, so sealing a block is only its Merkle tree and the proof-of-work search.
 */
export class ChainWriter {
  private readonly out: LineWriter;
  private pending: ChainEvent[] = [];
  private leaves: Buffer[] = [];
  private previousHash = '0';
  private lastBlockMs = -Infinity;
  private lastEventMs = -Infinity;
  private heldLine: string | null = null;
  private target: number;
  blocks = 0;
  events = 0;

  constructor(
    path: string,
    private readonly difficulty: number,
    private readonly secret: string,
    private readonly nextBlockSize: () => number,
  ) {
    this.out = new LineWriter(path);
    this.target = nextBlockSize();
  }

  /** Writes the document's opening and the empty genesis block. */
  async open(genesisMs: number): Promise<void> {
    await this.out.write(`{\n "chain": "main",\n "difficulty": ${this.difficulty},\n "blocks": [`);
    await this.seal(genesisMs);
  }

  /** Signs the event and appends it to the current block, sealing the block when it is full. */
  async add(id: string, body: EventBody, timestamp: string, ms: number): Promise<void> {
    const { event, signed } = this.sign(id, body, timestamp);
    this.pending.push(event);
    this.leaves.push(sha256Raw(signed));
    this.lastEventMs = ms;
    this.events++;
    if (this.pending.length >= this.target) await this.seal(ms + 1);
  }

  /**
   * The canonical JSON (RFC 8785) of the event without and with its signature. JCS sorts
   * members, and the event's own keys sort as data < eventType < id < signature < timestamp <
   * userId, so both forms are assembled around one canonicalisation of `data`.
   */
  private sign(id: string, body: EventBody, timestamp: string): { event: ChainEvent; signed: string } {
    const head = `{"data":${canonicalJson(body.data)},"eventType":${JSON.stringify(body.eventType)},"id":${JSON.stringify(id)},`;
    const tail = `"timestamp":${JSON.stringify(timestamp)},"userId":${JSON.stringify(body.userId)}}`;
    const signature = createHmac('sha256', this.secret)
      .update(head + tail)
      .digest('hex');
    const event = {
      id,
      eventType: body.eventType,
      userId: body.userId,
      data: body.data,
      timestamp,
      signature,
    };
    return { event, signed: `${head}"signature":"${signature}",${tail}` };
  }

  private async seal(atMs: number): Promise<void> {
    const ms = Math.max(atMs, this.lastBlockMs + 1, this.lastEventMs + 1);
    const index = this.blocks;
    const timestamp = new Date(ms).toISOString();
    const root = merkleRoot(this.leaves);
    const { nonce, hash } = mine(`${index}|${timestamp}|${this.previousHash}|${root}|`, this.difficulty);
    const block = {
      index,
      timestamp,
      data: this.pending,
      previousHash: this.previousHash,
      hash,
      nonce,
      merkleRoot: root,
    };
    await this.emit(`  ${JSON.stringify(block)}`);
    this.previousHash = hash;
    this.lastBlockMs = ms;
    this.blocks++;
    this.pending = [];
    this.leaves = [];
    this.target = this.nextBlockSize();
  }

  /** Holds each block line back one step so that every block but the last gets its comma. */
  private async emit(line: string): Promise<void> {
    if (this.heldLine !== null) await this.out.write(`${this.heldLine},`);
    this.heldLine = line;
  }

  /** Seals the last, partly filled block and closes the document. */
  async close(): Promise<void> {
    if (this.pending.length > 0) await this.seal(this.lastEventMs + 1);
    if (this.heldLine !== null) await this.out.write(this.heldLine);
    await this.out.write(' ]\n}');
    await this.out.close();
  }
}
