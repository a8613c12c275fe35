import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { LayerColumns } from './KeyframeLayer.js';

/**
 * The keyframe file: the columns of every stored part, one after another (each 8-byte
 * aligned, so a column read back is a typed array as it lies), then an index in JSON and a
 * trailer that says where the index is. A reader reads only the columns a seek needs, with
 * synchronous positional reads, which is what lets a state be fetched the moment something
 * reads it (see KeyframeLayer). DuckDB held this before: every seek then copied whole
 * checkpoints out of it, and its appender ran out of memory on ten-million-event archives.
 */

/**
 * The binary columns of a part, in file order: the small ones (a few bytes an entity) first
 * and together, so a reader can take a small part's whole index in one read, then the ids
 * and the states, which are read an entity at a time.
 */
export const PART_COLUMNS = [
  'typeIndex',
  'idEnds',
  'stateEnds',
  'deleted',
  'lastSeq',
  'hashes',
  'slots',
  'ids',
  'states',
] as const;
/** How many of PART_COLUMNS are the small ones. */
export const INDEX_COLUMNS = 7;
export type PartColumn = (typeof PART_COLUMNS)[number];

/** Where one part's columns lie: [offset, length] in bytes, in PART_COLUMNS order. */
export interface StoredPart {
  types: string[];
  count: number;
  at: [number, number][];
}

export interface StoredCheckpoint {
  kf: number;
  full: boolean;
  /** Entities in the world at the checkpoint (a delta stores only those changed). */
  world: number;
  /** Indices into the index's `parts`. */
  parts: number[];
}

export interface KeyframeIndex {
  format: number;
  system: string;
  interval: number;
  lastSeq: number;
  checkpoints: StoredCheckpoint[];
  parts: StoredPart[];
}

const MAGIC = 0x4b464843; // "CHFK", little-endian
const TRAILER = 16;

/** Writes a keyframe file front to back; {@link finish} writes the index that makes it readable. */
export class KeyframeFileWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly parts: StoredPart[] = [];
  private readonly checkpoints: StoredCheckpoint[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Writes one checkpoint made of these parts. */
  checkpoint(kf: number, full: boolean, world: number, parts: readonly LayerColumns[]): void {
    const indices = parts.map((c) => {
      const at = PART_COLUMNS.map((name) => this.write(c[name]));
      return this.parts.push({ types: c.types, count: c.typeIndex.length, at }) - 1;
    });
    this.checkpoints.push({ kf, full, world, parts: indices });
  }

  finish(meta: Omit<KeyframeIndex, 'checkpoints' | 'parts'>): void {
    const index = Buffer.from(JSON.stringify({ ...meta, checkpoints: this.checkpoints, parts: this.parts }));
    const at = this.offset;
    this.write(index);
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeDoubleLE(at, 0);
    trailer.writeUInt32LE(index.length, 8);
    trailer.writeUInt32LE(MAGIC, 12);
    writeSync(this.fd, trailer, 0, TRAILER, this.offset);
    this.close();
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(column: ArrayBufferView): [number, number] {
    const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    const at = this.offset;
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, at + done);
    // The next column starts 8-byte aligned, so Float64Array views of it need no copy.
    this.offset = at + Math.ceil(bytes.length / 8) * 8;
    return [at, bytes.length];
  }
}

/** An open keyframe file: its index, and positional reads of its columns. */
export class KeyframeFile {
  private constructor(
    private fd: number | null,
    readonly index: KeyframeIndex,
  ) {}

  /** Opens a file and reads its index; throws when the file is not a complete keyframe file. */
  static open(path: string): KeyframeFile {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size < TRAILER) throw new Error(`${path}: not a keyframe file`);
      const trailer = Buffer.alloc(TRAILER);
      readSync(fd, trailer, 0, TRAILER, size - TRAILER);
      if (trailer.readUInt32LE(12) !== MAGIC) throw new Error(`${path}: not a keyframe file`);
      const at = trailer.readDoubleLE(0);
      const length = trailer.readUInt32LE(8);
      const index = JSON.parse(readAt(fd, at, length).toString('utf8')) as KeyframeIndex;
      return new KeyframeFile(fd, index);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** `length` bytes at `offset`, in a buffer of their own (8-byte aligned). */
  read(offset: number, length: number): Buffer {
    if (this.fd === null) throw new Error('the keyframe file was closed: its states can no longer be read');
    return readAt(this.fd, offset, length);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, offset + done);
    if (n === 0) throw new Error('the keyframe file ends early');
    done += n;
  }
  return out;
}
