import type { Actor } from './actors.js';
import type { Rng } from './rng.js';
import type { QcsEntityType } from './qcsEntities.js';
import type { QcsRun } from './qcsRun.js';
import { bulkCreate, bulkDelete, bulkUpdate } from './qcsBulk.js';

type Session = { sessionId: string; ip: string; ts: number };
type Op = (run: QcsRun, actor: Actor, s: Session) => Promise<void>;

/** What each role does, by relative frequency. */
const ROLE_OPS: Record<string, [string, number][]> = {
  admin: [
    ['READ', 30],
    ['UPDATE', 25],
    ['CREATE', 10],
    ['DELETE', 8],
    ['EXPORT', 3],
    ['BULK_UPDATE', 2],
    ['BULK_DELETE', 1],
    ['BULK_CREATE', 1],
    ['CONFIG_CHANGE', 1.5],
    ['PERMISSION_CHANGE', 0.5],
    ['LOGOUT', 3],
  ],
  manager: [
    ['READ', 30],
    ['UPDATE', 30],
    ['CREATE', 15],
    ['DELETE', 6],
    ['EXPORT', 3],
    ['BULK_UPDATE', 2],
    ['BULK_DELETE', 0.7],
    ['LOGOUT', 3],
  ],
  clerk: [
    ['READ', 35],
    ['UPDATE', 33],
    ['CREATE', 22],
    ['DELETE', 3],
    ['EXPORT', 0.7],
    ['BULK_UPDATE', 0.5],
    ['LOGOUT', 3],
  ],
  auditor: [
    ['READ', 80],
    ['EXPORT', 6],
    ['LOGOUT', 4],
  ],
  api: [
    ['CREATE', 45],
    ['UPDATE', 50],
    ['BULK_CREATE', 3],
    ['READ', 2],
  ],
};
const ROLE_WEIGHTS = new Map(Object.entries(ROLE_OPS).map(([role, ops]) => [role, ops.map(([, w]) => w)]));
const TYPES: readonly QcsEntityType[] = ['shipment', 'package', 'invoice', 'customer'];
const TYPE_WEIGHTS = [40, 25, 20, 15];
const UPDATE_REASONS = ['customer request', 'data correction', 'carrier update', 'billing adjustment'];
const DELETE_REASONS = ['duplicate record', 'cancelled by customer', 'data cleanup'];

/** One tick of ordinary dashboard work by a weighted-random actor. */
export async function ordinaryStep(run: QcsRun, t: number): Promise<void> {
  const actor = run.pool.pick(undefined, t);
  const s = await run.session(actor, t);
  if (run.budget() < 1) return;
  const ops = ROLE_OPS[actor.role] ?? ROLE_OPS.clerk ?? [];
  const name = ops[run.rng.weighted(ROLE_WEIGHTS.get(actor.role) ?? [])]?.[0] ?? 'READ';
  await (OPS[name] ?? read)(run, actor, s);
  run.clock.advanceTo(run.lastMs());
}

function pickType(rng: Rng, actor: Actor): QcsEntityType {
  if (actor.role === 'api') return rng.chance(0.5) ? 'shipment' : 'package';
  return TYPES[rng.weighted(TYPE_WEIGHTS)] ?? 'shipment';
}

const create: Op = async (run, actor, s) => {
  const type = pickType(run.rng, actor);
  if (run.store.atCap(type)) return remove(run, actor, s);
  const live = run.store.create(type);
  await run.emit(
    run.row(actor, s.ts, s, {
      op: 'CREATE',
      entityType: type,
      entityId: live.id,
      newValues: live.fields,
      changeKind: 'CREATE',
    }),
  );
};

