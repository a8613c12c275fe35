import { entityKey } from '../../../core/src/index.js';
import type { PartColumn } from './keyframeFile.js';
import { StoredEntityState } from './storedState.js';
import type { StateText } from './storedState.js';

/**
 * FNV-1a over the UTF-16 code units of an entity key. The keyframe writer stores each
 * entity's hash and an open-addressing table of them, so a reader finds an entity without
 * building a Map: the same function must hash on both sides.
 */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A hash table over `hashes` (load at most one half): each slot holds an entity index or -1. */
export function hashSlots(hashes: Uint32Array): Int32Array {
  let size = 2;
  while (size < hashes.length * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  hashes.forEach((h, i) => {
    let s = h & mask;
    while ((slots[s] as number) >= 0) s = (s + 1) & mask;
    slots[s] = i;
  });
  return slots;
}

/** The columns of one stored part of a checkpoint, as the writer builds them. */
export interface LayerColumns {
  types: string[];
  typeIndex: Uint16Array;
  /** Ids and states as UTF-8, concatenated, with each one's end offset in bytes. */
  ids: Buffer;
  idEnds: Uint32Array;
  states: Buffer;
  stateEnds: Uint32Array;
  deleted: Uint8Array;
  lastSeq: Float64Array;
  hashes: Uint32Array;
  slots: Int32Array;
}

/** Where a layer reads its columns from: the keyframe file, or memory (tests). */
export interface PartSource {
  types: string[];
  count: number;
  /** A whole column's bytes. */
  column(name: PartColumn): Buffer;
  /** Bytes [start, end) of the ids or the states. */
  range(name: 'ids' | 'states', start: number, end: number): Buffer;
}

/** A part held in memory, as {@link packPart} builds it. */
export function memoryPart(c: LayerColumns): PartSource {
  const bytes = (name: PartColumn): Buffer => {
    const v = c[name];
    return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  };
  return {
    types: c.types,
    count: c.typeIndex.length,
    column: bytes,
    range: (name, start, end) => bytes(name).subarray(start, end),
  };
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/**
 * One stored part of a checkpoint, read as it is used: a lookup loads the part's hash
 * table, and an entity's id and state are read when something asks for them. A seek over
 * a world of a million entities thus pays for the few thousand it folds events into, not
 * for the rest; listing the world reads every column once ({@link forEach}).
 */
export class KeyframeLayer implements StateText {
  private readonly prefixes: string[];
  private readonly loaded = new Map<PartColumn, Typed>();
  private ids: Buffer | undefined;
  private states: Buffer | undefined;

  constructor(private readonly source: PartSource) {
    this.prefixes = source.types.map((t) => entityKey(t, ''));
  }

  get count(): number {
    return this.source.count;
  }

  /** The memory its loaded columns hold. */
  get bytes(): number {
    let sum = (this.ids?.byteLength ?? 0) + (this.states?.byteLength ?? 0);
    for (const column of this.loaded.values()) sum += column.byteLength;
    return sum;
  }

  /** The index of the entity with this key (and hash), or -1. */
  find(key: string, hash: number): number {
    const slots = this.typed('slots', Int32Array);
    const hashes = this.typed('hashes', Uint32Array);
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const i = slots[s] as number;
      if (i < 0) return -1;
      if (hashes[i] === hash && this.keyAt(i) === key) return i;
    }
  }

  keyAt(i: number, id = this.idAt(i)): string {
    return (this.prefixes[this.typed('typeIndex', Uint16Array)[i] as number] as string) + id;
  }

  entity(i: number, id = this.idAt(i)): StoredEntityState {
    const ends = this.typed('stateEnds', Uint32Array);
    return new StoredEntityState(
      this.source.types[this.typed('typeIndex', Uint16Array)[i] as number] as string,
      id,
      this,
      i === 0 ? 0 : (ends[i - 1] as number),
      ends[i] as number,
      this.typed('deleted', Uint8Array)[i] === 1,
      this.typed('lastSeq', Float64Array)[i] as number,
    );
  }

  /** Every entity of the part with its key, its ids and states read whole once. */
  forEach(visit: (key: string, entity: StoredEntityState) => void): void {
    this.ids ??= this.source.column('ids');
    this.states ??= this.source.column('states');
    for (let i = 0; i < this.count; i++) {
      const id = this.idAt(i);
      visit(this.keyAt(i, id), this.entity(i, id));
    }
  }

  /** The text of a state (StateText), from the loaded states or read on its own. */
  text(start: number, end: number): string {
    if (this.states) return this.states.toString('utf8', start, end);
    return this.source.range('states', start, end).toString('utf8');
  }

  private idAt(i: number): string {
    const ends = this.typed('idEnds', Uint32Array);
    const start = i === 0 ? 0 : (ends[i - 1] as number);
    const end = ends[i] as number;
    if (this.ids) return this.ids.toString('utf8', start, end);
    return this.source.range('ids', start, end).toString('utf8');
  }

  private typed<T extends Typed>(
    name: PartColumn,
    Kind: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
  ): T {
    let found = this.loaded.get(name) as T | undefined;
    if (!found) {
      let b: Uint8Array = this.source.column(name);
      // The file keeps columns 8-byte aligned; a copy (at offset 0) covers any buffer that is not.
      if (b.byteOffset % Kind.BYTES_PER_ELEMENT !== 0) b = new Uint8Array(b);
      found = new Kind(b.buffer, b.byteOffset, b.byteLength / Kind.BYTES_PER_ELEMENT);
      this.loaded.set(name, found);
    }
    return found;
  }
}
