import { createHash, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { toHex } from '../../../core/src/index.js';
import type { SystemId } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { BlockHasher } from './blockHasher.js';
import type { HashedBlock } from './blockHasher.js';
import { PrefixRoot, rootOfBlocks } from './blockTree.js';
import { keyFingerprint, spkiDer } from './keys.js';
import { packLines } from './packRecords.js';
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
  /** With a previous pack: whether this pack's first records are that pack's, so its tree extends that one. */
  extendsPrevious?: boolean;
}

/** leaves.bin is copied into the zip in slices of this many bytes. */
const SLICE_BYTES = 1 << 20;

const sha = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Writes an .auditpack (auditpack.md) of an imported export in one pass over its records:
 * records.ndjson streams into the zip while each block of 1,024 records is hashed, sealed and
 * its leaves spilled to a temporary file beside the output, so memory stays flat however
 * large the pack; then leaves.bin, the seals, the signed checkpoint and the manifest follow.
 */
export async function writePack(
  store: ArchiveStore,
  system: SystemId,
  options: PackOptions,
): Promise<PackSummary> {
  const zip = await ZipStreamWriter.create(options.out);
  const leavesPath = join(dirname(options.out), `.${basename(options.out)}.${process.pid}.leaves`);
  const leavesFile = createWriteStream(leavesPath);
  // A failed write (a full disk) surfaces at the next block rather than as an unhandled event.
  leavesFile.on('error', () => {});
  try {
    const summary = await writeEntries(store, system, options, zip, leavesFile, leavesPath);
    await zip.close();
    return summary;
  } catch (err) {
    await zip.abort();
    await rm(options.out, { force: true });
    throw err;
  } finally {
    if (!leavesFile.closed) await new Promise((resolve) => leavesFile.end(resolve));
    await rm(leavesPath, { force: true });
  }
}

async function writeEntries(
  store: ArchiveStore,
  system: SystemId,
  options: PackOptions,
  zip: ZipStreamWriter,
  leavesFile: WriteStream,
  leavesPath: string,
): Promise<PackSummary> {
  const seals: string[] = [];
  const blockRoots: Uint8Array[] = [];
  const streams: Record<string, number> = {};
  const leavesHash = createHash('sha256');
  const prefix = options.previous ? new PrefixRoot(options.previous.treeSize) : undefined;
  let prevSeal = '';
  let leavesBytes = 0;
  const done: { count: number; leaves: Buffer; root: Uint8Array }[] = [];
  const hasher = new BlockHasher((b: HashedBlock) => {
    prefix?.observe(b);
    done.push({ count: b.count, leaves: Buffer.from(b.leaves), root: Uint8Array.from(b.root) });
  });
  const seal = async (): Promise<void> => {
    for (let block = done.shift(); block !== undefined; block = done.shift()) {
      const b = seals.length;
      const unsigned = {
        block: b,
        firstSeq: b * BLOCK_SIZE,
        count: block.count,
        root: toHex(block.root),
        prev: prevSeal,
      };
      const sig = sign(null, Buffer.from(sealLine(unsigned, '')), options.privateKey).toString('base64');
      const line = sealLine(unsigned, sig);
      seals.push(line);
      prevSeal = sha(line);
      blockRoots.push(block.root);
      leavesHash.update(block.leaves);
      leavesBytes += block.leaves.length;
      if (leavesFile.errored) throw leavesFile.errored;
      if (!leavesFile.write(block.leaves)) await once(leavesFile, 'drain');
    }
  };
  await zip.begin(ENTRIES.records);
  const recordsHash = createHash('sha256');
  let recordBytes = 0;
  let seq = 0;
  for await (const lines of packLines(store, system)) {
    const bytes = Buffer.from(lines.text, 'utf8');
    recordsHash.update(bytes);
    recordBytes += bytes.length;
    await zip.write(bytes);
    hasher.push(bytes);
    await seal();
    seq += lines.count;
    for (const [stream, n] of Object.entries(lines.streams)) streams[stream] = (streams[stream] ?? 0) + n;
  }
  hasher.end();
  await seal();
  await zip.end();
  await new Promise((resolve) => leavesFile.end(resolve));
  await zip.begin(ENTRIES.leaves);
  for await (const chunk of createReadStream(leavesPath, { highWaterMark: SLICE_BYTES }))
    await zip.write(chunk as Buffer);
  await zip.end();
  const sealsText = seals.map((l) => `${l}\n`).join('');
  await zip.begin(ENTRIES.seals);
  await zip.write(sealsText);
  await zip.end();
  const createdAt = (options.now ?? new Date()).toISOString();
  const times = (
    await store.json(`SELECT strftime(min(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS a,
    strftime(max(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS b FROM events`)
  )[0];
  const rootHash = toHex(rootOfBlocks(blockRoots));
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
      [ENTRIES.records]: { bytes: recordBytes, sha256: recordsHash.digest('hex') },
      [ENTRIES.leaves]: { bytes: leavesBytes, sha256: leavesHash.digest('hex') },
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
  const prefixRoot = prefix?.root(blockRoots, seq);
  return {
    out: options.out,
    records: seq,
    blocks: seals.length,
    rootHash,
    streams,
    ...(options.previous
      ? { extendsPrevious: prefixRoot !== undefined && toHex(prefixRoot) === options.previous.rootHash }
      : {}),
  };
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
