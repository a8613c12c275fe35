import { ChronoscopeError } from '../errors.js';

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

/**
 * What the clock knows of the timeline: the events it can see (the windows loaded around the
 * playhead). `seqAt` answers null when the time falls where nothing is loaded yet.
 */
export interface TimeIndex {
  /** The last event with ts <= time (-1 before the first event), or null when not loaded. */
  seqAt(time: number): number | null;
  /** The time of event `seq`, or null when not loaded. */
  timeOf(seq: number): number | null;
  /** The time of the first event of the archive. */
  readonly startTime: number;
  /** The time of the last event, once known (null until the last window has been seen). */
  readonly endTime: number | null;
}

/** What one frame must do to the world: bring it from seq `from` to seq `to` (either way). */
export interface FrameStep {
  from: number;
  to: number;
  /** Playhead time, ms since the epoch. */
  time: number;
  /** The playhead wrapped (loop) or was moved (seek, step) rather than played. */
  jumped: boolean;
  /** The playhead waits for events that are not loaded yet. */
  buffering: boolean;
  /** Playback stopped at an end of the timeline. */
  ended: boolean;
}

export interface ClockOptions {
  /** Event-time milliseconds per wall-clock millisecond at 1x (default 1: real time). */
  rate?: number;
}

/**
 * The replay clock: a playhead in event time that plays, pauses, reverses, runs at any speed
 * in [0.1, 100], steps one event, seeks and loops. Pure: it owns no timer; a driver feeds it
 * elapsed wall time, and each {@link advance} says which seq range the world must move by.
 */
export class Clock {
  private time_: number;
  private seq_ = -1;
  private applied = -1;
  private playing_ = false;
  private direction_: 1 | -1 = 1;
  private speed_ = 1;
  private loop_: { from: number; to: number } | null = null;
  private jumped = false;
  readonly rate: number;

  constructor(
    private readonly index: TimeIndex,
    options: ClockOptions = {},
  ) {
    this.rate = positive(options.rate ?? 1, 'rate');
    this.time_ = index.startTime - 1;
  }

  get time(): number {
    return this.time_;
  }
  get seq(): number {
    return this.seq_;
  }
  get playing(): boolean {
    return this.playing_;
  }
  get direction(): 1 | -1 {
    return this.direction_;
  }
  get speed(): number {
    return this.speed_;
  }
  get loop(): { from: number; to: number } | null {
    return this.loop_;
  }

  play(): void {
    this.playing_ = true;
  }
  pause(): void {
    this.playing_ = false;
  }
  /** Plays backwards (or forwards again). */
  setDirection(direction: 1 | -1): void {
    this.direction_ = direction;
  }
  reverse(): void {
    this.direction_ = this.direction_ === 1 ? -1 : 1;
  }

  /** Any speed is accepted and clamped to [0.1, 100]; returns the speed set. NaN is a bad argument. */
  setSpeed(speed: number): number {
    if (typeof speed !== 'number' || Number.isNaN(speed)) {
      throw new ChronoscopeError(
        'BAD_ARGUMENT',
        `speed: expected a number from ${MIN_SPEED} to ${MAX_SPEED}`,
      );
    }
    this.speed_ = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    return this.speed_;
  }

  /** Plays [from, to] (event times) over and over; null stops looping. */
  setLoop(range: { from: number; to: number } | null): void {
    if (range && !(Number.isFinite(range.from) && Number.isFinite(range.to) && range.to > range.from)) {
      throw new ChronoscopeError('BAD_ARGUMENT', 'loop: expected a time range with from < to');
    }
    this.loop_ = range ? { ...range } : null;
  }

  /** Moves the playhead to an event time; false when that part of the timeline is not loaded. */
  seekTime(time: number): boolean {
    const seq = this.index.seqAt(time);
    if (seq === null) return false;
    this.move(time, seq);
    return true;
  }

