import type { EntityState } from '../state/types.js';

/** What one applied event replaced: enough to put the world back exactly as it was. */
export interface UndoRecord {
  /** The event's seq, and the world's seq before it. */
  seq: number;
  prevSeq: number;
  /**
   * The first instance the event changed (-1: none) and its state before (undefined:
   * absent); `more` the others, for the few events that change several (a battle). One
   * object per event: applying millions a second, allocation is the cost that counts.
   */
  index: number;
  prev: EntityState | undefined;
  more: { index: number; prev: EntityState | undefined }[] | null;
  /** The actor instance that walked (-1: none) and where it was heading before. */
  actor: number;
  actorPrevTarget: number;
}

/**
 * The last `capacity` applied events' undo records, in a ring: un-applying is exact and
 * costs what applying did. States are immutable values, so a record holds references, not
 * copies. Going back further than the ring reaches is a seek (keyframe, then forwards).
 */
export class UndoBuffer {
  private readonly ring: (UndoRecord | undefined)[];
  private head = 0;
  private size_ = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<UndoRecord | undefined>(Math.max(1, capacity));
  }

  get size(): number {
    return this.size_;
  }

  /** The earliest seq the world can be un-applied back to (its prevSeq), or null when empty. */
  get floor(): number | null {
    if (this.size_ === 0) return null;
    const first = (this.head - this.size_ + this.ring.length) % this.ring.length;
    return (this.ring[first] as UndoRecord).prevSeq;
  }

  /** The last record pushed (the event un-applying would undo next). */
  peek(): UndoRecord | undefined {
    if (this.size_ === 0) return undefined;
    return this.ring[(this.head - 1 + this.ring.length) % this.ring.length];
  }

  /**
   * The record for the next applied event, to be filled in: the ring's slot objects are
   * reused, so applying allocates no record once the ring has gone round.
   */
  push(seq: number, prevSeq: number): UndoRecord {
    let record = this.ring[this.head];
    if (record) {
      record.seq = seq;
      record.prevSeq = prevSeq;
      record.index = -1;
      record.prev = undefined;
      record.more = null;
      record.actor = -1;
      record.actorPrevTarget = -1;
    } else {
      record = { seq, prevSeq, index: -1, prev: undefined, more: null, actor: -1, actorPrevTarget: -1 };
      this.ring[this.head] = record;
    }
    this.head = (this.head + 1) % this.ring.length;
    if (this.size_ < this.ring.length) this.size_++;
    return record;
  }

  /** The last record, taken off the ring; valid until the next push. */
  pop(): UndoRecord | undefined {
    if (this.size_ === 0) return undefined;
    this.head = (this.head - 1 + this.ring.length) % this.ring.length;
    this.size_--;
    return this.ring[this.head];
  }

  clear(): void {
    // Drops the states the records hold, so a seek frees the world it left.
    this.ring.fill(undefined);
    this.head = 0;
    this.size_ = 0;
  }
}
