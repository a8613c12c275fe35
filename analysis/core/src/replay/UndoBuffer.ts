import type { EntityState } from '../state/types.js';

/** What one applied event replaced: enough to put the world back exactly as it was. */
export interface UndoRecord {
  /** The event's seq, and the world's seq before it. */
  seq: number;
  prevSeq: number;
  /** Instance indices the event changed, with their states before (undefined: absent). */
  indices: number[];
  prev: (EntityState | undefined)[];
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

  push(record: UndoRecord): void {
    this.ring[this.head] = record;
    this.head = (this.head + 1) % this.ring.length;
    if (this.size_ < this.ring.length) this.size_++;
  }

  pop(): UndoRecord | undefined {
    if (this.size_ === 0) return undefined;
    this.head = (this.head - 1 + this.ring.length) % this.ring.length;
    this.size_--;
    const record = this.ring[this.head];
    this.ring[this.head] = undefined;
    return record;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.head = 0;
    this.size_ = 0;
  }
}
