import { createInterface } from 'node:readline';
import { ChronoscopeError } from '../../../core/src/index.js';
import { DEFAULT_LIMITS } from '../archive/limits.js';
import { openZip } from '../archive/zipEntries.js';
import type { ZipMember } from '../archive/zipEntries.js';
import type { MerkleHasher } from '../../../core/src/index.js';
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
export async function readPack(path: string, hasher: MerkleHasher): Promise<PackContents> {
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
    if (records) {
      const lines = createInterface({ input: await records.open(), crlfDelay: Infinity });
      for await (const line of lines) {
        recordLeaves.push(Buffer.from(hasher.leafHash(Buffer.from(line, 'utf8'))));
        recordSeqs.push(Number(/^\{"seq":(\d+),/.exec(line)?.[1] ?? Number.NaN));
      }
    }
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
