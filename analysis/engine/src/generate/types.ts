import type { SystemId } from '../../../core/src/index.js';

export interface GenerateOptions {
  system: SystemId;
  /** Rows of the canonical `events` table the export should yield (within a few percent). */
  events: number;
  seed: number;
  /** Plant incidents and describe them in ground-truth.json. */
  incidents: boolean;
  /** The export directory (created). */
  out: string;
  /** First event time; defaults to 2026-05-04T00:00:00Z (a Monday). */
  startMs?: number;
  onProgress?: (written: number) => void;
}

/** One planted incident, as `shared/spec/cli.md` fixes it in `ground-truth.json`. */
export interface Incident {
  kind: string;
  actor: string;
  from: string;
  to: string;
  detectors: string[];
  /** Source ids of the records that make up the incident. */
  evidence: string[];
}

export interface GroundTruth {
  system: SystemId;
  seed: number;
  incidents: Incident[];
}

export interface GenerateSummary {
  system: SystemId;
  out: string;
  /** Files written, relative to `out`, with their record counts. */
  files: { path: string; records: number }[];
  /** Rows the canonical `events` table will hold after import. */
  events: number;
  incidents: number;
}

/** A per-system generator: streams its export into `options.out` and returns what it wrote. */
export type SystemGenerator = (
  options: Required<Omit<GenerateOptions, 'onProgress'>> & Pick<GenerateOptions, 'onProgress'>,
) => Promise<{
  files: { path: string; records: number }[];
  events: number;
  groundTruth: GroundTruth;
}>;

export const DEFAULT_START_MS = Date.UTC(2026, 4, 4, 0, 0, 0);
