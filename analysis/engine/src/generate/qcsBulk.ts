import type { Actor } from './actors.js';
import { fastUuid } from './synthKit.js';
import type { Fields, Live, QcsEntityType } from './qcsEntities.js';
import type { AuditRow } from './qcsRows.js';
import type { PendingRollback, QcsRun } from './qcsRun.js';

type Session = { sessionId: string; ip: string; ts: number };

/** Picks up to `n` distinct live records of a type. */
function distinct(run: QcsRun, type: QcsEntityType, n: number): Live[] {
  const picked = new Set<Live>();
  for (let tries = 0; tries < n * 2 && picked.size < n; tries++) {
    const live = run.store.random(type);
    if (live) picked.add(live);
  }
  return [...picked];
}

/** A BULK_* parent row and one child row per record, linked by parent id and correlation id. */
async function writeBulk(
  run: QcsRun,
  actor: Actor,
  s: Session,
  op: string,
  type: QcsEntityType,
  children: Partial<AuditRow>[],
): Promise<string> {
  const parent = run.row(actor, s.ts, s, {
    op,
    entityType: type,
    entityId: '*',
    newValues: { count: children.length },
  });
  await run.emit(parent);
  let ts = s.ts;
  for (const child of children) {
    ts += run.rng.int(1, 4);
    await run.emit(
      run.row(actor, ts, s, {
        entityType: type,
        correlationId: parent.correlationId,
        parentId: parent.id,
        ...child,
      }),
    );
  }
  return parent.id;
}

function bulkSize(run: QcsRun): number {
  return Math.min(run.rng.int(5, 60), run.budget() - 1);
}

/** Packages registered in one go; false when there is no room for a real batch. */
export async function bulkCreate(run: QcsRun, actor: Actor, s: Session): Promise<boolean> {
  const n = Math.min(bulkSize(run), 4000 - run.store.count('package'));
  if (n < 2) return false;
  const children = Array.from({ length: n }, () => run.store.create('package')).map((live) => ({
    op: 'CREATE',
    entityId: live.id,
    newValues: live.fields,
    changeKind: 'CREATE' as const,
  }));
  await writeBulk(run, actor, s, 'BULK_CREATE', 'package', children);
  return true;
}

/** Shipments marked in transit in one go, now and then reverted later by an admin. */
export async function bulkUpdate(run: QcsRun, actor: Actor, s: Session): Promise<boolean> {
  // Everything marked in transit at once: a shortcut that is sometimes wrong, hence the rollbacks.
  const lives = distinct(run, 'shipment', bulkSize(run)).filter(
    (live) => live.fields.status !== 'in_transit',
  );
  if (lives.length < 2) return false;
  const edits = lives.flatMap((live) => {
    const edit = run.store.apply(live, { status: 'in_transit' });
    return edit ? [{ live, edit }] : [];
  });
  const children = edits.map(({ live, edit }) => ({
    op: 'UPDATE',
    entityId: live.id,
    oldValues: edit.old,
    newValues: edit.next,
    changeKind: 'UPDATE' as const,
  }));
  const bulkId = await writeBulk(run, actor, s, 'BULK_UPDATE', 'shipment', children);
  // Some bulk updates turn out to be mistakes, and the first one always does: an admin reverts it.
  if (!run.pendingRollback && (run.rollbackRows === 0 || run.rng.chance(0.05))) {
    const restores = edits.map(({ live, edit }) => ({ live, values: edit.old }));
    const at = run.lastMs() + run.rng.int(10, 120) * 60_000;
    run.pendingRollback = { at, bulkId, bulkTs: s.ts, entityType: 'shipment', restores };
  }
  return true;
}

/** Invoices cleaned up in one go. */
export async function bulkDelete(run: QcsRun, actor: Actor, s: Session): Promise<boolean> {
  const lives = distinct(run, 'invoice', bulkSize(run));
  if (lives.length < 2) return false;
  for (const live of lives) run.store.delete('invoice', live);
  const children = lives.map((live) => ({
    op: 'DELETE',
    entityId: live.id,
    oldValues: live.fields,
    changeKind: 'DELETE' as const,
  }));
  await writeBulk(run, actor, s, 'BULK_DELETE', 'invoice', children);
  return true;
}

/** The source system reverts a bulk update: a ROLLBACK parent and children restoring old values. */
export async function runRollback(run: QcsRun, t: number): Promise<void> {
  const target = run.pendingRollback as PendingRollback;
  run.pendingRollback = undefined;
  const admin = run.pool.actors.find((a) => a.role === 'admin') ?? run.pool.pick();
  const s = await run.session(admin, t);
  const rollbackId = fastUuid(run.rng);
  const restored = target.restores
    .filter(({ live }) => !live.deleted)
    .slice(0, Math.max(0, run.budget() - 1))
    .flatMap(({ live, values }) => {
      const edit = run.store.apply(live, values as Fields);
      return edit ? [{ live, edit }] : [];
    });
  const parent = run.row(admin, s.ts, s, {
    op: 'ROLLBACK',
    entityType: target.entityType,
    entityId: '*',
    newValues: { count: restored.length, target_operation: target.bulkId },
    reason: 'Revert mistaken bulk update',
    rollbackId,
  });
  await run.emit(parent);
  let ts = s.ts;
  for (const { live, edit } of restored) {
    ts += run.rng.int(1, 5);
    await run.emit(
      run.row(admin, ts, s, {
        op: 'UPDATE',
        entityType: target.entityType,
        entityId: live.id,
        oldValues: edit.old,
        newValues: edit.next,
        changeKind: 'UPDATE',
        correlationId: parent.correlationId,
        parentId: parent.id,
        rollbackId,
        reason: 'rollback',
      }),
    );
  }
  await run.writeRollbackOperation(rollbackId, target, admin, s.ts, ts, restored.length);
  run.clock.advanceTo(run.lastMs());
}
