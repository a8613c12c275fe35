import type { Rng } from './rng.js';

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
    });
  }
  return actors;
}

/** Picks actors by weight; sessions and addresses stay stable per actor. */
export class ActorPool {
  private readonly weights: number[];
  private readonly total: number;

  constructor(
    private readonly rng: Rng,
    readonly actors: Actor[],
  ) {
    this.weights = actors.map((a) => a.weight);
    this.total = this.weights.reduce((a, b) => a + b, 0);
  }

  pick(filter?: (actor: Actor) => boolean): Actor {
    for (let tries = 0; tries < 64; tries++) {
      const actor = this.actors[this.rng.weighted(this.weights, this.total)] as Actor;
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
