import { hash } from 'node:crypto';
import { ChronoscopeError } from '../../../core/src/index.js';
import { DEFAULT_LIMITS } from '../archive/limits.js';
import { openZip } from '../archive/zipEntries.js';
import type { ZipMember } from '../archive/zipEntries.js';
import { ENTRIES } from './packFormat.js';

export interface PackContents {
  /** Entries other than records.ndjson, as bytes; absent ones are missing from the map. */
  entries: Map<string, Buffer>;
  /** The leaf hash of each line of records.ndjson, in file order. */
  recordLeaves: Buffer[];
  /** The `seq` each line claims for itself (NaN when unreadable). */
  recordSeqs: number[];
  hasRecords: boolean;
}

/** Reads a pack: the small entries whole, records.ndjson line by line (only its leaf hashes are kept). */
export async function readPack(path: string): Promise<PackContents> {
  const zip = await openZip(path, DEFAULT_LIMITS);
  try {
    const byName = new Map(zip.members.map((m) => [m.name, m]));
    const entries = new Map<string, Buffer>();
    for (const name of Object.values(ENTRIES)) {
      const member = byName.get(name);
      if (member && name !== ENTRIES.records) entries.set(name, await readAll(member));
    }
    const records = byName.get(ENTRIES.records);
    const recordLeaves: Buffer[] = [];
    const recordSeqs: number[] = [];
    if (records) await hashLines(records, recordLeaves, recordSeqs);
    return { entries, recordLeaves, recordSeqs, hasRecords: records !== undefined };
  } finally {
    zip.close();
  }
}

async function readAll(member: ZipMember): Promise<Buffer> {
  if (member.uncompressedSize > 1 << 30)
    throw new ChronoscopeError('UNREADABLE', `${member.name}: larger than a pack entry can be`);
  const chunks: Buffer[] = [];
  for await (const chunk of await member.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry of a pack (or any zip) as bytes: for tools and tests on small packs. */
export async function readPackEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(path, DEFAULT_LIMITS);
  try {
    const out = new Map<string, Buffer>();
    for (const member of zip.members) out.set(member.name, await readAll(member));
    return out;
  } finally {
    zip.close();
  }
}

/**
 * The RFC 6962 leaf hash of each line, straight from the zip's bytes: lines are hashed as
 * stored, never decoded, and no line is copied (the hasher of analysis/core would need one
 * buffer per leaf). This loop is the whole cost of verifying a pack.
 */
async function hashLines(member: ZipMember, leaves: Buffer[], seqs: number[]): Promise<void> {
  let rest: Buffer = Buffer.alloc(0);
  // One reused buffer holds 0x00 ‖ line: one-shot hashing of it is several times cheaper than
  // a Hash object per record.
  let scratch = Buffer.alloc(1 << 16);
  const take = (line: Buffer): void => {
    if (line.length + 1 > scratch.length) scratch = Buffer.alloc(line.length + 1);
    scratch[0] = 0x00;
    line.copy(scratch, 1);
    leaves.push(hash('sha256', scratch.subarray(0, line.length + 1), 'buffer'));
    seqs.push(Number(/^\{"seq":(\d+),/.exec(line.toString('latin1', 0, 32))?.[1] ?? Number.NaN));
  };
  for await (const chunk of await member.open()) {
    const data: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      take(data.subarray(start, nl));
      start = nl + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) take(rest);
}
