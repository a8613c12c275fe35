import type { Actor } from './actors.js';
import type { Rng } from './rng.js';
import type { LogRow, WedsyncRun } from './wedsyncRun.js';
import type { ResourceType } from './wedsyncWorld.js';

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

/** A `resource.verb` for someone with `role`, by the role's usual mix. */
export function pickAction(rng: Rng, role: string): string {
  const actions = ROLE_ACTIONS[role] ?? [];
  return actions[rng.weighted(ROLE_WEIGHTS.get(role) ?? [])]?.[0] ?? 'guest.view';
}

/** One action by `actor`: a create, edit, view, delete, export, logout or role change. */
export function act(
  run: WedsyncRun,
  actor: Actor,
  s: { sessionId: string; ip: string; ts: number },
  action: string,
): LogRow {
  const dot = action.indexOf('.');
  const type = action.slice(0, dot) as ResourceType;
  let verb = action.slice(dot + 1);
  if (verb === 'logout') return run.row(actor, s.ts, s.ip, { action, resourceId: s.sessionId, details: {} });
  if (verb === 'permission_change') return permissionChange(run, actor, s.ts, s.ip);
  if (verb === 'export') {
    const details = { rows: run.world.count(type), format: run.rng.pick(['csv', 'pdf', 'xlsx']) };
    return run.row(actor, s.ts, s.ip, {
      action,
      resourceId: '*',
      details,
      severity: details.rows >= 500 ? 'warning' : 'info',
    });
  }
  if (verb === 'create' && run.world.atCap(type)) verb = 'delete';
  const target = verb === 'create' ? undefined : run.world.random(type);
  if (!target || verb === 'create') {
    const created = run.world.create(type);
    return run.row(actor, s.ts, s.ip, {
      action: `${type}.create`,
      resourceId: created.id,
      details: { values: created.values },
    });
  }
  if (verb === 'delete') {
    run.world.delete(type, target);
    return run.row(actor, s.ts, s.ip, {
      action,
      resourceId: target.id,
      details: { values: target.values },
      severity: 'warning',
    });
  }
  const changes = verb === 'update' ? run.world.edit(type, target) : undefined;
  if (!changes)
    return run.row(actor, s.ts, s.ip, { action: `${type}.view`, resourceId: target.id, details: {} });
  const severity = Object.keys(changes).some((k) => SENSITIVE.has(k)) ? 'warning' : 'info';
  const details = run.rng.chance(0.1) ? { changes, reason: 'requested by couple' } : { changes };
  return run.row(actor, s.ts, s.ip, { action, resourceId: target.id, details, severity });
}

/** An administrator moves a colleague between assistant and coordinator. */
function permissionChange(run: WedsyncRun, actor: Actor, ts: number, ip: string): LogRow {
  const target = run.pool.actors.find(
    (a) => a !== actor && (a.role === 'assistant' || a.role === 'coordinator') && run.rng.chance(0.2),
  );
  if (!target)
    return run.row(actor, ts, ip, {
      action: 'guest.view',
      resourceId: run.world.random('guest')?.id ?? 'g_0',
      details: {},
    });
  const old = target.role;
  target.role = old === 'assistant' ? 'coordinator' : 'assistant';
  const details = { changes: { role: { old, new: target.role } } };
  return run.row(actor, ts, ip, {
    action: 'user.permission_change',
    resourceId: target.id,
    details,
    severity: 'critical',
  });
}

/** Background jobs: vendor notifications and payment gateway callbacks, with no user. */
export function serviceRow(run: WedsyncRun, t: number): LogRow {
  const base = { ts: t, userId: null, ip: null, userAgent: WORKER_AGENT, severity: 'info' as const };
  const payment = run.rng.chance(0.3) ? run.world.random('payment') : undefined;
  if (payment) {
    const changes = run.world.edit('payment', payment);
    if (changes)
      return {
        ...base,
        action: 'payment.update',
        resourceType: 'payment',
        resourceId: payment.id,
        details: { changes },
      };
  }
  const vendor = run.world.random('vendor');
  if (!vendor)
    return {
      ...base,
      action: 'task.notify',
      resourceType: 'task',
      resourceId: '*',
      details: { message: 'daily digest' },
    };
  const message = run.rng.pick([
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
