import { join } from 'node:path';
import type { Actor } from './actors.js';
import { ActorPool, makeActors } from './actors.js';
import { atWork, rhythmOfActors } from './schedules.js';
import { LineWriter } from './lineWriter.js';
import { Rng } from './rng.js';
import type { Incident, SystemGenerator } from './types.js';
import type { ChangeParts } from './descendantsRecords.js';
import { ChangeLog, metadataJson, replaceOp, sha256Hex } from './descendantsRecords.js';
import type { TickSource } from './synthKit.js';
import { FastActivityClock, fastIso, spanDays } from './synthKit.js';
import type { Simulant } from './descendantsWorld.js';
import { World, plotCentre, simulantJson } from './descendantsWorld.js';
import type { Crew } from './descendantsCrew.js';
import {
  chatParts,
  chooseTask,
  crewMetadata,
  dropTask,
  startWalk,
  taskStep,
  walkStep,
} from './descendantsCrew.js';

type Options = Parameters<SystemGenerator>[0];

/** A game world is busiest in the (UTC) afternoon and evening and at weekends. */
const GAME_HOURS: readonly number[] = [
  0.3, 0.15, 0.05, 0.03, 0.03, 0.04, 0.08, 0.15, 0.3, 0.45, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1, 1, 1,
  0.95, 0.85, 0.65, 0.45,
];
const GAME_WEEK: readonly number[] = [1, 0.7, 0.7, 0.75, 0.8, 0.9, 1];
const SYSTEM_META = metadataJson('system', 'human', 'system', 'sys', 'medium');
const HUMAN_ROLES = [
  { role: 'builder', share: 0.6 },
  { role: 'architect', share: 0.2 },
  { role: 'moderator', share: 0.05 },
  { role: 'visitor', share: 0.15 },
];
const WEATHER = ['clear', 'rain', 'fog', 'snow', 'storm'];
const TIME_OF_DAY = ['dawn', 'day', 'dusk', 'night'];

/** The state of one descendants generation: the world, the crews, and the files being written. */
export class DescendantsRun implements TickSource {
  readonly rng: Rng;
  readonly clock: FastActivityClock;
  readonly world: World;
  readonly log: ChangeLog;
  readonly pool: ActorPool;
  readonly crews = new Map<Actor, Crew>();
  readonly incidents: Incident[] = [];
  snapshotCount = 0;
  bookmarkCount = 0;
  private readonly snapshots: LineWriter;
  private readonly bookmarks: LineWriter;
  private readonly snapshotEvery: number;
  private sinceSnapshot = 0;
  private lastSnapshotMs: number;
  private current: Crew | undefined;
  private runLeft = 0;
  private simSerial = 0;
  private milestone = 1;

  constructor(private readonly options: Options) {
    this.rng = new Rng(`descendants:${options.seed}`);
    const days = spanDays(options.events);
    this.world = new World(this.rng);
    this.log = new ChangeLog(join(options.out, 'world_changes.ndjson'));
    this.snapshots = new LineWriter(join(options.out, 'world_snapshots.ndjson'));
    this.bookmarks = new LineWriter(join(options.out, 'bookmarks.ndjson'));
    this.snapshotEvery = Math.min(10_000, Math.max(25, Math.floor(options.events / 40)));
    this.lastSnapshotMs = options.startMs;
    const humanCount = Math.min(60, Math.max(5, Math.round(Math.sqrt(options.events) / 12)));
    const simCount = Math.min(
      16,
      Math.max(3, Math.round(options.events / 2000)),
      Math.floor(options.events / 5),
    );
    const rhythm = { hours: GAME_HOURS, week: GAME_WEEK };
    const humans = makeActors(this.rng, humanCount, HUMAN_ROLES, (i) => `u_${i}`, 'example.org', rhythm);
    humans.forEach((a, i) => (a.id = `u_${a.name.split(' ')[0]?.toLowerCase()}${i >= 25 ? i : ''}`));
    const sims = makeActors(
      this.rng,
      simCount,
      [{ role: 'simulant', share: 1 }],
      () => '',
      'example.org',
      rhythm,
    );
    this.pool = new ActorPool(this.rng, [...humans, ...sims]);
    this.clock = new FastActivityClock(
      this.rng,
      options.startMs,
      options.events / days,
      rhythmOfActors(this.pool.actors),
      GAME_WEEK,
    );
    for (const actor of humans) this.crews.set(actor, { actor, records: 0 });
    for (const actor of sims) this.crews.set(actor, { actor, sim: this.newSimulant(actor), records: 0 });
  }

