/**
 * Thresholds of every detector. The defaults are chosen to work on every system without
 * tuning: each statistic is relative to the actor's (or the archive's) own baseline, so the
 * absolute numbers below are floors that keep tiny archives from producing noise.
 */
export interface DetectorSettings {
  /** Most evidence rows kept per finding. */
  maxEvidence: number;
  /** How close (minutes) another kind of signal on the same actor must come to back a weak one (`triage.ts`). */
  corroborateMinutes: number;
  volumeSpike: { minZ: number; minCount: number; minDays: number };
  burst: { windowSeconds: number; minCount: number; ratio: number };
  offHours: { maxShare: number; minHistory: number; minEvents: number; minDays: number };
  firstSeen: { warmupHours: number; warmupEvents: number; evidenceMinutes: number };
  rareAction: { maxShare: number; maxOccurrences: number };
  massDestructive: { windowSeconds: number; minCount: number; ratio: number };
  authBruteforce: { windowSeconds: number; minFailures: number; minFailuresWithoutSuccess: number };
  bulkExport: {
    windowSeconds: number;
    minExports: number;
    exportRatio: number;
    minReads: number;
    ratio: number;
  };
  sequenceGap: { minRun: number; minRegularity: number };
  timeGap: { minGapMinutes: number; minExpected: number; minDays: number };
  peerDeviation: { minZ: number; minPeers: number; minCount: number };
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  maxEvidence: 500,
  corroborateMinutes: 60,
  volumeSpike: { minZ: 6, minCount: 10, minDays: 3 },
  burst: { windowSeconds: 120, minCount: 6, ratio: 5 },
  offHours: { maxShare: 0.02, minHistory: 200, minEvents: 5, minDays: 3 },
  firstSeen: { warmupHours: 24, warmupEvents: 50, evidenceMinutes: 60 },
  rareAction: { maxShare: 0.001, maxOccurrences: 5 },
  massDestructive: { windowSeconds: 600, minCount: 10, ratio: 5 },
  authBruteforce: { windowSeconds: 1800, minFailures: 5, minFailuresWithoutSuccess: 10 },
  bulkExport: { windowSeconds: 600, minExports: 4, exportRatio: 3, minReads: 50, ratio: 8 },
  sequenceGap: { minRun: 20, minRegularity: 0.95 },
  timeGap: { minGapMinutes: 30, minExpected: 50, minDays: 2 },
  peerDeviation: { minZ: 6, minPeers: 3, minCount: 10 },
};

/** Deep-merges partial overrides (e.g. from a settings file) over the defaults. */
export function detectorSettings(overrides: DeepPartial<DetectorSettings> = {}): DetectorSettings {
  const out = structuredClone(DEFAULT_DETECTOR_SETTINGS) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const base = out[key];
    out[key] =
      typeof value === 'object' && value !== null && typeof base === 'object' && base !== null
        ? { ...(base as object), ...(value as object) }
        : value;
  }
  return out as unknown as DetectorSettings;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };
