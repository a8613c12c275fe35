import { hash } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from '../../../core/src/index.js';
import type { Actor } from './actors.js';
import { ActorPool, makeActors } from './actors.js';
import { rhythmOfActors } from './schedules.js';
import { LineWriter, pgCsvField, pgCsvRow } from './lineWriter.js';
import { OFFICE_HOURS, WORK_WEEK } from './rhythm.js';
import { Rng } from './rng.js';
import type { SystemGenerator } from './types.js';
import type { TickSource } from './synthKit.js';
import { FastActivityClock, fastIso, fastUuid, spanDays } from './synthKit.js';
import type { Fields, Live, QcsEntityType } from './qcsEntities.js';
import { EntityStore, SETTINGS_INITIAL } from './qcsEntities.js';
import type { AuditRow } from './qcsRows.js';
import { AuditCsv, metadataField } from './qcsRows.js';
import { ordinaryStep } from './qcsOps.js';
import { runRollback } from './qcsBulk.js';

type Options = Parameters<SystemGenerator>[0];

const DAY_MS = 86_400_000;
const ROLES = [
  { role: 'admin', share: 0.06 },
  { role: 'manager', share: 0.16 },
  { role: 'clerk', share: 0.55 },
  { role: 'auditor', share: 0.08 },
  { role: 'api', share: 0.15 },
];
/** Types each nightly snapshot covers: small, bounded sets (customers are capped, one settings row). */
export const SNAPSHOT_TYPES: readonly QcsEntityType[] = ['customer', 'settings'];
const UI_META = metadataField({ app: 'qcs-admin', v: 3 });
const API_META = metadataField({ app: 'qcs-api', v: 3 });
const API_AGENT = 'qcs-integration/2.3 python-requests/2.31';

/** A rollback the source system will run a while after a mistaken bulk update. */
export interface PendingRollback {
  at: number;
  bulkId: string;
  bulkTs: number;
  entityType: QcsEntityType;
  restores: { live: Live; values: Fields }[];
}

/** The state of one qcs generation: actors, live records, and the three tables being written. */
export class QcsRun implements TickSource {
  readonly rng: Rng;
  readonly clock: FastActivityClock;
  readonly pool: ActorPool;
  readonly store: EntityStore;
  readonly audit: AuditCsv;
  readonly rowsByActor = new Map<Actor, number>();
  pendingRollback: PendingRollback | undefined;
  lastSnapshotId: string | null = null;
  snapshotRows = 0;
  rollbackRows = 0;
  private readonly snapshots: LineWriter;
  private readonly rollbacks: LineWriter;
  private nextSnapshotMs: number;

  constructor(readonly options: Options) {
    this.rng = new Rng(`qcs:${options.seed}`);
    const days = spanDays(options.events);
    const count = Math.min(80, Math.max(8, Math.round(Math.sqrt(options.events) / 10)));
    const rhythm = { hours: OFFICE_HOURS, week: WORK_WEEK };
    const actors = makeActors(this.rng, count, ROLES, (_i, rng) => rng.uuid(), 'qcs-cargo.example', rhythm);
    // Rows per tick average ~1.3 (logins, bulk children): ticks are drawn a little slower.
    this.clock = new FastActivityClock(
      this.rng,
      options.startMs,
      options.events / days / 1.3,
      rhythmOfActors(actors),
      WORK_WEEK,
    );
    for (const actor of actors) if (actor.role === 'api') actor.userAgent = API_AGENT;
    // There is always an administrator: someone sets the system up and runs rollbacks.
    if (!actors.some((a) => a.role === 'admin') && actors[0]) actors[0].role = 'admin';
    this.pool = new ActorPool(this.rng, actors);
    this.store = new EntityStore(this.rng);
    this.audit = new AuditCsv(join(options.out, 'comprehensive_audit_log.csv'));
    this.snapshots = new LineWriter(join(options.out, 'system_snapshots.csv'));
    this.rollbacks = new LineWriter(join(options.out, 'rollback_operations.csv'));
    void this.snapshots.write(
      'id,timestamp,created_by,entity_types,snapshot_data,metadata,checksum,retention_date,created_at',
    );
    void this.rollbacks.write(
      'id,rollback_type,target_timestamp,target_snapshot_id,initiated_by,status,progress,result,created_at,completed_at',
    );
    this.nextSnapshotMs = Math.floor(options.startMs / DAY_MS) * DAY_MS + DAY_MS + 3 * 3_600_000;
  }

  written(): number {
    return this.audit.rows;
  }

  lastMs(): number {
    return this.audit.lastMs;
  }

  budget(): number {
    return this.options.events - this.audit.rows;
  }

  /** One tick of ordinary dashboard work: at least one row, never past the budget. */
  async step(t: number): Promise<void> {
    if (this.pendingRollback && this.pendingRollback.at <= t && this.budget() >= 2)
      return runRollback(this, t);
    return ordinaryStep(this, t);
  }

