import type { Actor } from './actors.js';
import { foreignIp } from './actors.js';
import type { PlannedIncident } from './synthKit.js';
import { incident, nextHour, nextWeekday } from './synthKit.js';
import type { QcsEntityType } from './qcsEntities.js';
import type { QcsRun } from './qcsRun.js';

const INTRUDER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0';

export function planQcsIncidents(run: QcsRun, target: number): PlannedIncident[] {
  return [
    massDeletion(run, target),
    bruteForceExport(run, target),
    selfEscalation(run, target),
    logGap(run, target),
  ];
}

/** Accounts already cast in an incident: each incident gets its own, so findings do not blur. */
const cast = new WeakMap<QcsRun, Set<Actor>>();

/** The most active user with `roles` so far: an established account, with a learned routine. */
function established(run: QcsRun, roles: readonly string[]): Actor | undefined {
  const used = cast.get(run) ?? new Set<Actor>();
  cast.set(run, used);
  const fits = (a: Actor): boolean => roles.includes(a.role) && !used.has(a);
  let best: Actor | undefined;
  for (const [actor, rows] of run.rowsByActor) {
    if (fits(actor) && (!best || rows > (run.rowsByActor.get(best) ?? 0))) best = actor;
  }
  best ??= run.pool.actors.find(fits);
  if (best) used.add(best);
  return best;
}

/** A fresh session from an address the account has never used, as a stolen login would have. */
function foreignSession(run: QcsRun, actor: Actor, ts: number): { sessionId: string; ip: string } {
  actor.sessionSerial += 1;
  actor.sessionId = `sess_${actor.id.slice(0, 12)}_${actor.sessionSerial}`;
  actor.lastActiveMs = ts;
  return { sessionId: actor.sessionId, ip: foreignIp(run.rng) };
}

/** At night, from a new address, a manager's account deletes hundreds of records one by one. */
function massDeletion(run: QcsRun, target: number): PlannedIncident {
  const size = Math.min(400, Math.max(4, Math.round(target * 0.01)));
  return {
    dueAt: Math.floor(target * 0.45),
    size,
    window: (now) => nextHour(now, 1) + run.rng.int(0, 60) * 60_000,
    run: async (start, budget) => {
      const actor = established(run, ['manager', 'admin']);
      if (!actor || budget < 2) return undefined;
      const s = foreignSession(run, actor, start);
      const agent = { userAgent: INTRUDER_AGENT };
      const evidence = [await run.emit({ ...run.loginRow(actor, start, s, true), ...agent })];
      let ts = start + run.rng.int(5000, 20000);
      const types: QcsEntityType[] = ['shipment', 'customer', 'invoice'];
      for (let i = 0; evidence.length < Math.min(size, budget); i++) {
        let type = types[i % types.length] as QcsEntityType;
        let live = run.store.random(type);
        if (!live) live = run.store.random((type = 'shipment'));
        if (!live) break;
        run.store.delete(type, live);
        const row = run.row(actor, ts, s, {
          op: 'DELETE',
          entityType: type,
          entityId: live.id,
          oldValues: live.fields,
          changeKind: 'DELETE',
          ...agent,
        });
        evidence.push(await run.emit(row));
        ts += run.rng.int(800, 4000);
      }
      return incident(
        'mass_deletion',
        actor.id,
        start,
        run.lastMs(),
        ['mass_destructive', 'off_hours', 'first_seen'],
        evidence,
      );
    },
  };
}

