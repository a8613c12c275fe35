import type { SystemGenerator } from './types.js';
import { QcsRun } from './qcsRun.js';
import { planQcsIncidents } from './qcsIncidents.js';
import { generateWithIncidents } from './synthKit.js';

/**
 * QCS Cargo admin dashboard audit: people and an integration account create, edit, read,
 * export and delete shipments, packages, invoices and customers, with sessions, bulk operations,
 * settings and role changes, nightly snapshots and the occasional rollback of a bad bulk update.
 * Every row of comprehensive_audit_log.csv is one event.
 */
export const generateQcs: SystemGenerator = async (options) => {
  const run = new QcsRun(options);
  const plan = options.incidents ? planQcsIncidents(run, options.events) : [];
  await run.start();
  const incidents = await generateWithIncidents(run, options.events, plan);
  await run.close();
  return {
    files: [
      { path: 'comprehensive_audit_log.csv', records: run.audit.rows },
      { path: 'system_snapshots.csv', records: run.snapshotRows },
      { path: 'rollback_operations.csv', records: run.rollbackRows },
    ],
    events: run.audit.rows,
    groundTruth: { system: 'qcs', seed: options.seed, incidents },
  };
};
