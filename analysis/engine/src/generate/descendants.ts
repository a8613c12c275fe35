import type { SystemGenerator } from './types.js';
import { DescendantsRun } from './descendantsRun.js';
import { planDescendantsIncidents } from './descendantsIncidents.js';
import { generateWithIncidents } from './synthKit.js';

/**
 * Descendants world history: builders (people and AI simulants) raise walls, towers, floors
 * and huts block by block, decorate and demolish them; simulants walk between plots; periodic
 * snapshots hold the complete world. Every line of world_changes.ndjson is one event.
 */
export const generateDescendants: SystemGenerator = async (options) => {
  const run = new DescendantsRun(options);
  const plan = options.incidents ? planDescendantsIncidents(run, options.events) : [];
  await run.start();
  run.incidents.push(...(await generateWithIncidents(run, options.events, plan)));
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
