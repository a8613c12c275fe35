import type { SystemGenerator } from './types.js';
import { DescendantsRun } from './descendantsRun.js';
import { planDescendantsIncidents } from './descendantsIncidents.js';

/**
 * Descendants world history: builders (people and AI simulants) raise walls, towers, floors
 * and huts block by block, decorate and demolish them; simulants walk between plots; periodic
 * snapshots hold the complete world. Every line of world_changes.ndjson is one event.
 */
export const generateDescendants: SystemGenerator = async (options) => {
  const run = new DescendantsRun(options);
  const plan = options.incidents ? planDescendantsIncidents(run, options.events) : [];
  await run.start();
  let next = 0;
  while (run.log.count < options.events) {
    const t = run.clock.next();
    const incident = plan[next];
    if (incident && run.log.count >= incident.dueAt) {
      incident.startMs ??= incident.window(t);
      const reserved = plan.slice(next).reduce((sum, p) => sum + p.size, 0) + 2;
      // Planted when its window opens, or now if the budget left is only just enough for it.
      if (t >= incident.startMs || options.events - run.log.count <= reserved) {
        const start = Math.max(incident.startMs, run.log.lastMs + 1000);
        const found = await incident.run(start, options.events - run.log.count);
        if (found) run.incidents.push(found);
        run.clock.advanceTo(run.log.lastMs);
        next++;
        continue;
      }
    }
    await run.step(t);
  }
  await run.close();
  return {
    files: [
      { path: 'world_changes.ndjson', records: run.log.count },
      { path: 'world_snapshots.ndjson', records: run.snapshotCount },
      { path: 'bookmarks.ndjson', records: run.bookmarkCount },
    ],
    events: run.log.count,
    groundTruth: { system: 'descendants', seed: options.seed, incidents: run.incidents },
  };
};