  /** Writes one audit row, after any nightly snapshot that falls before it. */
  async emit(row: AuditRow): Promise<string> {
    while (this.nextSnapshotMs < row.ts) await this.snapshot();
    if ((this.audit.rows & 0xffff) === 0xffff) this.options.onProgress?.(this.audit.rows + 1);
    return this.audit.write(row);
  }

  /** A row by `actor` with the usual defaults; `extra` fills in the operation. */
  row(
    actor: Actor,
    ts: number,
    session: { sessionId: string; ip: string },
    extra: Partial<AuditRow>,
  ): AuditRow {
    this.rowsByActor.set(actor, (this.rowsByActor.get(actor) ?? 0) + 1);
    return {
      id: fastUuid(this.rng),
      ts,
      userId: actor.id,
      email: actor.email,
      role: actor.role,
      sessionId: session.sessionId,
      op: 'READ',
      entityType: 'shipment',
      entityId: '*',
      oldValues: null,
      newValues: null,
      ip: session.ip,
      userAgent: actor.userAgent,
      reason: null,
      metadata: actor.role === 'api' ? API_META : UI_META,
      correlationId: fastUuid(this.rng),
      parentId: null,
      rollbackId: null,
      insertLagMs: this.rng.int(1, 40),
      ...extra,
    };
  }

  /** The actor's session at `ts`; a new one opens with a LOGIN row (and now and then a typo first). */
  async session(actor: Actor, ts: number): Promise<{ sessionId: string; ip: string; ts: number }> {
    const s = this.pool.touch(actor, ts);
    if (!s.newSession || this.budget() < 2) return this.opening({ ...s, ts });
    let t = ts;
    if (this.budget() >= 3 && this.rng.chance(0.03)) {
      await this.emit(this.loginRow(actor, t, s, false));
      t += this.rng.int(4000, 15000);
    }
    await this.emit(this.loginRow(actor, t, s, true));
    return this.opening({ ...s, ts: t + this.rng.int(800, 6000) });
  }

  /**
   * Every operation changes the record store before it writes its row: the snapshots due
   * before the operation must be taken first, or a snapshot would show a change made after it.
   */
  private async opening<S extends { ts: number }>(session: S): Promise<S> {
    while (this.nextSnapshotMs < session.ts) await this.snapshot();
    return session;
  }

  loginRow(actor: Actor, ts: number, s: { sessionId: string; ip: string }, ok: boolean): AuditRow {
    return this.row(actor, ts, s, {
      op: ok ? 'LOGIN' : 'LOGIN_FAILED',
      entityType: 'session',
      entityId: s.sessionId,
      newValues: ok ? { ok: true } : { ok: false, reason: 'invalid_password' },
      changeKind: 'UPDATE',
    });
  }

  /** The administrator sets the system up: the settings record every later CONFIG_CHANGE edits. */
  async start(): Promise<void> {
    const admin = this.pool.actors.find((a) => a.role === 'admin') as Actor;
    const t = this.clock.next();
    const s = await this.session(admin, t);
    if (this.budget() < 1) return;
    const live = this.store.create('settings', 'SET-global', { ...SETTINGS_INITIAL });
    await this.emit(
      this.row(admin, s.ts, s, {
        op: 'CREATE',
        entityType: 'settings',
        entityId: live.id,
        newValues: live.fields,
        changeKind: 'CREATE',
      }),
    );
    this.clock.advanceTo(s.ts);
  }

  /** Nightly snapshot of the bounded types: every live record, as the log has built it. */
  private async snapshot(): Promise<void> {
    const ts = this.nextSnapshotMs;
    this.nextSnapshotMs += DAY_MS;
    const entities = SNAPSHOT_TYPES.flatMap((type) =>
      this.store
        .all(type)
        .map((l) => ({ entityType: type, entityId: l.id, version: l.version, data: l.fields })),
    );
    const data = { entities };
    const id = fastUuid(this.rng);
    this.lastSnapshotId = id;
    this.snapshotRows++;
    await this.snapshots.write(
      pgCsvRow([
        id,
        fastIso(ts),
        '',
        pgCsvField(SNAPSHOT_TYPES, 'array'),
        pgCsvField(data, 'json'),
        pgCsvField({ trigger: 'scheduled', entity_count: entities.length }, 'json'),
        hash('sha256', canonicalJson(data), 'hex'),
        fastIso(ts + 90 * DAY_MS),
        fastIso(ts + this.rng.int(200, 3000)),
      ]),
    );
  }

  async writeRollbackOperation(
    id: string,
    target: PendingRollback,
    admin: Actor,
    from: number,
    to: number,
    restored: number,
  ): Promise<void> {
    this.rollbackRows++;
    const total = target.restores.length;
    await this.rollbacks.write(
      pgCsvRow([
        id,
        'operation',
        fastIso(target.bulkTs),
        pgCsvField(this.lastSnapshotId),
        admin.id,
        'completed',
        pgCsvField({ total, done: total }, 'json'),
        pgCsvField({ restored, skipped: total - restored, target_operation: target.bulkId }, 'json'),
        fastIso(from),
        fastIso(to),
      ]),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.audit.close(), this.snapshots.close(), this.rollbacks.close()]);
  }
}
