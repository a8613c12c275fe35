import type { SystemGenerator } from './types.js';
import { WedsyncRun } from './wedsyncRun.js';
import { planWedsyncIncidents } from './wedsyncIncidents.js';
import { generateWithIncidents } from './synthKit.js';

/**
 * WedSync wedding platform audit logs: planners, coordinators, assistants and vendors manage
 * guests, vendors, weddings, tasks and payments, with sessions and background jobs. Every row of
 * audit_logs and audit_logs_archive (the oldest ~20% once there are more than 5,000) is one event.
 */
export const generateWedsync: SystemGenerator = async (options) => {
  const run = new WedsyncRun(options);
  const plan = options.incidents ? planWedsyncIncidents(run, options.events) : [];
  const incidents = await generateWithIncidents(run, options.events, plan);
  await run.close();
  const profiles = await run.writeProfiles();
  return {
    files: [
      { path: 'audit_logs.ndjson', records: run.rows - run.archived },
      ...(run.archived > 0 ? [{ path: 'audit_logs_archive.ndjson', records: run.archived }] : []),
      { path: 'user_profiles.ndjson', records: profiles },
    ],
    events: run.rows,
    groundTruth: { system: 'wedsync', seed: options.seed, incidents },
  };
};
