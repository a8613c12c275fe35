import { create } from 'zustand';
import { MAX_SPEED, MIN_SPEED, Replay, WallClockDriver } from '../../analysis/core/src/index.js';
import type { AnalysisClient, ArchiveInfo, FrameResult } from '../../analysis/core/src/index.js';
import { publishFrame } from '../viewport/frameBus.js';
import { studioReplaySource } from './studioReplaySource.js';
import { replayProfile } from '../viewport/frameProfile.js';
import { isoOf } from './format.js';
import { useStudio } from './studioStore.js';
import type { Playhead } from './studioStore.js';
import { errorText } from './useCall.js';

/** Event-time range (ms since the epoch) played over and over. */
export interface LoopRange {
  from: number;
  to: number;
}

export const SPEED_PRESETS = [0.1, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export interface ReplayState {
  /** The replay of the open archive (null until opened, or with no archive). */
  replay: Replay | null;
  archiveId: string | null;
  opening: boolean;
  error: string | null;
  playing: boolean;
  direction: 1 | -1;
  speed: number;
  loop: LoopRange | null;
  /** The actor the camera follows (null: free camera). */
  follow: string | null;
  /** Gaps of event time longer than this are jumped while playing (null: play every second). */
  skipQuietSeconds: number | null;
  /** Playhead of the replay: event time (ms) and the last applied seq. */
  time: number;
  seq: number;
  /** The world waits for a window or keyframe. */
  waiting: boolean;
  /** Bumps on every drawn frame: the current frame's change set version. */
  version: number;

  open(client: AnalysisClient, archive: ArchiveInfo): Promise<void>;
  close(): void;
  play(): void;
  pause(): void;
  toggle(): void;
  reverse(): void;
  setDirection(direction: 1 | -1): void;
  /** Clamped to [0.1, 100]; returns the speed set. */
  setSpeed(speed: number): number;
  faster(): void;
  slower(): void;
  stepForward(): Promise<void>;
  stepBack(): Promise<void>;
  /** Moves the playhead to just after event `seq` (at `atMs` when given: a click between events). */
  seekSeq(seq: number, atMs?: number): Promise<void>;
  /** An ISO time or `seq:N` (a deep link). */
  seekTo(at: string): Promise<void>;
  setLoop(range: LoopRange | null): void;
  setFollow(actor: string | null): void;
  setSkipQuiet(seconds: number | null): void;
}

let raf = 0;
let driver: WallClockDriver | null = null;
let published: Playhead | null = null;
let lastPublishMs = 0;
let seekToken = 0;
const PUBLISH_EVERY_MS = 200;

export const useReplay = create<ReplayState>((set, get) => {
  /** Re-reads the clock into the store and draws a frame (the loop keeps going while playing). */
  const kick = (): void => {
    if (raf === 0 && typeof requestAnimationFrame === 'function') raf = requestAnimationFrame(tick);
  };

  const tick = (now: number): void => {
    raf = 0;
    const replay = get().replay;
    if (!replay) return;
    driver ??= new WallClockDriver(replay.clock);
    skipQuiet(replay, get().skipQuietSeconds);
    const t0 = performance.now();
    const frame = replay.render(driver.tick(now));
    const t1 = performance.now();
    publishFrame(replay, frame);
    replayProfile.add(t1 - t0, performance.now() - t1);
    afterFrame(replay, frame);
    if (replay.clock.playing || frame.waiting) kick();
  };

  const afterFrame = (replay: Replay, frame: FrameResult): void => {
    const clock = replay.clock;
    set((s) => ({
      playing: clock.playing,
      time: clock.time,
      seq: replay.world.seq,
      waiting: frame.waiting,
      error: replay.error ? errorText(replay.error) : s.error,
      version: s.version + 1,
    }));
    const now = performance.now();
    if (!clock.playing || now - lastPublishMs >= PUBLISH_EVERY_MS) {
      lastPublishMs = now;
      publishPlayhead(replay, !clock.playing && !frame.waiting);
    }
  };

  const withReplay = (fn: (replay: Replay) => void): void => {
    const replay = get().replay;
    if (!replay) return;
    fn(replay);
    set({ playing: replay.clock.playing, direction: replay.clock.direction, speed: replay.clock.speed });
    kick();
  };

  const step = async (delta: 1 | -1): Promise<void> => {
    const replay = get().replay;
    if (!replay) return;
    const moved = delta > 0 ? replay.clock.stepForward() : replay.clock.stepBack();
    set({ playing: false });
    if (!moved) {
      const target = replay.world.seq + delta;
      if (target < -1 || (replay.windows.lastSeq !== null && target > replay.windows.lastSeq)) return;
      await replay.goTo(target);
    }
    kick();
  };

  return {
    replay: null,
    archiveId: null,
    opening: false,
    error: null,
    playing: false,
    direction: 1,
    speed: 1,
    loop: null,
    follow: null,
    skipQuietSeconds: null,
    time: 0,
    seq: -1,
    waiting: false,
    version: 0,

    async open(client, archive) {
      if (get().archiveId === archive.id && (get().replay || get().opening)) return;
      get().close();
      set({ archiveId: archive.id, opening: true, error: null });
      // Where the user was when the archive opened: a deep link (`?t=`) applies, and shows the
      // replay, only if they have not moved the playhead or gone to another panel meanwhile.
      const panelAtOpen = useStudio.getState().activePanel;
      const playheadAtOpen = useStudio.getState().playhead;
      try {
        const replay = await Replay.open(studioReplaySource(client, archive), {
          city: { entityTypes: Object.keys(archive.entityTypes).sort() },
        });
        if (get().archiveId !== archive.id) return;
        const link = useStudio.getState().playhead === playheadAtOpen ? deepLink() : null;
        const target = useStudio.getState().playhead;
        if (link) await replay.seekTo(link);
        else {
          await replay.goTo(target.seq);
          if (target.at) replay.clock.seekTime(Date.parse(target.at));
        }
        if (get().archiveId !== archive.id) return;
        published = null;
        set({ replay, opening: false, playing: false, direction: 1, speed: replay.clock.speed, loop: null });
        if (link && useStudio.getState().activePanel === panelAtOpen)
          useStudio.getState().openPanel('replay');
        // A playhead moved while the world loaded (a click, an annotation's jump) is not lost.
        const now = useStudio.getState().playhead;
        if (now !== playheadAtOpen && now !== target)
          void get().seekSeq(now.seq, now.at ? Date.parse(now.at) : undefined);
        kick();
      } catch (error) {
        if (get().archiveId === archive.id) set({ opening: false, error: errorText(error) });
      }
    },
    close() {
      if (raf !== 0) cancelAnimationFrame(raf);
      raf = 0;
      driver = null;
      seekToken++;
      set({
        replay: null,
        archiveId: null,
        opening: false,
        playing: false,
        follow: null,
        loop: null,
        seq: -1,
      });
    },
    play: () =>
      withReplay((r) => {
        // A fresh driver: the pause does not count as elapsed time.
        driver = new WallClockDriver(r.clock);
        const end = r.windows.lastSeq;
        if (r.clock.direction > 0 && end !== null && r.world.seq >= end && !r.clock.loop) return;
        r.clock.play();
      }),
    pause: () => withReplay((r) => r.clock.pause()),
    toggle: () => (get().playing ? get().pause() : get().play()),
    reverse: () => withReplay((r) => r.clock.reverse()),
    setDirection: (direction) => withReplay((r) => r.clock.setDirection(direction)),
    setSpeed(speed) {
      const clamped = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
      get().replay?.clock.setSpeed(clamped);
      set({ speed: clamped });
      return clamped;
    },
    faster: () => void get().setSpeed(nextPreset(get().speed, 1)),
    slower: () => void get().setSpeed(nextPreset(get().speed, -1)),
    stepForward: () => step(1),
    stepBack: () => step(-1),
    async seekSeq(seq, atMs) {
      const replay = get().replay;
      if (!replay) return;
      const token = ++seekToken;
      const clock = replay.clock;
      const moved = atMs !== undefined ? clock.seekTime(atMs) : clock.seekSeq(seq);
      if (!moved) {
        await replay.goTo(seq);
        if (token !== seekToken) return;
        if (atMs !== undefined) clock.seekTime(atMs);
      }
      kick();
    },
    async seekTo(at) {
      const replay = get().replay;
      if (!replay) return;
      ++seekToken;
      await replay.seekTo(at);
      kick();
    },
    setLoop(range) {
      get().replay?.clock.setLoop(range);
      set({ loop: range });
      kick();
    },
    setFollow: (follow) => set({ follow }),
    setSkipQuiet: (skipQuietSeconds) => set({ skipQuietSeconds }),
  };
});

/** The next speed preset above (1) or below (-1) the current speed. */
export function nextPreset(speed: number, way: 1 | -1): number {
  const presets: readonly number[] = SPEED_PRESETS;
  if (way > 0) return presets.find((p) => p > speed + 1e-9) ?? MAX_SPEED;
  return [...presets].reverse().find((p) => p < speed - 1e-9) ?? MIN_SPEED;
}

/**
 * While playing, a stretch with no event longer than the threshold is jumped: the playhead
 * lands half a second of wall time before the next event (after, playing backwards).
 */
function skipQuiet(replay: Replay, seconds: number | null): void {
  const clock = replay.clock;
  if (seconds === null || !clock.playing) return;
  const gap = seconds * 1000;
  const lead = Math.min(gap / 2, 500 * clock.speed * clock.rate);
  if (clock.direction > 0) {
    const next = replay.windows.timeOf(replay.world.seq + 1);
    if (next !== null && next - clock.time > gap) clock.seekTime(next - lead);
  } else if (replay.world.seq >= 0) {
    const prev = replay.windows.timeOf(replay.world.seq);
    if (prev !== null && clock.time - prev > gap) clock.seekTime(prev + lead);
  }
}

/** Tells every panel where the replay stands; when paused, the URL becomes a link to the moment. */
function publishPlayhead(replay: Replay, settled: boolean): void {
  const at = replay.world.seq < 0 ? null : isoOf(replay.clock.time);
  const current = useStudio.getState().playhead;
  const seq = Math.max(0, replay.world.seq);
  if (current.seq !== seq || current.at !== at) {
    published = { seq, at };
    useStudio.getState().setPlayhead(published);
  }
  if (settled && at) writeDeepLink(at);
}

const browserMode = (): boolean => /^https?:$/.test(globalThis.location?.protocol ?? '');

/** `?t=` of the page: an ISO time or `seq:N` (browser mode only). */
function deepLink(): string | null {
  if (!browserMode()) return null;
  const t = new URLSearchParams(globalThis.location.search).get('t');
  return t && (/^seq:\d+$/.test(t) || !Number.isNaN(Date.parse(t))) ? t : null;
}

function writeDeepLink(at: string): void {
  if (!browserMode()) return;
  const url = new URL(globalThis.location.href);
  if (url.searchParams.get('t') === at) return;
  url.searchParams.set('t', at);
  globalThis.history.replaceState(globalThis.history.state, '', url);
}

// The replay follows the studio: it opens with each archive, and a playhead moved elsewhere
// (a click on the timeline, a row of the events table) moves the replay there.
useStudio.subscribe((studio, prev) => {
  const replay = useReplay.getState();
  if (studio.archive !== prev.archive) {
    if (studio.archive && studio.client) void replay.open(studio.client, studio.archive);
    else replay.close();
    return;
  }
  if (studio.playhead === prev.playhead || studio.playhead === published) return;
  const { seq, at } = studio.playhead;
  void replay.seekSeq(seq, at ? Date.parse(at) : undefined);
});
