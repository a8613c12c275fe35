import { join } from 'node:path';
import type { Actor } from './actors.js';
import { ActorPool, makeActors } from './actors.js';
import { rhythmOfActors } from './schedules.js';
import { OFFICE_HOURS, WORK_WEEK } from './rhythm.js';
import { Rng } from './rng.js';
import type { SystemGenerator } from './types.js';
import type { TickSource } from './synthKit.js';
import { FastActivityClock, ThreadedLineWriter, fastIso, fastUuid, spanDays } from './synthKit.js';
import { WedsyncWorld } from './wedsyncWorld.js';
import { act, pickAction, serviceRow } from './wedsyncActions.js';

type Options = Parameters<SystemGenerator>[0];

export interface LogRow {
  ts: number;
  userId: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
  severity: 'info' | 'warning' | 'critical';
}

const ROLES = [
  { role: 'planner', share: 0.2 },
  { role: 'coordinator', share: 0.2 },
  { role: 'assistant', share: 0.3 },
  { role: 'vendor', share: 0.25 },
  { role: 'admin', share: 0.05 },
];
/** The state of one wedsync generation: actors, live records, and the audit tables being written. */
export class WedsyncRun implements TickSource {
  readonly rng: Rng;
  readonly clock: FastActivityClock;
  readonly pool: ActorPool;
  readonly world: WedsyncWorld;
  readonly rowsByActor = new Map<Actor, number>();
  rows = 0;
  archived = 0;
  lastId = '';
  private last = -Infinity;
  /** The oldest rows go to the archive table, as WedSync's retention job moves them. */
  private readonly archiveRows: number;
  private readonly current: ThreadedLineWriter;
  private readonly archive: ThreadedLineWriter | undefined;

  constructor(readonly options: Options) {
    this.rng = new Rng(`wedsync:${options.seed}`);
    const days = spanDays(options.events);
    const count = Math.min(80, Math.max(8, Math.round(Math.sqrt(options.events) / 10)));
    const rhythm = { hours: OFFICE_HOURS, week: WORK_WEEK };
    const actors = makeActors(this.rng, count, ROLES, (_i, rng) => fastUuid(rng), 'wedsync.example', rhythm);
    this.clock = new FastActivityClock(
      this.rng,
      options.startMs,
      options.events / days / 1.1,
      rhythmOfActors(actors),
      WORK_WEEK,
    );
    this.pool = new ActorPool(this.rng, actors);
    this.world = new WedsyncWorld(this.rng);
    this.archiveRows = options.events > 5000 ? Math.floor(options.events * 0.2) : 0;
    this.current = new ThreadedLineWriter(join(options.out, 'audit_logs.ndjson'));
    this.archive =
      this.archiveRows > 0
        ? new ThreadedLineWriter(join(options.out, 'audit_logs_archive.ndjson'))
        : undefined;
  }

  written(): number {
    return this.rows;
  }

  lastMs(): number {
    return this.last;
  }

  budget(): number {
    return this.options.events - this.rows;
  }

  async emit(row: LogRow): Promise<string> {
    const id = fastUuid(this.rng);
    const line =
      `{"id":"${id}","user_id":${row.userId === null ? 'null' : `"${row.userId}"`},"action":"${row.action}",` +
      `"resource_type":"${row.resourceType}","resource_id":"${row.resourceId}",` +
      `"ip_address":${JSON.stringify(row.ip)},"user_agent":${JSON.stringify(row.userAgent)},` +
      `"details":${JSON.stringify(row.details)},"severity":"${row.severity}","created_at":"${fastIso(row.ts)}"}`;
    const toArchive = this.rows < this.archiveRows && this.archive;
    if (toArchive) this.archived++;
    await (toArchive || this.current).write(line);
    this.rows++;
    this.last = row.ts;
    this.lastId = id;
    if ((this.rows & 0xffff) === 0) this.options.onProgress?.(this.rows);
    return id;
  }

  /** A row by `actor` from their current session's address. */
  row(
    actor: Actor,
    ts: number,
    ip: string,
    fields: Pick<LogRow, 'action' | 'resourceId' | 'details'> & Partial<LogRow>,
  ): LogRow {
    this.rowsByActor.set(actor, (this.rowsByActor.get(actor) ?? 0) + 1);
    return {
      ts,
      userId: actor.id,
      resourceType: fields.action.slice(0, fields.action.indexOf('.')),
      ip,
      userAgent: actor.userAgent,
      severity: 'info',
      ...fields,
    };
  }

  /** The actor's session at `ts`; a new one opens with `session.login` (now and then after a typo). */
  async session(actor: Actor, ts: number): Promise<{ sessionId: string; ip: string; ts: number }> {
    const s = this.pool.touch(actor, ts);
    if (!s.newSession || this.budget() < 2) return { ...s, ts };
    let t = ts;
    if (this.budget() >= 3 && this.rng.chance(0.03)) {
      await this.emit(this.loginRow(actor, t, s.ip, s.sessionId, false));
      t += this.rng.int(4000, 15000);
    }
    await this.emit(this.loginRow(actor, t, s.ip, s.sessionId, true));
    return { ...s, ts: t + this.rng.int(800, 6000) };
  }

  loginRow(actor: Actor, ts: number, ip: string, sessionId: string, ok: boolean): LogRow {
    return this.row(actor, ts, ip, {
      action: ok ? 'session.login' : 'session.login_failed',
      resourceId: sessionId,
      details: ok ? { method: 'password' } : { email: actor.email, reason: 'invalid_password' },
      severity: ok ? 'info' : 'warning',
    });
  }

  /** One tick: a background job (no user), or a weighted-random person doing one thing. */
  async step(t: number): Promise<void> {
    if (this.rng.chance(0.07)) return void (await this.emit(serviceRow(this, t)));
    const actor = this.pool.pick(undefined, t);
    const s = await this.session(actor, t);
    if (this.budget() < 1) return;
    const action = pickAction(this.rng, actor.role);
    await this.emit(act(this, actor, s, action));
    if (action === 'session.logout') actor.lastActiveMs = -Infinity;
    this.clock.advanceTo(this.last);
  }

  async writeProfiles(): Promise<number> {
    const writer = new ThreadedLineWriter(join(this.options.out, 'user_profiles.ndjson'));
    for (const a of this.pool.actors)
      await writer.write(JSON.stringify({ id: a.id, email: a.email, full_name: a.name }));
    await writer.close();
    return this.pool.actors.length;
  }

  async close(): Promise<void> {
    await Promise.all([this.current.close(), this.archive?.close()]);
  }
}