  /** The opening records: the world's config, then the simulants coming to life. */
  async start(): Promise<void> {
    const config = this.world.configJson();
    await this.emit(this.clock.next(), {
      ...this.system('world_config', 'world', 'world'),
      newState: config,
    });
    for (const crew of this.crews.values()) {
      if (!crew.sim || this.log.count >= this.options.events) continue;
      await this.emitSpawn(this.clock.next(), crew.sim);
    }
  }

  /** Writes exactly one record (two when a simulant is replaced) at `t`, by default the clock's next tick. */
  async step(t = this.clock.next()): Promise<void> {
    if (this.snapshotDue(t)) return this.snapshot(t);
    const crew = this.pickCrew(t);
    crew.records++;
    if (crew.sim) return this.simulantStep(crew, crew.sim, t);
    const session = this.pool.touch(crew.actor, t).sessionId;
    const meta = crewMetadata(crew, session);
    if (this.rng.chance(crew.actor.role === 'visitor' ? 0.3 : 0.012)) {
      return void (await this.emit(t, { ...chatParts(this.rng, crew.actor), metadata: meta }));
    }
    if (this.rng.chance(0.0002)) return this.configChange(t, meta);
    const parts = this.work(crew) ?? chatParts(this.rng, crew.actor);
    await this.emit(t, { ...parts, metadata: meta });
  }

  written(): number {
    return this.log.count;
  }

  lastMs(): number {
    return this.log.lastMs;
  }

  async emit(t: number, parts: ChangeParts): Promise<string> {
    const id = await this.log.write(t, parts);
    this.sinceSnapshot++;
    if ((this.log.count & 0xffff) === 0) this.options.onProgress?.(this.log.count);
    if (this.world.completed >= this.milestone) await this.milestoneBookmark(t);
    return id;
  }

  /** The human crew member with the most activity so far: an established player. */
  mostActiveHuman(): Crew | undefined {
    let best: Crew | undefined;
    for (const crew of this.crews.values())
      if (!crew.sim && (!best || crew.records > best.records)) best = crew;
    return best;
  }

  async close(): Promise<void> {
    await Promise.all([this.log.close(), this.snapshots.close(), this.bookmarks.close()]);
  }

  private async simulantStep(crew: Crew, sim: Simulant, t: number): Promise<void> {
    const meta = crewMetadata(crew, '');
    if (!crew.task && !crew.walk && this.rng.chance(0.002) && this.options.events - this.log.count >= 2) {
      return this.replaceSimulant(crew, sim, t);
    }
    const parts = this.work(crew) ?? walkStep(this.rng, crew, sim);
    if (parts) return void (await this.emit(t, { ...parts, metadata: meta }));
    startWalk(this.rng, crew, undefined);
    await this.emit(t, { ...(walkStep(this.rng, crew, sim) as ChangeParts), metadata: meta });
  }

