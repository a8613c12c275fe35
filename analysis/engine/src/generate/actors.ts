import type { Rng } from './rng.js';
import type { Rhythm } from './schedules.js';
import { WEEK_HOURS, hourOfWeek, presenceFor } from './schedules.js';

export interface Actor {
  id: string;
  name: string;
  email: string;
  role: string;
  /** Relative share of all activity: Pareto-distributed, so a few actors dominate. */
  weight: number;
  ips: string[];
  userAgent: string;
  sessionSerial: number;
  sessionId: string;
  lastActiveMs: number;
  /** Presence per hour of the week (`schedules.ts`); absent: always present. */
  presence?: Float32Array;
}

const FIRST = [
  'ana',
  'ben',
  'chloe',
  'dev',
  'eli',
  'farah',
  'gus',
  'hana',
  'ivan',
  'jo',
  'kai',
  'lena',
  'mo',
  'nia',
  'omar',
  'pia',
  'quinn',
  'rosa',
  'sam',
  'tess',
  'uma',
  'vik',
  'wen',
  'yara',
  'zed',
];
const LAST = [
  'osei',
  'silva',
  'ruiz',
  'cole',
  'kim',
  'novak',
  'berg',
  'ito',
  'khan',
  'lund',
  'moreau',
  'park',
];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/128.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Firefox/129.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Mobile/15E148',
];

/** Sessions end after this much silence, as the analytics' default session gap assumes. */
export const SESSION_GAP_MS = 30 * 60_000;

export function makeActors(
  rng: Rng,
  count: number,
  roles: readonly { role: string; share: number }[],
  idOf: (index: number, rng: Rng) => string,
  emailDomain = 'example.org',
  rhythm?: Rhythm,
): Actor[] {
  const actors: Actor[] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length + i) % LAST.length] as string;
    const role = roles[rng.weighted(roles.map((r) => r.share))]?.role ?? 'user';
    actors.push({
      id: idOf(i, rng),
      name: `${cap(first)} ${cap(last)}`,
      email: `${first[0]}.${last}${i >= FIRST.length ? i : ''}@${emailDomain}`,
      role,
      weight: rng.pareto(1.16),
      ips: [privateIp(rng), ...(rng.chance(0.3) ? [privateIp(rng)] : [])],
      userAgent: rng.pick(AGENTS),
      sessionSerial: 0,
      sessionId: '',
      lastActiveMs: -Infinity,
      ...(rhythm ? { presence: presenceFor(rng, role, rhythm) } : {}),
    });
  }
  return actors;
}

/** Picks actors by weight; sessions and addresses stay stable per actor. */
export class ActorPool {
  private readonly weights: number[];
  private readonly total: number;

  private readonly byHour: ({ weights: number[]; total: number } | undefined)[] = new Array(WEEK_HOURS);

  constructor(
    private readonly rng: Rng,
    readonly actors: Actor[],
  ) {
    this.weights = actors.map((a) => a.weight);
    this.total = this.weights.reduce((a, b) => a + b, 0);
  }

  private at(hour: number): { weights: number[]; total: number } {
    let cached = this.byHour[hour];
    if (!cached) {
      const weights = this.actors.map((a) => a.weight * (a.presence ? (a.presence[hour] ?? 0) : 1));
      cached = { weights, total: weights.reduce((a, b) => a + b, 0) };
      this.byHour[hour] = cached;
    }
    return cached;
  }

  /** By weight; given the time, by weight × presence at that hour of the week (who is at work). */
  pick(filter?: (actor: Actor) => boolean, ms?: number): Actor {
    const timed = ms === undefined ? undefined : this.at(hourOfWeek(ms));
    // Nobody at work at that hour (a planted incident's own time): anyone, by weight.
    const { weights, total } =
      timed && timed.total > 0 ? timed : { weights: this.weights, total: this.total };
    for (let tries = 0; tries < 64; tries++) {
      const actor = this.actors[this.rng.weighted(weights, total)] as Actor;
      if (!filter || filter(actor)) return actor;
    }
    const matching = filter ? this.actors.filter(filter) : this.actors;
    return this.rng.pick(matching.length > 0 ? matching : this.actors);
  }

  /** Marks the actor active at `ms`, opening a new session after a long silence. */
  touch(actor: Actor, ms: number): { sessionId: string; ip: string; newSession: boolean } {
    const newSession = ms - actor.lastActiveMs > SESSION_GAP_MS;
    if (newSession) {
      actor.sessionSerial += 1;
      actor.sessionId = `sess_${actor.id.slice(0, 12)}_${actor.sessionSerial}`;
    }
    actor.lastActiveMs = ms;
    const ip =
      actor.ips.length > 1 && this.rng.chance(0.2) ? (actor.ips[1] as string) : (actor.ips[0] as string);
    return { sessionId: actor.sessionId, ip, newSession };
  }
}

export function privateIp(rng: Rng): string {
  return `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
}

/** An address from a documentation range: what a planted intruder connects from. */
export function foreignIp(rng: Rng): string {
  return `203.0.113.${rng.int(2, 254)}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
