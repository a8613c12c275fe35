import type { Rng } from './rng.js';

/*
 * Players of a game are busiest in the evening and at weekends, unlike the office rhythm of
 * rhythm.ts; the tables have the same shape (hour of day UTC, weekday from Sunday).
 */
export const GAMER_HOURS: readonly number[] = [
  0.55, 0.4, 0.28, 0.18, 0.12, 0.1, 0.12, 0.2, 0.3, 0.38, 0.45, 0.5, 0.58, 0.62, 0.65, 0.7, 0.78, 0.88, 0.98,
  1.0, 1.0, 0.95, 0.85, 0.7,
];
export const GAMER_WEEK: readonly number[] = [1.0, 0.75, 0.72, 0.74, 0.78, 0.9, 1.0];

const HOUR_MS = 3_600_000;

export function gamerWeightAt(ms: number): number {
  const date = new Date(ms);
  return (GAMER_HOURS[date.getUTCHours()] ?? 1) * (GAMER_WEEK[date.getUTCDay()] ?? 1);
}

/** The window [from, to) cut at hour boundaries, with the rhythm's weight of each piece. */
function pieces(from: number, to: number): { start: number; end: number; weight: number }[] {
  const out: { start: number; end: number; weight: number }[] = [];
  for (let start = from; start < to;) {
    const end = Math.min(to, (Math.floor(start / HOUR_MS) + 1) * HOUR_MS);
    out.push({ start, end, weight: gamerWeightAt(start) });
    start = end;
  }
  return out;
}

/** How much activity the rhythm expects in [from, to), in peak-hour units. */
export function windowWeight(from: number, to: number): number {
  let total = 0;
  for (const p of pieces(from, to)) total += ((p.end - p.start) / HOUR_MS) * p.weight;
  return total;
}

/**
 * Exactly `count` increasing times in [from, to) whose density follows the rhythm, drawn one
 * at a time in order (successive order statistics of uniforms, mapped through the inverse of
 * the rhythm's cumulative weight), so that a window of any size needs O(1) memory.
 */
export class SortedRhythmTimes {
  private readonly parts: { start: number; end: number; weight: number }[];
  private readonly cumulative: number[] = [0];
  private u = 0;
  private left: number;
  private part = 0;

  constructor(
    private readonly rng: Rng,
    from: number,
    to: number,
    count: number,
  ) {
    this.parts = pieces(from, to);
    for (const p of this.parts) {
      this.cumulative.push(
        (this.cumulative[this.cumulative.length - 1] as number) + (p.end - p.start) * p.weight,
      );
    }
    this.left = count;
  }

  next(): number {
    if (this.left <= 0 || this.parts.length === 0) throw new RangeError('SortedRhythmTimes: no times left');
    this.u = 1 - (1 - this.u) * Math.pow(1 - this.rng.next(), 1 / this.left);
    this.left--;
    const target = this.u * (this.cumulative[this.cumulative.length - 1] as number);
    while (this.part < this.parts.length - 1 && (this.cumulative[this.part + 1] as number) <= target)
      this.part++;
    const p = this.parts[this.part] as { start: number; end: number; weight: number };
    const at = p.start + (target - (this.cumulative[this.part] as number)) / p.weight;
    return Math.min(p.end - 1, Math.floor(at));
  }
}
