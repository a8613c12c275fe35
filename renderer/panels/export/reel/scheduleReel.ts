import type { ReelAnnotation, ReelSegment } from './planReel.js';

/** How long the reel lasts: a total duration (title cards included), or a replay speed. */
export interface ReelTiming {
  fps: number;
  /** Total seconds of video; each segment gets an equal share (after its title card). */
  durationS?: number | undefined;
  /** Event time per video time (0.1x–100x); the duration follows from the segments' lengths. */
  speed?: number | undefined;
  /** Seconds of title card before each segment (default 2; less when the reel is short). */
  titleS?: number | undefined;
}

export interface ScheduledSegment extends ReelSegment {
  titleFrames: number;
  playFrames: number;
  /** Event milliseconds per video millisecond while this segment plays. */
  eventPerVideoMs: number;
}

export interface ReelSchedule {
  segments: ScheduledSegment[];
  totalFrames: number;
  durationS: number;
}

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** A reel longer than this is a mistake (a slow speed over a long range), not a request. */
export const MAX_REEL_S = 600;
/** Without a title card this long (at most a quarter of a short reel), a segment starts cold. */
const TITLE_S = 2;

export class ReelPlanError extends Error {}

/**
 * Frames per segment: the title card, then the segment played at a steady speed so that it
 * fills its share exactly. Frame counts are whole, so the file's duration is exactly
 * totalFrames / fps.
 */
export function scheduleReel(segments: readonly ReelSegment[], timing: ReelTiming): ReelSchedule {
  const fps = timing.fps;
  if (!(Number.isInteger(fps) && fps >= 1 && fps <= 120))
    throw new ReelPlanError('fps: expected a whole number from 1 to 120');
  const n = segments.length;
  if (n === 0) throw new ReelPlanError('nothing to render: no time range was chosen');
  const titleWanted = Math.round((timing.titleS ?? TITLE_S) * fps);
  let out: ScheduledSegment[];
  if (timing.durationS !== undefined) {
    const d = timing.durationS;
    if (!(d > 0 && d <= MAX_REEL_S))
      throw new ReelPlanError(`duration: expected seconds from 0 to ${MAX_REEL_S}`);
    const total = Math.round(d * fps);
    const titleFrames = Math.min(titleWanted, Math.floor((0.25 * total) / n));
    const pool = total - n * titleFrames;
    if (pool < n) throw new ReelPlanError(`duration: ${d} s is too short for ${n} segments at ${fps} fps`);
    out = segments.map((s, i) => {
      const playFrames = Math.floor(pool / n) + (i < pool % n ? 1 : 0);
      return {
        ...s,
        titleFrames,
        playFrames,
        eventPerVideoMs: (s.to - s.from) / ((playFrames * 1000) / fps),
      };
    });
  } else {
    const speed = timing.speed ?? 1;
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
      throw new ReelPlanError(`speed: expected ${MIN_SPEED}x to ${MAX_SPEED}x`);
    }
    out = segments.map((s) => ({
      ...s,
      titleFrames: titleWanted,
      playFrames: Math.max(1, Math.ceil(((s.to - s.from) / speed / 1000) * fps)),
      eventPerVideoMs: speed,
    }));
  }
  const totalFrames = out.reduce((sum, s) => sum + s.titleFrames + s.playFrames, 0);
  if (totalFrames / fps > MAX_REEL_S) {
    throw new ReelPlanError(
      `at this speed the reel would last ${Math.round(totalFrames / fps / 60)} min (at most ${MAX_REEL_S / 60}): raise the speed or give a duration`,
    );
  }
  return { segments: out, totalFrames, durationS: totalFrames / fps };
}

/** Event time shown by play frame `j` (0-based) of a segment: the last one shows its end. */
export function frameTime(segment: ScheduledSegment, j: number): number {
  return segment.from + ((j + 1) / segment.playFrames) * (segment.to - segment.from);
}

/**
 * The annotations a frame at event time `t` captions: ranges that cover it, and points within
 * `pointHalfMs` of it (a point would otherwise flash by in one frame at speed). Earliest first.
 */
export function captionsAt(
  annotations: readonly ReelAnnotation[],
  t: number,
  pointHalfMs: number,
  max = 3,
): string[] {
  const out: { at: number; text: string }[] = [];
  for (const a of annotations) {
    const at = Date.parse(a.at);
    const to = a.to === undefined ? NaN : Date.parse(a.to);
    const covers = Number.isFinite(to) && to > at ? t >= at && t <= to : Math.abs(t - at) <= pointHalfMs;
    if (covers) out.push({ at, text: a.text });
  }
  return out
    .sort((x, y) => x.at - y.at)
    .slice(0, max)
    .map((c) => c.text);
}
