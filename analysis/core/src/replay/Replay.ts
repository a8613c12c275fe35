import { parseTimeSpec } from '../timeSpec.js';
import { Clock } from './Clock.js';
import type { ClockOptions, FrameStep } from './Clock.js';
import { layoutFor } from './layouts.js';
import type { CityOptions, Layout } from './layouts.js';
import type { ReplaySource } from './types.js';
import { WindowCache } from './WindowCache.js';
import type { WindowCacheOptions } from './WindowCache.js';
import { World } from './World.js';
import type { WorldOptions } from './World.js';

export interface ReplayOptions extends WindowCacheOptions, WorldOptions, ClockOptions {
  layout?: Layout;
  city?: CityOptions;
  /**
   * Moving forwards by more events than this (or back past the undo records) loads a
   * keyframe instead of applying events one by one (default 20,000).
   */
  seekThreshold?: number;
  /** Wall time a glide takes at any speed (default 400 ms). */
  glideWallMs?: number;
}

/** What one frame did: the world's seq and the instances to upload. */
export interface FrameResult {
  seq: number;
  time: number;
  changes: readonly number[];
  /** The world is behind the playhead: a keyframe or window is on its way. */
  waiting: boolean;
  ended: boolean;
}

/**
 * The replay engine: a source of windows and keyframes, the world, and the clock, joined.
 * `frame()` is synchronous (the studio calls it from requestAnimationFrame): it moves the
 * world only with events already held and starts whatever fetch it is missing; `goTo()` is
 * the awaitable form for headless use. Every event between two frames is applied (never
 * skipped); only drawing happens once per frame.
 */
export class Replay {
  readonly world: World;
  readonly clock: Clock;
  readonly windows: WindowCache;
  private readonly seekThreshold: number;
  private readonly glideWallMs: number;
  private catchingUp: Promise<void> | null = null;
  /** The last failure of a background fetch or seek (the studio shows it). */
  error: unknown = null;

  private constructor(
    readonly source: ReplaySource,
    options: ReplayOptions,
  ) {
    this.windows = new WindowCache(source, options);
    this.world = new World(options.layout ?? layoutFor(source.system, options.city), options);
    this.clock = new Clock(this.windows, options);
    this.seekThreshold = options.seekThreshold ?? 20_000;
    this.glideWallMs = options.glideWallMs ?? 400;
  }

  /** A replay before the first event, with the first window held (it gives the start time). */
  static async open(source: ReplaySource, options: ReplayOptions = {}): Promise<Replay> {
    const replay = new Replay(source, options);
    await replay.windows.load(0);
    replay.world.load(-1, [], replay.windows.startTime - 1);
    replay.clock.sync(-1, replay.windows.startTime - 1);
    return replay;
  }

  /** One frame: advances the clock by `wallMs` and brings the world to the playhead. */
  frame(wallMs: number): FrameResult {
    return this.render(this.clock.advance(wallMs));
  }

  /** One frame from a step a driver took ({@link WallClockDriver}, {@link FrameDriver}). */
  render(step: FrameStep): FrameResult {
    this.world.beginFrame();
    this.world.travelMs = this.glideWallMs * this.clock.speed * this.clock.rate;
    const target = step.to;
    let waiting = step.buffering;
    if (this.catchingUp === null && !this.moveHeld(target)) {
      waiting = true;
      this.catchingUp = this.goTo(target)
        .catch((err: unknown) => {
          this.error = err;
        })
        .finally(() => (this.catchingUp = null));
    } else if (this.catchingUp !== null) waiting = true;
    this.world.animate(step.time);
    this.windows.prefetch(Math.max(0, this.world.seq), this.clock.direction);
    if (this.windows.lastError) {
      this.error = this.windows.lastError;
      this.windows.lastError = null;
    }
    return {
      seq: this.world.seq,
      time: step.time,
      changes: this.world.changes(),
      waiting,
      ended: step.ended,
    };
  }

