import type { DescendantsRun } from './descendantsRun.js';
import { crewMetadata, removeParts } from './descendantsCrew.js';
import type { PlannedIncident } from './synthKit.js';
import { fastIso, nextHour, nextWeekday } from './synthKit.js';

const HOUR = 3_600_000;

export function planDescendantsIncidents(run: DescendantsRun, target: number): PlannedIncident[] {
  return [griefing(run, target), logGap(run, target)];
}

/** An established player returns at night and tears down hundreds of blocks in minutes. */
function griefing(run: DescendantsRun, target: number): PlannedIncident {
  const size = Math.min(400, Math.max(3, Math.round(target * 0.01)));
  return {
    dueAt: Math.floor(target * 0.5),
    size,
    window: (now) => nextHour(now, 2) + run.rng.int(0, 40) * 60_000,
    run: async (start, budget) => {
      const crew = run.mostActiveHuman();
      if (!crew) return undefined;
      const meta = crewMetadata(crew, run.pool.touch(crew.actor, start).sessionId);
      // The biggest structures first: the damage players notice next morning.
      const victims = run.world.plots.filter((s) => s !== undefined);
      victims.sort((a, b) => b.placed.length - a.placed.length);
      const evidence: string[] = [];
      let t = start;
      for (const structure of victims) {
        while (evidence.length < Math.min(size, budget) && structure.placed.length > 0) {
          const block = run.world.removeTop(structure);
          if (!block) break;
          evidence.push(await run.emit(t, { ...removeParts(block), metadata: meta }));
          t += run.rng.int(250, 1400);
        }
      }
      if (evidence.length === 0) return undefined;
      return {
        kind: 'griefing',
        actor: crew.actor.id,
        from: fastIso(start),
        to: fastIso(run.log.lastMs),
        detectors: ['mass_destructive', 'off_hours', 'burst'],
        evidence,
      };
    },
  };
}

/** Six hours of a busy weekday missing from the log: nothing written, nothing explains it. */
function logGap(run: DescendantsRun, target: number): PlannedIncident {
  return {
    dueAt: Math.floor(target * 0.8),
    size: 1,
    window: (now) => nextWeekday(now, 10) + run.rng.int(0, 90) * 60_000,
    run: async (start, budget) => {
      const beforeId = run.log.lastId;
      const beforeMs = run.log.lastMs;
      if (!beforeId || budget < 1) return undefined;
      run.clock.advanceTo(start + 6 * HOUR);
      await run.step();
      return {
        kind: 'log_gap',
        actor: 'system',
        from: fastIso(beforeMs),
        to: fastIso(run.log.lastMs),
        detectors: ['time_gap'],
        evidence: [beforeId, run.log.lastId],
      };
    },
  };
}
