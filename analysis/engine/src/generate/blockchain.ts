import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ActorPool, SESSION_GAP_MS, makeActors } from './actors.js';
import type { Actor } from './actors.js';
import { BlockchainIncidents, TimedQueue } from './blockchainIncidents.js';
import type { Pending } from './blockchainIncidents.js';
import { ChainWriter } from './blockchainChain.js';
import { Platform } from './blockchainPlatform.js';
import { SYSTEM_USER } from './blockchainWallets.js';
import type { EventBody, FollowUp } from './blockchainWallets.js';
import { IncidentRecorder } from './incidentRecorder.js';
import { ActivityClock, OFFICE_HOURS, WORK_WEEK, iso } from './rhythm.js';
import { atWork, rhythmOfActors } from './schedules.js';
import { Rng } from './rng.js';
import type { GroundTruth, SystemGenerator } from './types.js';

/** Difficulty 3 (~4,096 tries a block) keeps a million events to seconds of mining. */
export const BLOCKCHAIN_DIFFICULTY = 3;
const NAMES = [
  'amara',
  'bo',
  'chen',
  'dmitri',
  'eve',
  'farah',
  'gita',
  'hugo',
  'ines',
  'jonas',
  'kemal',
  'lucia',
];
const ROLES = [
  { role: 'admin', share: 0.06 },
  { role: 'moderator', share: 0.12 },
  { role: 'member', share: 0.82 },
];