  /** One step of the crew member's work, choosing a new task when the last one is over. */
  private work(crew: Crew): ChangeParts | undefined {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (crew.sim && crew.walk) return walkStep(this.rng, crew, crew.sim);
      if (crew.task) {
        const parts = taskStep(this.rng, this.world, crew.task);
        if (parts) return parts;
        crew.task = undefined;
      }
      crew.task = chooseTask(this.rng, this.world);
      if (!crew.task) return undefined;
      if (crew.sim) startWalk(this.rng, crew, crew.task);
    }
    return undefined;
  }

  /** Crews work in runs: the same builder places several blocks in a row before someone else acts. */
  private pickCrew(t: number): Crew {
    // A run ends early when its player's evening is over: nobody builds on past bedtime.
    if (this.current && this.runLeft-- > 0 && atWork(this.current.actor.presence, t)) return this.current;
    if (this.current) dropTask(this.world, this.current);
    const crew = this.crews.get(this.pool.pick(undefined, t)) as Crew;
    this.current = crew;
    this.runLeft = Math.floor(this.rng.exp(crew.sim ? 10 : 16));
    return crew;
  }

  private async replaceSimulant(crew: Crew, sim: Simulant, t: number): Promise<void> {
    this.world.simulants.delete(sim.id);
    await this.emit(t, {
      ...this.system('simulant_remove', sim.id, 'simulant'),
      newState: 'null',
      oldState: simulantJson(sim),
    });
    crew.sim = this.newSimulant(crew.actor);
    const spawnAt = t + this.rng.int(500, 5000);
    await this.emitSpawn(spawnAt, crew.sim);
    this.clock.advanceTo(spawnAt);
  }

  private newSimulant(actor: Actor): Simulant {
    this.simSerial++;
    const id = `sim_${String(this.simSerial).padStart(2, '0')}`;
    actor.id = id;
    const centre = plotCentre(this.rng.int(0, 47));
    const pos = { x: centre.x + this.rng.int(-5, 5), y: 0, z: centre.z + this.rng.int(-5, 5) };
    const sim: Simulant = { id, name: `Builder-${id.slice(4)}`, pos, rotationY: 0, activity: 'idle' };
    return sim;
  }

  private async emitSpawn(t: number, sim: Simulant): Promise<void> {
    this.world.simulants.set(sim.id, sim);
    await this.emit(t, {
      ...this.system('simulant_create', sim.id, 'simulant'),
      newState: simulantJson(sim),
    });
  }

  private async configChange(t: number, meta: string): Promise<void> {
    const before = this.world.configJson();
    const key = this.rng.chance(0.5) ? 'weather' : 'timeOfDay';
    const value = this.rng.pick(key === 'weather' ? WEATHER : TIME_OF_DAY);
    this.world.config[key] = value;
    const after = this.world.configJson();
    const delta = `[${replaceOp(`/${key}`, JSON.stringify(value))}]`;
    const importance = metaWithImportance(meta, 'high');
    await this.emit(t, {
      ...this.system('world_config', 'world', 'world'),
      metadata: importance,
      oldState: before,
      newState: after,
      delta,
    });
    await this.bookmark(t, `World ${key} set to ${value}`);
  }

  private snapshotDue(t: number): boolean {
    if (this.sinceSnapshot >= this.snapshotEvery) return true;
    return t - this.lastSnapshotMs >= 3_600_000 && this.sinceSnapshot >= Math.max(25, this.snapshotEvery / 2);
  }

  /** A `snapshot` change, and the complete world at that instant in world_snapshots.ndjson. */
  private async snapshot(t: number): Promise<void> {
    this.snapshotCount++;
    const sid = `snap_${String(this.snapshotCount).padStart(4, '0')}`;
    const hourly = this.sinceSnapshot < this.snapshotEvery;
    await this.emit(t, { ...this.system('snapshot', sid, 'world'), newState: `{"snapshotId":"${sid}"}` });
    this.sinceSnapshot = 0;
    this.lastSnapshotMs = t;
    const state = this.world.stateJson();
    const meta = {
      description: hourly ? 'hourly' : `every ${this.snapshotEvery} changes`,
      tags: [],
      creator: 'system',
      trigger: 'scheduled',
      importance: 'routine',
      size: state.length,
      changeCount: this.log.count,
    };
    await this.snapshots.write(
      `{"id":"${sid}","timestamp":"${fastIso(t)}","worldState":${state},"metadata":${JSON.stringify(meta)},` +
        `"integrity":{"checksum":"${sha256Hex(state)}"},"dependencies":[]}`,
    );
  }

  private async milestoneBookmark(t: number): Promise<void> {
    await this.bookmark(t, `${this.world.completed} structures completed`);
    // 1, 2, 5, 10, 20, 50, ...: a handful of markers however long the export.
    const m = this.milestone;
    const decade = Math.pow(10, Math.floor(Math.log10(m)));
    this.milestone = m / decade === 1 ? 2 * decade : m / decade === 2 ? 5 * decade : 10 * decade;
  }

  async bookmark(t: number, description: string): Promise<void> {
    this.bookmarkCount++;
    const id = `bm_${String(this.bookmarkCount).padStart(4, '0')}`;
    await this.bookmarks.write(JSON.stringify({ id, timestamp: fastIso(t), description }));
  }

  private system(changeType: string, entityId: string, entityType: string): ChangeParts {
    return { changeType, entityId, entityType, metadata: SYSTEM_META, oldState: 'null' };
  }
}

function metaWithImportance(meta: string, importance: string): string {
  return meta.replace('"importance":"low"', `"importance":"${importance}"`);
}