  /**
   * Brings the world to just after event `seq`, fetching what it needs: forwards by applying,
   * backwards by un-applying, and by a keyframe when that is shorter or the undo records do
   * not reach. The clock follows.
   */
  async goTo(seq: number): Promise<void> {
    const last = this.windows.lastSeq;
    const target = Math.max(-1, last === null ? seq : Math.min(seq, last));
    const world = this.world;
    const floor = world.undoFloor;
    const forward = target >= world.seq && target - world.seq <= this.seekThreshold;
    const backward = target < world.seq && floor !== null && target >= floor;
    if (forward) {
      // Window by window, so a long run holds no more than the memory budget allows.
      const size = this.windows.windowSize;
      for (let k = this.windows.windowOf(world.seq + 1); k <= this.windows.windowOf(target); k++) {
        await this.windows.load(k);
        this.moveHeld(Math.min(target, (k + 1) * size - 1));
        this.windows.prefetch(world.seq, 1);
      }
    } else if (backward) await this.windows.loadRange(target, world.seq);
    if (!((forward || backward) && this.moveHeld(target))) await this.seek(target);
    const time = target < 0 ? this.windows.startTime - 1 : (this.windows.timeOf(target) ?? this.clock.time);
    this.clock.sync(world.seq, time);
  }

  /** Loads the keyframe at `seq` and the events from there up to it. */
  async seek(seq: number): Promise<void> {
    if (seq < 0) {
      this.world.load(-1, [], this.windows.startTime - 1);
      return;
    }
    const keyframe = await this.source.keyframe(`seq:${seq}`);
    // The keyframe's own event is held too: the clock reads its time.
    await this.windows.loadRange(Math.max(0, keyframe.seq), seq);
    this.world.load(keyframe.seq, keyframe.entities, this.windows.timeOf(keyframe.seq) ?? this.clock.time);
    this.moveHeld(seq);
  }

  /** Seeks to an ISO 8601 time or `seq:N` (the keyframe resolves it) and puts the clock there. */
  async seekTo(at: string): Promise<void> {
    const keyframe = await this.source.keyframe(at);
    await this.windows.loadRange(Math.max(0, keyframe.seq), keyframe.seq + 1);
    this.world.load(keyframe.seq, keyframe.entities, this.windows.timeOf(keyframe.seq) ?? this.clock.time);
    const spec = parseTimeSpec(at, 'at');
    const time = spec.kind === 'time' ? spec.epochMs : this.windows.timeOf(keyframe.seq);
    this.clock.sync(keyframe.seq, time ?? this.windows.startTime - 1);
  }

  /**
   * Loops [from, to] (event times, ms). The window where the loop starts is fetched and kept
   * whatever the memory budget, so wrapping around never waits for it.
   */
  async setLoop(range: { from: number; to: number } | null): Promise<void> {
    this.clock.setLoop(range);
    this.windows.unpin();
    if (!range) return;
    const held = this.windows.seqAt(range.from);
    const seq = held ?? (await this.source.keyframe(new Date(range.from).toISOString())).seq;
    // The window of the loop's first event and the one before it (whose last event may be the
    // one in force at the loop's first instant).
    const k = this.windows.windowOf(Math.max(0, seq));
    for (const w of k > 0 ? [k - 1, k] : [k]) {
      await this.windows.load(w);
      this.windows.pin(w);
    }
  }

  /** Moves the world with held events only; false when something it needs is not held. */
  private moveHeld(target: number): boolean {
    const world = this.world;
    if (target > world.seq) {
      if (target - world.seq > this.seekThreshold || !this.windows.holds(world.seq, target)) return false;
      for (let s = world.seq + 1; s <= target; s++) {
        const event = this.windows.event(s);
        if (event) world.apply(event);
      }
      world.seq = target;
      return true;
    }
    if (target === world.seq) return true;
    const floor = world.undoFloor;
    if (floor === null || floor > target) return false;
    // Records hold the seq of each applied event: un-apply those after the target only.
    while ((world.lastApplied ?? -1) > target) world.unapply(this.clock.time);
    world.seq = target;
    return true;
  }
}
