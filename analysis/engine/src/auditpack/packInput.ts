import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ChronoscopeError } from '../../../core/src/index.js';
import { ENTRIES } from './packFormat.js';
import { digestFileRange } from './rangeDigest.js';

export interface Digest {
  sha256: string;
  bytes: number;
}

/**
 * A pack as the verifier reads it: every entry's name, the small entries whole, and the two
 * large ones (records.ndjson, leaves.bin) as streams that can be read again for a second pass.
 */
export interface PackInput {
  /** Every entry name, in zip order, duplicates included. */
  names: string[];
  /** manifest.json, seals.ndjson, checkpoint.json and checkpoint.sig, where present. */
  small: Map<string, Buffer>;
  has(name: string): boolean;
  chunks(name: typeof ENTRIES.records | typeof ENTRIES.leaves): AsyncIterable<Uint8Array>;
  /**
   * The sha256 of records.ndjson computed beside the main pass (on another thread for a
   * stored entry of a pack file), or undefined when the caller should hash the chunks itself.
   */
  recordsDigest(): Promise<Digest> | undefined;
  close(): void;
}

const SMALL_LIMIT = 1 << 30;
/** Below this a second thread costs more than hashing inline. */
const WORKER_THRESHOLD = 8 << 20;

/** A pack given as its entries' bytes (tests, tools). */
export function packFromEntries(entries: ReadonlyMap<string, Buffer>): PackInput {
  const small = new Map([...entries].filter(([name]) => name !== ENTRIES.records && name !== ENTRIES.leaves));
  return {
    names: [...entries.keys()],
    small,
    has: (name) => entries.has(name),
    chunks: (name) => {
      const data = entries.get(name);
      return (async function* () {
        if (data) yield data;
      })();
    },
    recordsDigest: () => undefined,
    close: () => {},
  };
}

/** Opens a pack file. Entry names that escape the archive make it unreadable, as for any zip. */
export async function packFromFile(path: string): Promise<PackInput> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, file) => {
      if (err || !file) reject(zipError(path, err));
      else resolve(file);
    });
  });
  try {
    const entries: Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(zipError(path, err)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        // A pack has six entries: thousands are no pack, and would only cost memory.
        if (entries.length >= 64) {
          reject(new ChronoscopeError('UNSAFE_ARCHIVE', `${path}: more than 64 entries`));
          return;
        }
        entries.push(entry);
        zip.readEntry();
      });
      zip.readEntry();
    });
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    const stream = (entry: Entry): Promise<Readable> =>
      new Promise((resolve, reject) =>
        zip.openReadStream(entry, (err, s) =>
          err || !s ? reject(zipError(`${path}!${entry.fileName}`, err)) : resolve(s),
        ),
      );
    const small = new Map<string, Buffer>();
    for (const name of [ENTRIES.manifest, ENTRIES.seals, ENTRIES.checkpoint, ENTRIES.signature]) {
      const entry = byName.get(name);
      if (!entry) continue;
      if (entry.uncompressedSize > SMALL_LIMIT)
        throw new ChronoscopeError('UNREADABLE', `${path}!${name}: larger than a pack entry can be`);
      const parts: Buffer[] = [];
      for await (const c of await stream(entry)) parts.push(c as Buffer);
      small.set(name, Buffer.concat(parts));
    }
    return {
      names: entries.map((e) => e.fileName),
      small,
      has: (name) => byName.has(name),
      chunks: (name) => {
        const entry = byName.get(name);
        return (async function* () {
          if (!entry) return;
          // A stored entry is read straight from the file in large slices: the zip stream's
          // small reads cost more than hashing what they read.
          if (entry.compressionMethod === 0)
            yield* readRange(path, await storedRange(path, entry), entry.compressedSize);
          else for await (const c of await stream(entry)) yield c as Buffer;
        })();
      },
      recordsDigest: () => {
        const entry = byName.get(ENTRIES.records);
        if (!entry || entry.compressionMethod !== 0 || entry.uncompressedSize < WORKER_THRESHOLD)
          return undefined;
        return storedRange(path, entry).then((start) => digestFileRange(path, start, entry.compressedSize));
      },
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** Where a stored entry's bytes begin: after its local header, whose name and extra field lengths vary. */
async function storedRange(path: string, entry: Entry): Promise<number> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(30);
    await file.read(header, 0, 30, entry.relativeOffsetOfLocalHeader);
    return entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await file.close();
  }
}

const READ_SLICE = 1 << 20;

async function* readRange(path: string, start: number, length: number): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    for (let at = 0; at < length;) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_SLICE, length - at));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start + at);
      if (bytesRead === 0)
        throw new ChronoscopeError('UNREADABLE', `${path}: ends inside an entry; is it truncated?`, {
          file: path,
        });
      yield buffer.subarray(0, bytesRead);
      at += bytesRead;
    }
  } finally {
    await file.close();
  }
}

export function digestOf(data: Uint8Array | undefined): Digest {
  return {
    sha256: createHash('sha256')
      .update(data ?? new Uint8Array(0))
      .digest('hex'),
    bytes: data?.length ?? 0,
  };
}

function zipError(path: string, err: Error | null | undefined): ChronoscopeError {
  const reason = err?.message ?? 'unknown error';
  if (/invalid relative path|absolute path|invalid characters/i.test(reason))
    return new ChronoscopeError('UNSAFE_ARCHIVE', `${path}: zip entry escapes the archive (${reason})`, {
      file: path,
    });
  return new ChronoscopeError('UNREADABLE', `${path}: not a readable zip (${reason}); is it truncated?`, {
    file: path,
  });
}
