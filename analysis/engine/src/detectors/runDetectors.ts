import { randomBytes } from 'node:crypto';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { compileFilter } from '../analytics/filter.js';
import type { EventFilter } from '../analytics/filter.js';
import { authBruteforce } from './authBruteforce.js';
import { bulkExport } from './bulkExport.js';
import { burst } from './burst.js';
import { firstSeen } from './firstSeen.js';
import { massDestructive } from './massDestructive.js';
import { offHours } from './offHours.js';
import { peerDeviation } from './peerDeviation.js';
import { privilegeChange } from './privilegeChange.js';
import { rareAction } from './rareAction.js';
import { sequenceGap } from './sequenceGap.js';
import { detectorSettings } from './settings.js';
import type { DeepPartial, DetectorSettings } from './settings.js';
import { timeGap } from './timeGap.js';
import type { Detector, DetectorId, Finding } from './types.js';
import { severityRank } from './types.js';
import { volumeSpike } from './volumeSpike.js';

/** Every detector of shared/spec/cli.md, in the order of its list. */
export const DETECTORS: readonly Detector[] = [
  volumeSpike,
  burst,
  offHours,
  firstSeen,
  rareAction,
  massDestructive,
  authBruteforce,
  privilegeChange,
  bulkExport,
  sequenceGap,
  timeGap,
  peerDeviation,
];

export interface AnalyzeOptions {
  filter?: EventFilter;
  /** Only these detectors (default: all). */
  detectors?: readonly DetectorId[];
  settings?: DeepPartial<DetectorSettings>;
  /** Called after each detector, for progress and timings. */
  onDetector?: (id: DetectorId, findings: number, ms: number) => void;
}

/** `analyze --json` of shared/spec/cli.md. */
export interface AnalyzeResult {
  findings: Finding[];
  detectors: { id: string; findings: number }[];
}

/**
 * Runs the detectors over the archive (or the filtered part of it). A filter is applied
 * once, into a temporary table the detectors read like `events`, so its bound parameters
 * never have to reach the detectors' own SQL and each detector scans only the selection.
 * Findings come out most severe first, then by score.
 */
export async function runDetectors(
  store: ArchiveStore,
  options: AnalyzeOptions = {},
): Promise<AnalyzeResult> {
  const settings = detectorSettings(options.settings);
  const compiled = compileFilter(options.filter);
  let source = 'events';
  if (compiled.where !== '') {
    source = `analyze_${randomBytes(6).toString('hex')}`;
    await store.all(`CREATE TEMP TABLE ${source} AS SELECT * FROM events ${compiled.where}`, compiled.params);
  }
  try {
    const chosen = DETECTORS.filter((d) => !options.detectors || options.detectors.includes(d.id));
    const findings: Finding[] = [];
    const summary: AnalyzeResult['detectors'] = [];
    for (const detector of chosen) {
      const started = performance.now();
      const found = await detector.run({ store, source, settings });
      options.onDetector?.(detector.id, found.length, performance.now() - started);
      findings.push(...found);
      summary.push({ id: detector.id, findings: found.length });
    }
    findings.sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        b.score - a.score ||
        a.from.localeCompare(b.from),
    );
    return { findings, detectors: summary };
  } finally {
    if (source !== 'events') await store.all(`DROP TABLE IF EXISTS ${source}`);
  }
}
