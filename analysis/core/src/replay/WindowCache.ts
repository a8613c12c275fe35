import type { TimeIndex } from './Clock.js';
import type { EventBatch, ReplayEvent, ReplaySource } from './types.js';

export interface WindowCacheOptions {
  /** Events per window (default 5,000). */
  windowSize?: number;
  /** Windows fetched ahead of the playhead in the direction of play (default 2). */
  ahead?: number;
  /** Bytes of windows (as they travelled) kept before those behind the playhead are dropped (default 32 MiB). */
  budgetBytes?: number;
}

/**
 * The events around the playhead, in windows aligned to multiples of the window size (window
 * k holds seq k·W to k·W + W - 1), fetched ahead of the playhead and dropped behind it when
 * over the memory budget. It is also the clock's {@link TimeIndex}: it answers for the events
 * it holds and says "not loaded" (null) for the rest.
 */
export class WindowCache implements TimeIndex {
  readonly windowSize: number;
  readonly ahead: number;
  readonly budgetBytes: number;
  private readonly windows = new Map<number, EventBatch>();
  private readonly pending = new Map<number, Promise<EventBatch>>();
  private readonly pinned = new Set<number>();
  private bytes = 0;
  private start: number | null = null;
  private end: number | null = null;
  /** Seq of the archive's last event, once a window has reached it. */
  lastSeq: number | null = null;
  /** A prefetch that failed (reported once, then retried on the next request). */
  lastError: unknown = null;

  constructor(
    private readonly source: ReplaySource,
    options: WindowCacheOptions = {},
  ) {
    this.windowSize = Math.max(1, Math.floor(options.windowSize ?? 5000));
    this.ahead = Math.max(0, Math.floor(options.ahead ?? 2));
    this.budgetBytes = options.budgetBytes ?? 32 * 1024 * 1024;
  }

  get startTime(): number {
    return this.start ?? 0;
  }
  get endTime(): number | null {
    return this.end;
  }
  /** Bytes of the windows held now. */
  get heldBytes(): number {
    return this.bytes;
  }
  get heldWindows(): number {
    return this.windows.size;
  }

  windowOf(seq: number): number {
    return Math.floor(seq / this.windowSize);
  }

  /** Window k, fetched when not held (concurrent requests share one fetch). */
  async load(k: number): Promise<EventBatch> {
    const held = this.windows.get(k);
    if (held) return held;
    let pending = this.pending.get(k);
    if (!pending) {
      pending = this.source.window(k * this.windowSize, this.windowSize).then(
        (batch) => {
          this.pending.delete(k);
          this.hold(k, batch);
          return batch;
        },
        (err: unknown) => {
          this.pending.delete(k);
          throw err;
        },
      );
      this.pending.set(k, pending);
    }
    return pending;
  }

  /** Every window covering seqs [from, to]. */
  async loadRange(from: number, to: number): Promise<void> {
    const ks: number[] = [];
    for (let k = this.windowOf(Math.max(0, from)); k <= this.windowOf(Math.max(0, to)); k++) ks.push(k);
    await Promise.all(ks.map((k) => this.load(k)));
  }

  /** Keeps window k whatever the budget (a loop's start). */
  pin(k: number): void {
    this.pinned.add(k);
  }
  unpin(): void {
    this.pinned.clear();
  }

  /**
   * Fetches the windows ahead of `seq` in `direction` that are not held, then drops windows
   * behind it (farthest first) while over budget. Never waits: errors land in `lastError`.
   */
  prefetch(seq: number, direction: 1 | -1): void {
    const here = this.windowOf(Math.max(0, seq));
    for (let d = 0; d <= this.ahead; d++) {
      const k = here + d * direction;
      if (k < 0 || (this.lastSeq !== null && k > this.windowOf(this.lastSeq))) break;
      if (!this.windows.has(k) && !this.pending.has(k)) {
        this.load(k).catch((err: unknown) => (this.lastError = err));
      }
    }
    this.evict(here, direction);
  }

  private evict(here: number, direction: 1 | -1): void {
    if (this.bytes <= this.budgetBytes) return;
    const behind = [...this.windows.keys()]
      .filter((k) => !this.pinned.has(k) && (k - here) * direction < 0)
      .sort((a, b) => Math.abs(b - here) - Math.abs(a - here));
    for (const k of behind) {
      if (this.bytes <= this.budgetBytes) break;
      this.bytes -= this.windows.get(k)?.bytes ?? 0;
      this.windows.delete(k);
    }
  }

  event(seq: number): ReplayEvent | undefined {
    const batch = this.windows.get(this.windowOf(seq));
    if (!batch) return undefined;
    const { events } = batch;
    const direct = events[seq - batch.fromSeq];
    if (direct?.seq === seq) return direct;
    // A filtered batch (a branch that drops events) is searched.
    let lo = 0;
    let hi = events.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = (events[mid] as ReplayEvent).seq;
      if (s === seq) return events[mid];
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** True when every event of (after, upTo] is held. */
  holds(after: number, upTo: number): boolean {
    for (let k = this.windowOf(Math.max(0, after + 1)); k <= this.windowOf(Math.max(0, upTo)); k++) {
      if (!this.windows.has(k)) return false;
    }
    return true;
  }

  timeOf(seq: number): number | null {
    return this.event(seq)?.ts ?? null;
  }

  seqAt(time: number): number | null {
    if (this.start !== null && time < this.start) return -1;
    if (this.end !== null && this.lastSeq !== null && time >= this.end) return this.lastSeq;
    for (const batch of this.windows.values()) {
      const { events } = batch;
      const first = events[0];
      const last = events[events.length - 1];
      if (!first || !last || time < first.ts) continue;
      const next = this.windows.get(this.windowOf(batch.toSeq + 1))?.events[0];
      // The answer is in this window only if the next event (which may be in the next window) is later.
      if (time >= last.ts && !(next ? time < next.ts : batch.done)) continue;
      let lo = 0;
      let hi = events.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((events[mid] as ReplayEvent).ts <= time) lo = mid;
        else hi = mid - 1;
      }
      return (events[lo] as ReplayEvent).seq;
    }
    return null;
  }

  private hold(k: number, batch: EventBatch): void {
    if (this.windows.has(k)) return;
    this.windows.set(k, batch);
    this.bytes += batch.bytes;
    const first = batch.events[0];
    if (k === 0 && first) this.start = first.ts;
    if (batch.done) {
      this.lastSeq = batch.toSeq;
      const last = batch.events[batch.events.length - 1];
      this.end = last ? last.ts : this.start;
    }
  }
}
