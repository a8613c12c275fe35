import type { Actor } from './actors.js';
import { foreignIp } from './actors.js';
import type { PlannedIncident } from './synthKit.js';
import { incident, nextHour, nextWeekday } from './synthKit.js';
import type { WedsyncRun } from './wedsyncRun.js';

const INTRUDER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0';

export function planWedsyncIncidents(run: WedsyncRun, target: number): PlannedIncident[] {
  const cast = new Set<Actor>();
  return [
    bruteForceExport(run, target, cast),
    selfPromotion(run, target, cast),
    massDelete(run, target, cast),
  ];
}

/** The most active account with one of `roles` not yet cast in another incident. */
function established(run: WedsyncRun, roles: readonly string[], cast: Set<Actor>): Actor | undefined {
  const fits = (a: Actor): boolean => roles.includes(a.role) && !cast.has(a);
  let best: Actor | undefined;
  for (const [actor, rows] of run.rowsByActor) {
    if (fits(actor) && (!best || rows > (run.rowsByActor.get(best) ?? 0))) best = actor;
  }
  best ??= run.pool.actors.find(fits);
  if (best) cast.add(best);
  return best;
}

/** Password guessing against a planner's account, a success, then the guest list walks out. */
function bruteForceExport(run: WedsyncRun, target: number, cast: Set<Actor>): PlannedIncident {
  const failures = Math.min(40, Math.max(6, Math.round(target * 0.0005)));
  const views = Math.min(150, Math.max(3, Math.round(target * 0.0015)));
  return {
    dueAt: Math.floor(target * 0.4),
    size: failures + 1 + 3 + views,
    window: (now) => nextHour(now, 21) + run.rng.int(0, 90) * 60_000,
    run: async (start, budget) => {
      const victim = established(run, ['planner', 'coordinator'], cast);
      if (!victim || budget < failures + 2) return undefined;
      const ip = foreignIp(run.rng);
      const as = { userAgent: INTRUDER_AGENT };
      const evidence: string[] = [];
      let ts = start;
      for (let i = 0; i < failures; i++) {
        evidence.push(
          await run.emit({ ...run.loginRow(victim, ts, ip, `anon_${run.rng.hex(10)}`, false), ...as }),
        );
        ts += run.rng.int(1500, 6000);
      }
      victim.sessionSerial += 1;
      const sessionId = `sess_${victim.id.slice(0, 12)}_${victim.sessionSerial}`;
      evidence.push(await run.emit({ ...run.loginRow(victim, ts, ip, sessionId, true), ...as }));
      for (const type of ['guest', 'vendor', 'payment'] as const) {
        if (evidence.length >= budget) break;
        ts += run.rng.int(5000, 30000);
        const details = { rows: Math.max(run.world.count(type), 1), format: 'csv' };
        evidence.push(
          await run.emit(
            run.row(victim, ts, ip, {
              action: `${type}.export`,
              resourceId: '*',
              details,
              severity: 'warning',
              ...as,
            }),
          ),
        );
      }
      for (let i = 0; i < views && evidence.length < budget; i++) {
        ts += run.rng.int(150, 900);
        const guest = run.world.random('guest');
        evidence.push(
          await run.emit(
            run.row(victim, ts, ip, {
              action: 'guest.view',
              resourceId: guest?.id ?? '*',
              details: {},
              ...as,
            }),
          ),
        );
      }
      victim.lastActiveMs = ts;
      return incident(
        'guest_list_exfiltration',
        victim.id,
        start,
        run.lastMs(),
        ['auth_bruteforce', 'bulk_export'],
        evidence,
      );
    },
  };
}

/** An assistant grants themselves the admin role. */
function selfPromotion(run: WedsyncRun, target: number, cast: Set<Actor>): PlannedIncident {
  return {
    dueAt: Math.floor(target * 0.6),
    size: 3,
    window: (now) => nextWeekday(now, 15) + run.rng.int(0, 120) * 60_000,
    run: async (start, budget) => {
      const actor = established(run, ['assistant'], cast);
      if (!actor || budget < 3) return undefined;
      const s = await run.session(actor, start);
      const details = { changes: { role: { old: actor.role, new: 'admin' } } };
      const id = await run.emit(
        run.row(actor, s.ts, s.ip, {
          action: 'user.permission_change',
          resourceId: actor.id,
          details,
          severity: 'critical',
        }),
      );
      actor.role = 'admin';
      return incident('privilege_escalation', actor.id, s.ts, s.ts, ['privilege_change'], [id]);
    },
  };
}

/** A coordinator deletes hundreds of guests within minutes. */
function massDelete(run: WedsyncRun, target: number, cast: Set<Actor>): PlannedIncident {
  const size = Math.min(300, Math.max(4, Math.round(target * 0.008)));
  return {
    dueAt: Math.floor(target * 0.75),
    size: size + 1,
    window: (now) => nextHour(now, 23) + run.rng.int(0, 40) * 60_000,
    run: async (start, budget) => {
      const actor = established(run, ['coordinator', 'planner'], cast);
      if (!actor || budget < 2) return undefined;
      const s = await run.session(actor, start);
      const evidence: string[] = [];
      let ts = s.ts;
      while (evidence.length < Math.min(size, run.budget())) {
        const guest = run.world.random('guest');
        if (!guest) break;
        run.world.delete('guest', guest);
        const row = run.row(actor, ts, s.ip, {
          action: 'guest.delete',
          resourceId: guest.id,
          details: { values: guest.values },
          severity: 'warning',
        });
        evidence.push(await run.emit(row));
        ts += run.rng.int(400, 2500);
      }
      if (evidence.length === 0) return undefined;
      return incident('mass_delete', actor.id, s.ts, run.lastMs(), ['mass_destructive'], evidence);
    },
  };
}
