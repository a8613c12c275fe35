import type { Rng } from './rng.js';

/** Relative activity per hour of day (UTC): quiet nights, a morning ramp, a lunch dip. */
export const OFFICE_HOURS: readonly number[] = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25, 0.6, 1.0, 1.0, 0.95, 0.9, 0.7, 0.85, 0.95, 0.9, 0.8, 0.6, 0.4,
  0.3, 0.22, 0.15, 0.1, 0.07,
];
/** Relative activity per weekday, Sunday first. */
export const WORK_WEEK: readonly number[] = [0.25, 1, 1, 1, 1, 0.9, 0.3];

const HOUR_MS = 3_600_000;

/**
 * Draws increasing timestamps whose rate follows a daily and weekly rhythm, by thinning a
 * Poisson process: deterministic for a given Rng, and O(1) memory however many events.
 */
export class ActivityClock {
  private now: number;
  private readonly peakMeanGapMs: number;

  constructor(
    private readonly rng: Rng,
    startMs: number,
    eventsPerDay: number,
    private readonly hours: readonly number[] = OFFICE_HOURS,
    private readonly week: readonly number[] = WORK_WEEK,
  ) {
    this.now = startMs;
    const dayWeight = hours.reduce((a, b) => a + b, 0) / 24;
    const weekWeight = week.reduce((a, b) => a + b, 0) / 7;
    this.peakMeanGapMs = (86_400_000 / eventsPerDay) * dayWeight * weekWeight;
  }

  get current(): number {
    return this.now;
  }

  /** The next event time, strictly after the previous one (at least 1 ms later). */
  next(): number {
    for (;;) {
      this.now += Math.max(1, Math.round(this.rng.exp(this.peakMeanGapMs)));
      if (this.rng.next() < this.weightAt(this.now)) return this.now;
    }
  }

  /** Moves the clock forward, as when a planted incident happened in between. */
  advanceTo(ms: number): void {
    if (ms > this.now) this.now = ms;
  }

  weightAt(ms: number): number {
    const date = new Date(ms);
    return (this.hours[date.getUTCHours()] ?? 1) * (this.week[date.getUTCDay()] ?? 1);
  }
}

export function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) % 24;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
