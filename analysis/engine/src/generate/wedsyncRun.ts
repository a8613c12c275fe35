import { join } from 'node:path';
import type { Actor } from './actors.js';
import { ActorPool, makeActors } from './actors.js';
import { OFFICE_HOURS, WORK_WEEK } from './rhythm.js';
import { Rng } from './rng.js';
import type { SystemGenerator } from './types.js';
import type { TickSource } from './synthKit.js';
import { FastActivityClock, ThreadedLineWriter, fastIso, fastUuid, spanDays } from './synthKit.js';
import type { ResourceType } from './wedsyncWorld.js';
import { WedsyncWorld } from './wedsyncWorld.js';

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
/** Relative frequency of `resource.verb` per role. */
const ROLE_ACTIONS: Record<string, [string, number][]> = {
  planner: [
    ['guest.create', 12],
    ['guest.update', 18],
    ['guest.view', 20],
    ['guest.delete', 3],
    ['vendor.create', 2],
    ['vendor.update', 4],
    ['wedding.update', 5],
    ['wedding.create', 1],
    ['task.create', 8],
    ['task.update', 10],
    ['payment.create', 3],
    ['payment.view', 3],
    ['guest.export', 0.8],
    ['session.logout', 3],
  ],
  coordinator: [
    ['guest.update', 15],
    ['guest.view', 20],
    ['guest.create', 8],
    ['vendor.update', 8],
    ['vendor.view', 8],
    ['task.create', 8],
    ['task.update', 14],
    ['task.delete', 2],
    ['payment.view', 4],
    ['wedding.view', 4],
    ['guest.export', 0.5],
    ['session.logout', 3],
  ],
  assistant: [
    ['guest.create', 15],
    ['guest.update', 25],
    ['guest.view', 30],
    ['guest.delete', 2],
    ['task.update', 10],
    ['task.view', 8],
    ['session.logout', 3],
  ],
  vendor: [
    ['task.view', 30],
    ['task.update', 20],
    ['guest.view', 15],
    ['payment.view', 10],
    ['vendor.view', 10],
    ['session.logout', 5],
  ],
  admin: [
    ['wedding.view', 10],
    ['guest.view', 10],
    ['payment.update', 6],
    ['vendor.update', 4],
    ['payment.export', 1],
    ['user.permission_change', 0.6],
    ['session.logout', 3],
  ],
};
const ROLE_WEIGHTS = new Map(
  Object.entries(ROLE_ACTIONS).map(([role, list]) => [role, list.map(([, w]) => w)]),
);
const SENSITIVE = new Set(['diet', 'amount', 'budget']);
const WORKER_AGENT = 'WedSync-Worker/1.4';

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
    this.clock = new FastActivityClock(
      this.rng,
      options.startMs,
      options.events / days / 1.1,
      OFFICE_HOURS,
      WORK_WEEK,
    );
    const count = Math.min(80, Math.max(8, Math.round(Math.sqrt(options.events) / 10)));
    const actors = makeActors(this.rng, count, ROLES, (_i, rng) => fastUuid(rng), 'wedsync.example');
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
    if (this.rng.chance(0.07)) return void (await this.emit(this.serviceRow(t)));
    const actor = this.pool.pick();
    const s = await this.session(actor, t);
    if (this.budget() < 1) return;
    const actions = ROLE_ACTIONS[actor.role] ?? [];
    const action = actions[this.rng.weighted(ROLE_WEIGHTS.get(actor.role) ?? [])]?.[0] ?? 'guest.view';
    await this.emit(this.act(actor, s, action));
    if (action === 'session.logout') actor.lastActiveMs = -Infinity;
    this.clock.advanceTo(this.last);
  }

  private act(actor: Actor, s: { sessionId: string; ip: string; ts: number }, action: string): LogRow {
    const dot = action.indexOf('.');
    const type = action.slice(0, dot) as ResourceType;
    let verb = action.slice(dot + 1);
    if (verb === 'logout')
      return this.row(actor, s.ts, s.ip, { action, resourceId: s.sessionId, details: {} });
    if (verb === 'permission_change') return this.permissionChange(actor, s.ts, s.ip);
    if (verb === 'export') {
      const details = { rows: this.world.count(type), format: this.rng.pick(['csv', 'pdf', 'xlsx']) };
      return this.row(actor, s.ts, s.ip, {
        action,
        resourceId: '*',
        details,
        severity: details.rows >= 500 ? 'warning' : 'info',
      });
    }
    if (verb === 'create' && this.world.atCap(type)) verb = 'delete';
    const target = verb === 'create' ? undefined : this.world.random(type);
    if (!target || verb === 'create') {
      const created = this.world.create(type);
      return this.row(actor, s.ts, s.ip, {
        action: `${type}.create`,
        resourceId: created.id,
        details: { values: created.values },
      });
    }
    if (verb === 'delete') {
      this.world.delete(type, target);
      return this.row(actor, s.ts, s.ip, {
        action,
        resourceId: target.id,
        details: { values: target.values },
        severity: 'warning',
      });
    }
    const changes = verb === 'update' ? this.world.edit(type, target) : undefined;
    if (!changes)
      return this.row(actor, s.ts, s.ip, { action: `${type}.view`, resourceId: target.id, details: {} });
    const severity = Object.keys(changes).some((k) => SENSITIVE.has(k)) ? 'warning' : 'info';
    const details = this.rng.chance(0.1) ? { changes, reason: 'requested by couple' } : { changes };
    return this.row(actor, s.ts, s.ip, { action, resourceId: target.id, details, severity });
  }

  /** An administrator moves a colleague between assistant and coordinator. */
  private permissionChange(actor: Actor, ts: number, ip: string): LogRow {
    const target = this.pool.actors.find(
      (a) => a !== actor && (a.role === 'assistant' || a.role === 'coordinator') && this.rng.chance(0.2),
    );
    if (!target)
      return this.row(actor, ts, ip, {
        action: 'guest.view',
        resourceId: this.world.random('guest')?.id ?? 'g_0',
        details: {},
      });
    const old = target.role;
    target.role = old === 'assistant' ? 'coordinator' : 'assistant';
    const details = { changes: { role: { old, new: target.role } } };
    return this.row(actor, ts, ip, {
      action: 'user.permission_change',
      resourceId: target.id,
      details,
      severity: 'critical',
    });
  }

  /** Background jobs: vendor notifications and payment gateway callbacks, with no user. */
  private serviceRow(t: number): LogRow {
    const base = { ts: t, userId: null, ip: null, userAgent: WORKER_AGENT, severity: 'info' as const };
    const payment = this.rng.chance(0.3) ? this.world.random('payment') : undefined;
    if (payment) {
      const changes = this.world.edit('payment', payment);
      if (changes)
        return {
          ...base,
          action: 'payment.update',
          resourceType: 'payment',
          resourceId: payment.id,
          details: { changes },
        };
    }
    const vendor = this.world.random('vendor');
    if (!vendor)
      return {
        ...base,
        action: 'task.notify',
        resourceType: 'task',
        resourceId: '*',
        details: { message: 'daily digest' },
      };
    const message = this.rng.pick([
      'guest list changed',
      'timeline updated',
      'payment received',
      'reminder: tasks due',
    ]);
    return {
      ...base,
      action: 'vendor.notify',
      resourceType: 'vendor',
      resourceId: vendor.id,
      details: { message },
    };
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