  /** Moves the playhead to just after event `seq`; false when its time is not loaded. */
  seekSeq(seq: number): boolean {
    const time = seq < 0 ? this.index.startTime - 1 : this.index.timeOf(seq);
    if (time === null) return false;
    this.move(time, seq);
    return true;
  }

  /** One event forwards (pauses playback); false at the end or when the next event is not loaded. */
  stepForward(): boolean {
    this.pause();
    const time = this.index.timeOf(this.seq_ + 1);
    if (time === null) return false;
    this.move(time, this.seq_ + 1);
    return true;
  }

  /** One event back (pauses playback); false before the first event. */
  stepBack(): boolean {
    this.pause();
    if (this.seq_ < 0) return false;
    return this.seekSeq(this.seq_ - 1);
  }

  /**
   * Advances the playhead by `wallMs` of wall time when playing, and returns the seq range the
   * world must move by since the last call (seeks and steps included).
   */
  advance(wallMs: number): FrameStep {
    let buffering = false;
    let ended = false;
    if (this.playing_ && wallMs > 0) {
      let next = this.time_ + this.direction_ * this.speed_ * this.rate * wallMs;
      const wrapped = this.wrap(next);
      if (wrapped !== null) {
        next = wrapped;
        this.jumped = true;
      } else {
        const end = this.index.endTime;
        if (this.direction_ < 0 && next <= this.index.startTime - 1) {
          next = this.index.startTime - 1;
          ended = true;
        } else if (this.direction_ > 0 && end !== null && next >= end) {
          next = end;
          ended = true;
        }
      }
      const seq = this.index.seqAt(next);
      if (seq === null) buffering = true;
      else {
        this.time_ = next;
        this.seq_ = seq;
      }
      if (ended) this.playing_ = false;
    }
    const step: FrameStep = {
      from: this.applied,
      to: this.seq_,
      time: this.time_,
      jumped: this.jumped,
      buffering,
      ended,
    };
    this.applied = this.seq_;
    this.jumped = false;
    return step;
  }

  /** Tells the clock the world is at `seq` (after a keyframe load), without a frame step. */
  sync(seq: number, time: number): void {
    this.seq_ = this.applied = seq;
    this.time_ = time;
  }

  private move(time: number, seq: number): void {
    this.time_ = time;
    this.seq_ = seq;
    this.jumped = true;
  }

  /** With a loop, a playhead that leaves the range re-enters it from the other end. */
  private wrap(next: number): number | null {
    const loop = this.loop_;
    if (!loop) return null;
    const length = loop.to - loop.from;
    if (this.direction_ > 0 && next > loop.to) return loop.from + ((next - loop.to) % length);
    if (this.direction_ < 0 && next < loop.from) return loop.to - ((loop.from - next) % length);
    return null;
  }
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new ChronoscopeError('BAD_ARGUMENT', `${name}: expected a positive number`);
  }
  return value;
}

/**
 * Drives a clock from wall time (`performance.now()` or requestAnimationFrame's timestamp).
 * A gap longer than `maxDtMs` (a hidden tab, a breakpoint) counts as `maxDtMs`, so the
 * playhead never leaps when the studio wakes up.
 */
export class WallClockDriver {
  private last: number | null = null;
  constructor(
    readonly clock: Clock,
    private readonly maxDtMs = 250,
  ) {}
  tick(nowMs: number): FrameStep {
    const dt = this.last === null ? 0 : Math.min(this.maxDtMs, Math.max(0, nowMs - this.last));
    this.last = nowMs;
    return this.clock.advance(dt);
  }
}

/** Drives a clock by a fixed wall time per frame: the same frames on every run (headless, video). */
export class FrameDriver {
  readonly dtMs: number;
  constructor(
    readonly clock: Clock,
    fps = 60,
  ) {
    this.dtMs = 1000 / positive(fps, 'fps');
  }
  tick(): FrameStep {
    return this.clock.advance(this.dtMs);
  }
}
