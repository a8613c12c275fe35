import type { Actor } from './actors.js';
import type { Platform } from './blockchainPlatform.js';
import type { EventBody } from './blockchainWallets.js';
import type { IncidentHandle, IncidentRecorder } from './incidentRecorder.js';
import type { Rng } from './rng.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** An event due at a known time: a follow-up of an earlier event, or part of an incident. */
export interface Pending {
  make: (serial: number) => EventBody;
  incident?: IncidentHandle;
}

/** A small time-ordered queue (ties keep insertion order); it never holds more than a few hundred items. */
export class TimedQueue<T> {
  private readonly items: { ms: number; order: number; value: T }[] = [];
  private counter = 0;

  push(ms: number, value: T): void {
    const item = { ms, order: this.counter++, value };
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.items[mid] as (typeof this.items)[number];
      if (other.ms < ms || (other.ms === ms && other.order < item.order)) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }

  /** The time of the first item, or Infinity when empty. */
  get headMs(): number {
    return this.items[0]?.ms ?? Infinity;
  }

  get size(): number {
    return this.items.length;
  }

  shift(): { ms: number; value: T } | undefined {
    return this.items.shift();
  }

  /** Drops every item due before `ms`: records that fell into a lost stretch of the log. */
  dropBefore(ms: number): void {
    let n = 0;
    while (n < this.items.length && (this.items[n] as (typeof this.items)[number]).ms < ms) n++;
    this.items.splice(0, n);
  }
}

/**
 * Plants the blockchain incidents at fixed fractions of the export, so that the same seed
 * always puts them at the same place: a self-granted role, a night-time burst of token
 * transfers, and a silent gap in the middle of a working day.
 */
export class BlockchainIncidents {
  private readonly grantAt: number;
  private readonly gapFrom: number;
  private readonly burstAt: number;
  private readonly burstSize: number;
  private granted = false;
  private drained = false;
  private gapDone = false;
  private gapHandle: IncidentHandle | null = null;

  constructor(
    private readonly rng: Rng,
    private readonly total: number,
    private readonly actors: readonly Actor[],
    private readonly platform: Platform,
    private readonly recorder: IncidentRecorder,
    private readonly gapMs: number,
  ) {
    this.grantAt = Math.max(2, Math.floor(total * 0.3));
    this.gapFrom = Math.floor(total * 0.45);
    this.burstAt = Math.max(3, Math.floor(total * 0.6));
    this.burstSize = Math.min(40, Math.max(8, Math.round(total * 0.0005)), Math.floor(total / 4));
  }

  /** Queues the incidents whose turn has come, before event number `serial` is written at or after `lastMs`. */
  schedule(serial: number, lastMs: number, queue: TimedQueue<Pending>): void {
    if (!this.granted && serial >= this.grantAt) {
      this.granted = true;
      this.planSelfGrant(lastMs, queue);
    }
    if (!this.drained && serial >= this.burstAt && this.burstSize >= 4) {
      this.drained = true;
      this.planNightBurst(lastMs, queue);
    }
  }

  private planSelfGrant(lastMs: number, queue: TimedQueue<Pending>): void {
    const actor = this.rankedMembers()[1] ?? this.rankedMembers()[0] ?? (this.actors[0] as Actor);
    const incident = this.recorder.open('privilege_self_grant', actor.id, ['privilege_change']);
    queue.push(lastMs + this.rng.int(1_000, 60_000), {
      make: () => this.platform.governance.selfGrant(actor),
      incident,
    });
  }

  /** The busiest member drains their wallet in small transfers to one new address between 02:00 and 03:00 UTC. */
  private planNightBurst(lastMs: number, queue: TimedQueue<Pending>): void {
    const actor = this.rankedMembers()[0] ?? (this.actors[0] as Actor);
    const incident = this.recorder.open('token_drain_at_night', actor.id, ['burst', 'off_hours']);
    const receiver = `user_ext_${this.rng.hex(6)}`;
    let at = Math.floor(lastMs / DAY_MS) * DAY_MS + 2 * HOUR_MS + this.rng.int(0, 20) * 60_000;
    if (at <= lastMs) at += DAY_MS;
    const share = Math.max(1, Math.floor(this.platform.wallets.balanceOf(actor.id) / (this.burstSize + 1)));
    for (let i = 0; i < this.burstSize; i++) {
      at += this.rng.int(4_000, 30_000);
      queue.push(at, { make: () => this.drain(actor.id, receiver, share), incident });
    }
  }

  private drain(from: string, to: string, share: number): EventBody {
    const amount = Math.min(share, Math.max(1, this.platform.wallets.balanceOf(from)));
    // Once the wallet is dry the attacker keeps sending single tokens: an overdraft the platform should have refused.
    return this.platform.wallets.move(from, to, amount);
  }

  /**
   * Whether the log falls silent after the clock time `ms`: once, past 45 % of the export, on a
   * weekday between 09:00 and 16:00 UTC when silence is least plausible (or past 80 % anyway).
   * Returns the length of the silence.
   */
  gapAfter(serial: number, ms: number): number {
    if (this.gapDone || serial < this.gapFrom) return 0;
    const date = new Date(ms);
    const busy =
      date.getUTCDay() >= 1 && date.getUTCDay() <= 5 && date.getUTCHours() >= 9 && date.getUTCHours() < 16;
    if (!busy && serial < this.total * 0.8) return 0;
    this.gapDone = true;
    this.gapHandle = this.recorder.open('log_gap', '*', ['time_gap']);
    return this.gapMs;
  }

  /** Records the two events either side of the gap, once the first one after it is written. */
  closeGap(beforeId: string, beforeMs: number, afterId: string, afterMs: number): void {
    this.gapHandle?.record(beforeId, beforeMs);
    this.gapHandle?.record(afterId, afterMs);
  }

  /** Members (no admin or moderator rights) by activity, busiest first. */
  private rankedMembers(): Actor[] {
    const members = this.actors.filter((a) => a.role === 'member');
    return (members.length > 0 ? members : this.actors.slice()).sort((a, b) => b.weight - a.weight);
  }
}