/** Password guessing against one account from one address, a success, then everything exported. */
function bruteForceExport(run: QcsRun, target: number): PlannedIncident {
  const failures = Math.min(40, Math.max(6, Math.round(target * 0.0005)));
  const reads = Math.min(200, Math.max(3, Math.round(target * 0.002)));
  return {
    dueAt: Math.floor(target * 0.6),
    size: failures + 1 + 4 + reads,
    window: (now) => nextHour(now, 22) + run.rng.int(0, 60) * 60_000,
    run: async (start, budget) => {
      const victim = established(run, ['clerk', 'manager']);
      if (!victim || budget < failures + 2) return undefined;
      const ip = foreignIp(run.rng);
      const evidence: string[] = [];
      let ts = start;
      for (let i = 0; i < failures; i++) {
        const s = { sessionId: `anon_${run.rng.hex(10)}`, ip };
        const row = {
          ...run.loginRow(victim, ts, s, false),
          userId: null,
          role: 'anonymous',
          userAgent: INTRUDER_AGENT,
        };
        evidence.push(await run.emit(row));
        ts += run.rng.int(1500, 6000);
      }
      const s = { ...foreignSession(run, victim, ts), ip };
      const agent = { userAgent: INTRUDER_AGENT };
      evidence.push(await run.emit({ ...run.loginRow(victim, ts, s, true), ...agent }));
      for (const type of ['customer', 'invoice', 'shipment', 'package'] as const) {
        if (evidence.length >= budget) break;
        ts += run.rng.int(3000, 20000);
        const newValues = { rows: run.store.count(type) + 40_000 + run.rng.int(0, 9000), format: 'csv' };
        evidence.push(
          await run.emit(
            run.row(victim, ts, s, { op: 'EXPORT', entityType: type, entityId: '*', newValues, ...agent }),
          ),
        );
      }
      for (let i = 0; i < reads && evidence.length < budget; i++) {
        ts += run.rng.int(200, 1200);
        const live = run.store.random('customer');
        evidence.push(
          await run.emit(
            run.row(victim, ts, s, {
              op: 'READ',
              entityType: 'customer',
              entityId: live?.id ?? '*',
              ...agent,
            }),
          ),
        );
      }
      return incident(
        'bruteforce_exfiltration',
        victim.id,
        start,
        run.lastMs(),
        ['auth_bruteforce', 'bulk_export'],
        evidence,
      );
    },
  };
}

/** A clerk makes themselves an administrator, then switches multi-factor authentication off. */
function selfEscalation(run: QcsRun, target: number): PlannedIncident {
  return {
    dueAt: Math.floor(target * 0.7),
    size: 3,
    window: (now) => nextWeekday(now, 14) + run.rng.int(0, 120) * 60_000,
    run: async (start, budget) => {
      const actor = established(run, ['clerk']);
      if (!actor || budget < 3) return undefined;
      const s = await run.session(actor, start);
      const grant = run.row(actor, s.ts, s, {
        op: 'PERMISSION_CHANGE',
        entityType: 'user',
        entityId: actor.id,
        oldValues: { role: actor.role },
        newValues: { role: 'admin' },
        changeKind: 'UPDATE',
      });
      const evidence = [await run.emit(grant)];
      actor.role = 'admin';
      const settings = run.store.random('settings');
      const edit = settings && run.store.apply(settings, { mfa_required: false });
      if (settings && edit && run.budget() >= 1) {
        const ts = s.ts + run.rng.int(20_000, 90_000);
        const row = run.row(actor, ts, s, {
          op: 'CONFIG_CHANGE',
          entityType: 'settings',
          entityId: settings.id,
          oldValues: edit.old,
          newValues: edit.next,
          changeKind: 'UPDATE',
        });
        evidence.push(await run.emit(row));
      }
      return incident('privilege_escalation', actor.id, s.ts, run.lastMs(), ['privilege_change'], evidence);
    },
  };
}

/** Six hours of a busy weekday missing from the audit table. */
function logGap(run: QcsRun, target: number): PlannedIncident {
  return {
    dueAt: Math.floor(target * 0.85),
    size: 1,
    window: (now) => nextWeekday(now, 10) + run.rng.int(0, 90) * 60_000,
    run: async (start, budget) => {
      const beforeId = run.audit.lastId;
      const beforeMs = run.lastMs();
      if (!beforeId || budget < 1) return undefined;
      run.clock.advanceTo(start + 6 * 3_600_000);
      run.audit.mark();
      await run.step(run.clock.next());
      // The first row after the gap (the tick may open with a LOGIN before the action).
      const after = run.audit.firstAfterMark;
      return incident(
        'log_gap',
        'system',
        beforeMs,
        run.audit.firstAfterMarkMs,
        ['time_gap'],
        [beforeId, after],
      );
    },
  };
}