/** The platform's AUDIT_SECRET for a seed: fixed, so that signatures can be checked from ground-truth.json. */
export function blockchainSecret(seed: number): string {
  return createHash('sha256')
    .update(`chronoscope:blockchain:audit-secret:${seed}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Streams a `blockchain` export (`sources.md` §3): `chain.json` with signed events in mined
 * blocks, and a small `contracts.json`. `options.events` is the number of events inside blocks.
 */
export const generateBlockchain: SystemGenerator = async (options) => {
  const total = options.events;
  const rng = new Rng(`blockchain:${options.seed}`);
  const actors = makeBlockchainActors(rng, total);
  const platform = new Platform(rng, actors);
  const recorder = new IncidentRecorder();
  // Spread the export over one to thirteen weeks so that daily and weekly rhythms show.
  const eventsPerDay = total / Math.min(90, Math.max(7, total / 15_000));
  const incidents = options.incidents
    ? new BlockchainIncidents(rng, total, actors, platform, recorder, gapLength(eventsPerDay))
    : null;
  const secret = blockchainSecret(options.seed);
  const chain = new ChainWriter(join(options.out, 'chain.json'), BLOCKCHAIN_DIFFICULTY, secret, () =>
    Math.min(rng.int(100, 500), Math.max(4, Math.ceil(total / 8))),
  );
  const stream = new EventStream(rng, actors, platform, incidents, options.startMs, eventsPerDay);
  await chain.open(options.startMs);
  for (let serial = 1; serial <= total; serial++) {
    const { body, ms } = stream.next(serial, total - serial + 1);
    const id = `ev_${serial}`;
    stream.written(id, ms);
    await chain.add(id, body, iso(ms), ms);
    if (options.onProgress && serial % 100_000 === 0) options.onProgress(serial);
  }
  await chain.close();
  const contracts = platform.contracts;
  await writeFile(join(options.out, 'contracts.json'), JSON.stringify(contracts, null, 2) + '\n');
  const groundTruth: GroundTruth & { hmacSecret: string } = {
    system: 'blockchain',
    seed: options.seed,
    incidents: recorder.incidents(),
    hmacSecret: secret,
  };
  return {
    files: [
      { path: 'chain.json', records: chain.events },
      { path: 'contracts.json', records: contracts.length },
    ],
    events: chain.events,
    groundTruth,
  };
};

function makeBlockchainActors(rng: Rng, total: number): Actor[] {
  const count = Math.min(300, Math.max(6, Math.round(Math.sqrt(total) / 3)));
  const rhythm = { hours: OFFICE_HOURS, week: WORK_WEEK };
  const idOf = (i: number): string => {
    const name = NAMES[i % NAMES.length] as string;
    return i < NAMES.length ? `user_${name}` : `user_${name}_${i}`;
  };
  const actors = makeActors(rng, count, ROLES, idOf, 'example.org', rhythm);
  // Someone must be able to deploy contracts and grant roles.
  const last = actors[actors.length - 1] as Actor;
  if (!actors.some((a) => a.role === 'admin')) last.role = 'admin';
  return actors;
}

/** A silence far longer than any the rhythm produces in working hours: at least 3 hours. */
function gapLength(eventsPerDay: number): number {
  return Math.min(36 * 3_600_000, Math.max(3 * 3_600_000, 120 * (86_400_000 / eventsPerDay)));
}

/**
 * People work in sessions: most actions continue one of a few open sessions, and only the rest
 * start a new one with an actor drawn by activity weight (so a few actors still dominate).
 */
class Sessions {
  private readonly open: Actor[] = [];
  private static readonly MAX_OPEN = 8;

  constructor(
    private readonly rng: Rng,
    private readonly pool: ActorPool,
  ) {}

  pick(ms: number): Actor {
    // A session ends with a logout (lastActiveMs reset), after a long silence, or when its
    // owner's working hours are over: people go home, however busy the platform still is.
    for (let i = this.open.length - 1; i >= 0; i--) {
      const actor = this.open[i] as Actor;
      if (ms - actor.lastActiveMs > SESSION_GAP_MS || !atWork(actor.presence, ms)) this.open.splice(i, 1);
    }
    if (this.open.length > 0 && this.rng.chance(0.75)) return this.rng.pick(this.open);
    const actor = this.pool.pick(undefined, ms);
    if (!this.open.includes(actor)) this.open.push(actor);
    if (this.open.length > Sessions.MAX_OPEN) this.open.shift();
    return actor;
  }
}

/**
 * Merges the three sources of events into one time-ordered stream: the actors' own actions on
 * the activity clock, the follow-ups those actions set in motion, and the planted incidents.
 */
class EventStream {
  private readonly pool: ActorPool;
  private readonly sessions: Sessions;
  private readonly clock: ActivityClock;
  private readonly followUps = new TimedQueue<Pending>();
  private readonly planted = new TimedQueue<Pending>();
  private readonly follow = (f: FollowUp): void => {
    // Bounded: a queue this long only happens with implausible rates; the follow-up is dropped.
    if (this.followUps.size < 512) this.followUps.push(f.ms, { make: f.make });
  };
  private nextClockMs: number;
  private resumeMs: number | null = null;
  private lastId = '';
  private lastMs: number;
  private pendingGap: { beforeId: string; beforeMs: number } | null = null;
  /** The incident the event being written belongs to, if any. */
  private current: Pending['incident'] | null = null;

  constructor(
    rng: Rng,
    actors: Actor[],
    private readonly platform: Platform,
    private readonly incidents: BlockchainIncidents | null,
    private readonly startMs: number,
    eventsPerDay: number,
  ) {
    this.pool = new ActorPool(rng, actors);
    this.sessions = new Sessions(rng, this.pool);
    this.clock = new ActivityClock(rng, startMs, eventsPerDay, rhythmOfActors(actors), WORK_WEEK);
    this.lastMs = startMs;
    this.nextClockMs = this.clock.next();
  }

  /** The body and time of event number `serial`, with `remaining` events left to write. */
  next(serial: number, remaining: number): { body: EventBody; ms: number } {
    const opening = this.opening(serial);
    if (opening) return opening;
    this.incidents?.schedule(serial, this.lastMs, this.planted);
    // Planted events are never crowded out by the end of the export.
    if (
      this.planted.size > 0 &&
      (this.planted.size >= remaining || this.planted.headMs <= this.earliestOther())
    ) {
      return this.fromQueue(this.planted, serial);
    }
    if (this.followUps.headMs <= this.nextClockMs) return this.fromQueue(this.followUps, serial);
    return this.fromClock(serial);
  }

  /** The platform starts, then deploys its three built-in contracts. */
  private opening(serial: number): { body: EventBody; ms: number } | null {
    if (serial > 4) return null;
    const ms = this.startMs + serial * 1_000;
    if (serial === 1) {
      return {
        body: {
          eventType: 'system_startup',
          userId: SYSTEM_USER,
          data: { entityType: 'system', entityId: 'node_1', newState: { status: 'running' } },
        },
        ms,
      };
    }
    return { body: this.platform.governance.builtIn(serial - 2, ms), ms };
  }

  private earliestOther(): number {
    return Math.min(this.followUps.headMs, this.nextClockMs);
  }

  private fromQueue(queue: TimedQueue<Pending>, serial: number): { body: EventBody; ms: number } {
    const item = queue.shift() as { ms: number; value: Pending };
    const ms = Math.max(item.ms, this.lastMs + 1);
    this.current = item.value.incident ?? null;
    return { body: item.value.make(serial), ms };
  }

  private fromClock(serial: number): { body: EventBody; ms: number } {
    const ms = Math.max(this.nextClockMs, this.lastMs + 1);
    if (this.resumeMs !== null && this.nextClockMs === this.resumeMs) {
      this.pendingGap = { beforeId: this.lastId, beforeMs: this.lastMs };
      this.resumeMs = null;
    }
    this.current = null;
    const actor = this.sessions.pick(ms);
    const body = this.pool.touch(actor, ms).newSession
      ? { eventType: 'user_login', userId: actor.id, data: {} }
      : this.platform.act(actor, serial, ms, this.follow);
    // Drawn after the action, so that a silence that starts here also swallows its follow-ups.
    this.drawClock(serial);
    return { body, ms };
  }

  private drawClock(serial: number): void {
    this.nextClockMs = this.clock.next();
    const silence = this.incidents?.gapAfter(serial, this.nextClockMs) ?? 0;
    if (silence > 0) {
      this.clock.advanceTo(this.nextClockMs + silence);
      this.nextClockMs = this.clock.next();
      this.resumeMs = this.nextClockMs;
      // The follow-ups due in the silence were lost with it.
      this.followUps.dropBefore(this.resumeMs);
    }
  }

  /** Called once event `id` is written at `ms`: incidents learn their evidence here. */
  written(id: string, ms: number): void {
    this.current?.record(id, ms);
    this.current = null;
    if (this.pendingGap) {
      this.incidents?.closeGap(this.pendingGap.beforeId, this.pendingGap.beforeMs, id, ms);
      this.pendingGap = null;
    }
    this.lastId = id;
    this.lastMs = ms;
  }
}
