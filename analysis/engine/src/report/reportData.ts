import type { ActorActivity } from '../analytics/activity.js';
import type { EventFilter } from '../analytics/filter.js';
import type { Heatmap } from '../analytics/heatmaps.js';
import type { Trend } from '../analytics/trends.js';
import type { AnalyzeResult } from '../detectors/runDetectors.js';
import type { IntegrityCheck, IntegrityFinding } from '../integrity/types.js';
import type { InspectSummary } from '../queries/inspect.js';

/** What `verify` found: a source export's checks, and a pack's own checks before them. */
export interface ReportIntegrity {
  ok: boolean;
  checks: IntegrityCheck[];
  findings: IntegrityFinding[];
  pack?: { pinned: boolean; keyFingerprint: string | null; origin: string | null; treeSize: number | null };
}

export interface ReportOptions {
  /** The archive as the user named it: the case file is looked for beside it. */
  archivePath: string;
  integrity: ReportIntegrity;
  filter?: EventFilter;
  /** The case file to read; default `<archive>.chronocase.json`; null: none. */
  caseFile?: string | null;
  /** Evidence rows shown per finding (default 10). */
  evidenceRows?: number;
  /** Findings shown in full (default 100); the rest are counted. */
  maxFindings?: number;
  /** Actors summarised (default 25, the busiest). */
  maxActors?: number;
  title?: string;
  /** Called as each part is gathered, for progress. */
  onStep?: (step: string) => void;
}

export interface Count {
  key: string;
  count: number;
}

/** One row of a finding's evidence, as the report's tables show it. */
export interface EvidenceRow {
  seq: number;
  ts: string;
  actor: string | null;
  action: string;
  eventType: string;
  entityType: string | null;
  entityId: string | null;
}

export interface Annotation {
  at: string | null;
  to: string | null;
  title: string | null;
  text: string;
  author: string | null;
}

export interface CaseAnnotations {
  path: string;
  /** Set when the case file names another archive, or could not be read. */
  warning: string | null;
  annotations: Annotation[];
}

export interface ReportData {
  title: string;
  generatedAt: string;
  version: string;
  archivePath: string;
  archive: InspectSummary;
  /** The filter in words (empty: the whole archive) and the events it selects. */
  selection: { description: string[]; events: number };
  integrity: ReportIntegrity;
  trend: Trend;
  movingAverageWindow: number;
  heatmap: Heatmap<number, number>;
  top: { actions: Count[]; eventTypes: Count[]; actors: Count[]; entityTypes: Count[] };
  analysis: AnalyzeResult;
  evidence: Map<number, EvidenceRow>;
  evidenceRows: number;
  maxFindings: number;
  actors: ActorActivity[];
  /** Null when no case file lies beside the archive. */
  caseFile: CaseAnnotations | null;
  caseFilePath: string | null;
}