const update: Op = async (run, actor, s) => {
  const type = pickType(run.rng, actor);
  const live = run.store.random(type);
  if (!live) return create(run, actor, s);
  const edit = run.store.edit(type, live);
  if (!edit) return read(run, actor, s);
  const reason = run.rng.chance(0.15) ? run.rng.pick(UPDATE_REASONS) : null;
  await run.emit(
    run.row(actor, s.ts, s, {
      op: 'UPDATE',
      entityType: type,
      entityId: live.id,
      oldValues: edit.old,
      newValues: edit.next,
      changeKind: 'UPDATE',
      reason,
    }),
  );
};

const remove: Op = async (run, actor, s) => {
  const type = pickType(run.rng, actor);
  const live = run.store.random(type);
  if (!live) return create(run, actor, s);
  run.store.delete(type, live);
  const reason = run.rng.chance(0.3) ? run.rng.pick(DELETE_REASONS) : null;
  await run.emit(
    run.row(actor, s.ts, s, {
      op: 'DELETE',
      entityType: type,
      entityId: live.id,
      oldValues: live.fields,
      changeKind: 'DELETE',
      reason,
    }),
  );
};

const read: Op = async (run, actor, s) => {
  const type = pickType(run.rng, actor);
  const live = run.store.random(type);
  await run.emit(run.row(actor, s.ts, s, { op: 'READ', entityType: type, entityId: live?.id ?? '*' }));
};

const exportRows: Op = async (run, actor, s) => {
  const type = pickType(run.rng, actor);
  const rows = run.store.count(type) + run.rng.int(0, 50);
  const newValues = { rows, format: run.rng.pick(['csv', 'xlsx']) };
  await run.emit(run.row(actor, s.ts, s, { op: 'EXPORT', entityType: type, entityId: '*', newValues }));
};

const logout: Op = async (run, actor, s) => {
  await run.emit(
    run.row(actor, s.ts, s, {
      op: 'LOGOUT',
      entityType: 'session',
      entityId: s.sessionId,
      newValues: { ok: true },
      changeKind: 'UPDATE',
    }),
  );
  // The next action opens a fresh session with a LOGIN.
  actor.lastActiveMs = -Infinity;
};

const configChange: Op = async (run, actor, s) => {
  const live = run.store.random('settings');
  const edit = live && run.store.edit('settings', live);
  if (!live || !edit) return read(run, actor, s);
  await run.emit(
    run.row(actor, s.ts, s, {
      op: 'CONFIG_CHANGE',
      entityType: 'settings',
      entityId: live.id,
      oldValues: edit.old,
      newValues: edit.next,
      changeKind: 'UPDATE',
    }),
  );
};

/** An administrator moves a colleague between clerk and manager. */
const permissionChange: Op = async (run, actor, s) => {
  const target = run.pool.actors.find(
    (a) => a !== actor && (a.role === 'clerk' || a.role === 'manager') && run.rng.chance(0.2),
  );
  if (!target) return read(run, actor, s);
  const oldRole = target.role;
  target.role = oldRole === 'clerk' ? 'manager' : 'clerk';
  await run.emit(
    run.row(actor, s.ts, s, {
      op: 'PERMISSION_CHANGE',
      entityType: 'user',
      entityId: target.id,
      oldValues: { role: oldRole },
      newValues: { role: target.role },
      changeKind: 'UPDATE',
      reason: 'role review',
    }),
  );
};

const OPS: Record<string, Op> = {
  CREATE: create,
  UPDATE: update,
  DELETE: remove,
  READ: read,
  EXPORT: exportRows,
  LOGOUT: logout,
  CONFIG_CHANGE: configChange,
  PERMISSION_CHANGE: permissionChange,
  BULK_CREATE: async (run, actor, s) =>
    void ((await bulkCreate(run, actor, s)) || (await create(run, actor, s))),
  BULK_UPDATE: async (run, actor, s) =>
    void ((await bulkUpdate(run, actor, s)) || (await update(run, actor, s))),
  BULK_DELETE: async (run, actor, s) =>
    void ((await bulkDelete(run, actor, s)) || (await remove(run, actor, s))),
};
