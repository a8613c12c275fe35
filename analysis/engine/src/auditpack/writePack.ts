import { createHash, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { toHex, TreeBuilder } from '../../../core/src/index.js';
import type { SystemId, MerkleHasher } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { keyFingerprint, spkiDer } from './keys.js';
import { nodeMerkleHasher } from './nodeHasher.js';
import { packRecords } from './packRecords.js';
import { BLOCK_SIZE, ENTRIES, PACK_FORMAT, sealLine } from './packFormat.js';
import type { Checkpoint } from './packFormat.js';
import { ZipStreamWriter } from './zipStreamWriter.js';

export interface PackOptions {
  origin: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  out: string;
  /** The checkpoint of the pack exported before this one from the same origin. */
  previous?: { rootHash: string; treeSize: number } | null;
  /** For tests: the pack's creation time. */
  now?: Date;
}

export interface PackSummary {
  out: string;
  records: number;
  blocks: number;
  rootHash: string;
  streams: Record<string, number>;
}

class HashedEntry {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(readonly zip: ZipStreamWriter) {}
  async write(data: Buffer | string): Promise<void> {
    this.hash.update(data);
    this.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    await this.zip.write(data);
  }
}

/**
 * Writes an .auditpack (auditpack.md) of an imported export in one pass over its records:
 * records.ndjson streams into the zip while leaf hashes and block seals accumulate (32 bytes
 * a record), then the seals, the signed checkpoint and the manifest follow.
 */
export async function writePack(
  store: ArchiveStore,
  system: SystemId,
  options: PackOptions,
): Promise<PackSummary> {
  const hasher = nodeMerkleHasher();
  const zip = await ZipStreamWriter.create(options.out);
  try {
    const summary = await writeEntries(store, system, options, hasher, zip);
    await zip.close();
    return summary;
  } catch (err) {
    await zip.abort();
    await rm(options.out, { force: true });
    throw err;
  }
}

async function writeEntries(
  store: ArchiveStore,
  system: SystemId,
  options: PackOptions,
  hasher: MerkleHasher,
  zip: ZipStreamWriter,
): Promise<PackSummary> {
  const leaves: Buffer[] = [];
  const seals: string[] = [];
  const streams: Record<string, number> = {};
  const tree = new TreeBuilder(hasher);
  let block = new TreeBuilder(hasher);
  let prevSeal = '';
  const seal = (): void => {
    const b = seals.length;
    const unsigned = {
      block: b,
      firstSeq: b * BLOCK_SIZE,
      count: block.size,
      root: toHex(block.root()),
      prev: prevSeal,
    };
    const sig = sign(null, Buffer.from(sealLine(unsigned, '')), options.privateKey).toString('base64');
    const line = sealLine(unsigned, sig);
    seals.push(line);
    prevSeal = createHash('sha256').update(line).digest('hex');
    block = new TreeBuilder(hasher);
  };
  await zip.begin(ENTRIES.records);
  const records = new HashedEntry(zip);
  let seq = 0;
  for await (const r of packRecords(store, system)) {
    const line = `{"seq":${seq},"stream":${JSON.stringify(r.stream)},"record":${r.json}}`;
    await records.write(`${line}\n`);
    const leaf = hasher.leafHash(Buffer.from(line, 'utf8'));
    leaves.push(Buffer.from(leaf));
    tree.push(leaf);
    block.push(leaf);
    streams[r.stream] = (streams[r.stream] ?? 0) + 1;
    seq++;
    if (block.size === BLOCK_SIZE) seal();
  }
  if (block.size > 0) seal();
  await zip.end();
  const leavesBin = Buffer.concat(leaves);
  const sealsText = seals.map((l) => `${l}\n`).join('');
  await zip.begin(ENTRIES.leaves);
  await zip.write(leavesBin);
  await zip.end();
  await zip.begin(ENTRIES.seals);
  await zip.write(sealsText);
  await zip.end();
  const createdAt = (options.now ?? new Date()).toISOString();
  const times = (
    await store.json(`SELECT strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS a,
    strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS b FROM events`)
  )[0];
  const rootHash = toHex(tree.root());
  const checkpoint: Checkpoint = {
    format: PACK_FORMAT,
    origin: options.origin,
    system,
    treeSize: seq,
    rootHash,
    blockSize: BLOCK_SIZE,
    firstTimestamp: (times?.['a'] as string | null | undefined) ?? null,
    lastTimestamp: (times?.['b'] as string | null | undefined) ?? null,
    createdAt,
    lastSeal: prevSeal,
    previous: options.previous ?? null,
  };
  const checkpointText = JSON.stringify(checkpoint);
  const signature = sign(null, Buffer.from(checkpointText), options.privateKey).toString('base64');
  const sha = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
  const manifest = {
    format: PACK_FORMAT,
    system,
    origin: options.origin,
    createdAt,
    records: seq,
    streams,
    ...(system === 'blockchain' ? { chain: await chainHeader(store) } : {}),
    publicKey: spkiDer(options.publicKey).toString('base64'),
    keyFingerprint: keyFingerprint(options.publicKey),
    files: {
      [ENTRIES.records]: { bytes: records.bytes, sha256: records.hash.digest('hex') },
      [ENTRIES.leaves]: { bytes: leavesBin.length, sha256: sha(leavesBin) },
      [ENTRIES.seals]: { bytes: Buffer.byteLength(sealsText), sha256: sha(sealsText) },
    },
  };
  for (const [name, text] of [
    [ENTRIES.checkpoint, checkpointText],
    [ENTRIES.signature, signature],
    [ENTRIES.manifest, JSON.stringify(manifest, null, 2)],
  ] as const) {
    await zip.begin(name);
    await zip.write(text);
    await zip.end();
  }
  return { out: options.out, records: seq, blocks: seals.length, rootHash, streams };
}

/** What chain.json says outside its blocks, kept so that opening the pack can rebuild it. */
async function chainHeader(
  store: ArchiveStore,
): Promise<{ chain: string | null; difficulty: number | null }> {
  const row = (await store.json(`SELECT chain, difficulty FROM chain_documents LIMIT 1`))[0];
  return {
    chain: (row?.['chain'] as string | null) ?? null,
    difficulty: row?.['difficulty'] === null ? null : Number(row?.['difficulty']),
  };
}
