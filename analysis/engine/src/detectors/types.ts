import type { ArchiveStore } from '../store/ArchiveStore.js';
import { SEVERITIES } from '../../../core/src/index.js';
import type { Severity } from '../../../core/src/index.js';
import type { DetectorSettings } from './settings.js';
import type { Rollups } from './rollups.js';

export type { Severity };

export const DETECTOR_IDS = [
  'volume_spike',
  'burst',
  'off_hours',
  'first_seen',
  'rare_action',
  'mass_destructive',
  'auth_bruteforce',
  'privilege_change',
  'bulk_export',
  'sequence_gap',
  'time_gap',
  'peer_deviation',
] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

/** One finding, as `analyze --json` prints it (shared/spec/cli.md). */
export interface Finding {
  detector: DetectorId | string;
  severity: Severity;
  score: number;
  actor?: string;
  entity?: string;
  /** ISO 8601 UTC. */
  from: string;
  to: string;
  count: number;
  summary: string;
  /** `seq` of the rows that make up the finding (at most `settings.maxEvidence`). */
  evidence: number[];
}

/**
 * What a detector reads: `source` is a relation with the columns of `events` (the table
 * itself, or a temporary table holding the filtered rows), so detectors never see user
 * values and need no parameters of their own beyond their settings; `rollups` are small
 * aggregates of it that most statistics start from instead of another full scan.
 */
export interface DetectorContext {
  store: ArchiveStore;
  source: string;
  settings: DetectorSettings;
  /** Aggregates of `source` built once per analysis (see `rollups.ts`). */
  rollups: Rollups;
}

export interface Detector {
  id: DetectorId;
  run(ctx: DetectorContext): Promise<Finding[]>;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
