import type { Rng } from './rng.js';

/** A system's activity rhythm: relative weight per hour of day (UTC) and per weekday (Sunday first). */
export interface Rhythm {
  hours: readonly number[];
  week: readonly number[];
}

/** Hours in a week; presence tables are indexed `weekday * 24 + hour`, Sunday 00:00 UTC first. */
export const WEEK_HOURS = 168;
const HOUR_MS = 3_600_000;

/** Roles that are programs rather than people: they follow the system's rhythm, not a shift. */
const MACHINE_ROLES = new Set(['api', 'simulant', 'service', 'system']);

/**
 * How present an actor is in each hour of the week (1 = at work).
 *
 * Why: real people keep their own hours. A clerk works a shift of 7–10 hours, now and then a
 * little early or late, almost never in the middle of their night; most do not work weekends
 * where the system's own week is quiet then. Drawing every event's actor without regard to
 * the hour (as if everyone were always at work) scatters every account's activity over the
 * whole clock, which no audit trail shows and which makes every night look like the night of
 * an intruder. Shifts are drawn from the system's rhythm, so together they make up that
 * rhythm; programs (integrations, simulants) run around the clock.
 */
export function presenceFor(rng: Rng, role: string, rhythm: Rhythm): Float32Array {
  const table = new Float32Array(WEEK_HOURS);
  if (MACHINE_ROLES.has(role)) return table.fill(1);
  const peakHour = Math.max(...rhythm.hours);
  const peakDay = Math.max(...rhythm.week);
  const length = 7 + rng.int(0, 3);
  // A shift starts and ends inside the system's working day (both ends at ≥ 20 % of its peak
  // hour), the more likely the busier those hours: nobody's regular day is the dead of night.
  const starts = rhythm.hours.map((w, h) => {
    const end = (rhythm.hours[(h + length - 1) % 24] ?? 0) / peakHour;
    const begin = w / peakHour;
    return begin >= 0.2 && end >= 0.2 ? begin * end : 0;
  });
  const start = rng.weighted(starts) + rng.next();
  const weekendShare = ((rhythm.week[0] ?? 0) + (rhythm.week[6] ?? 0)) / 2 / peakDay;
  const weekends = rng.chance(weekendShare);
  for (let d = 0; d < 7; d++) {
    const day = d === 0 || d === 6 ? (weekends ? 1 : 0.04) : 1;
    for (let h = 0; h < 24; h++) table[d * 24 + h] = day * hourFactor(h + 0.5, start, length);
  }
  return table;
}

/**
 * 1 inside the shift; an hour either side sometimes (coming in early, staying late), two hours
 * rarely, never further: nobody drops in at 03:00 for no reason, and an account that does is
 * what the detectors are for.
 */
function hourFactor(hour: number, start: number, length: number): number {
  const offset = (((hour - start) % 24) + 24) % 24;
  if (offset <= length) return 1;
  const away = Math.min(offset - length, 24 - offset);
  return away <= 1 ? 0.3 : away <= 2 ? 0.06 : 0;
}

/** Whether the actor is at work at `ms` (present at least part of that hour, not just passing by). */
export function atWork(presence: Float32Array | undefined, ms: number): boolean {
  return !presence || (presence[hourOfWeek(ms)] ?? 0) >= 0.25;
}

/** The hour of the week (`weekday * 24 + hour`) of a time. 1970-01-01 was a Thursday. */
export function hourOfWeek(ms: number): number {
  return (Math.floor(ms / HOUR_MS) + 4 * 24) % WEEK_HOURS;
}

/**
 * The hour-of-day weights the activity clock should tick with: what the actors' shifts add
 * up to (weighted by how active each actor is), so that at 03:00 the clock ticks only as often
 * as someone is actually there to act.
 */
export function rhythmOfActors(
  actors: readonly { weight: number; presence?: Float32Array | undefined }[],
): number[] {
  const hours = new Array<number>(24).fill(0);
  for (const actor of actors) {
    for (let h = 0; h < 24; h++) {
      let sum = 0;
      for (let d = 0; d < 7; d++) sum += actor.presence ? (actor.presence[d * 24 + h] ?? 0) : 1;
      hours[h] = (hours[h] ?? 0) + (actor.weight * sum) / 7;
    }
  }
  const peak = Math.max(...hours);
  return hours.map((w) => (peak > 0 ? w / peak : 1));
}
