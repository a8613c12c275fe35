import { z } from 'zod';
import { SYSTEM_IDS } from '../model/systems.js';
import { SEVERITIES } from '../model/events.js';

/** Arrow IPC stream bytes: how every table crosses a process boundary (never JSON rows). */
export const Bytes = z.instanceof(Uint8Array);

const json = z.record(z.string(), z.unknown());
const iso = z.string();
const isoOrNull = z.string().nullable();

/** An opened archive, as the service names it: `id` is the sha256 of the evidence. */
export const ArchiveInfo = z.object({
  id: z.string(),
  path: z.string(),
  sha256: z.string(),
  system: z.enum(SYSTEM_IDS),
  records: z.number(),
  rejected: z.number(),
  timeRange: z.object({ from: isoOrNull, to: isoOrNull }),
  actors: z.number(),
  entityTypes: z.record(z.string(), z.number()),
  files: z.array(
    z.object({
      path: z.string(),
      format: z.string(),
      records: z.number(),
      rejected: z.number(),
      truncated: z.string().optional(),
    }),
  ),
  fromCache: z.boolean(),
});
export type ArchiveInfo = z.infer<typeof ArchiveInfo>;

export const DemoArchive = z.object({ name: z.string(), system: z.enum(SYSTEM_IDS), path: z.string() });
export type DemoArchive = z.infer<typeof DemoArchive>;

export const RecentArchive = z.object({
  path: z.string(),
  system: z.string(),
  sha256: z.string(),
  openedAt: iso,
});
export type RecentArchive = z.infer<typeof RecentArchive>;

export const RejectRow = z.object({ file: z.string(), line: z.number().nullable(), reason: z.string() });
export type RejectRow = z.infer<typeof RejectRow>;

/** Import progress, pushed on topic `import.progress` while `archive.open` runs. */
export const ImportProgressPayload = z.object({
  path: z.string(),
  phase: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  records: z.number(),
  rejected: z.number(),
  /** Records per second so far, and the estimate of seconds left (null when unknown). */
  rate: z.number(),
  etaSeconds: z.number().nullable(),
});
export type ImportProgressPayload = z.infer<typeof ImportProgressPayload>;

const counted = z.array(z.object({ key: z.string(), count: z.number() }));

/** The overview's numbers for the current filter. */
export const Summary = z.object({
  records: z.number(),
  timeRange: z.object({ from: isoOrNull, to: isoOrNull }),
  actions: counted,
  entityTypes: counted,
  actors: counted,
  actorCount: z.number(),
  entityCount: z.number(),
});
export type Summary = z.infer<typeof Summary>;

export const EventDetail = z.object({
  /** Every canonical column, JSON columns parsed. */
  event: json,
  /** The entity's state before and after this event (time-travel), null where none. */
  before: json.nullable(),
  after: json.nullable(),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const Density = z.object({
  from: isoOrNull,
  to: isoOrNull,
  bucketMs: z.number(),
  /** Arrow table: `t` (bucket start, ms since epoch, DOUBLE) and `n` (count). */
  table: Bytes,
});
export type Density = z.infer<typeof Density>;

export const MARKER_KINDS = [
  'snapshot',
  'rollback',
  'gap',
  'finding',
  'annotation',
  'bookmark',
  'integrity',
] as const;
export const Marker = z.object({
  kind: z.enum(MARKER_KINDS),
  from: iso,
  to: iso.optional(),
  seq: z.number().optional(),
  label: z.string(),
});
export type Marker = z.infer<typeof Marker>;

export const HEATMAP_KINDS = [
  'hour_weekday',
  'actor',
  'entity_type',
  'action',
  'event_type',
  'spatial',
] as const;
export type HeatmapKind = (typeof HEATMAP_KINDS)[number];

/** A heatmap: row and column labels, and an Arrow table of cells `r`, `c` (indices) and `n`. */
export const HeatmapResult = z.object({
  kind: z.enum(HEATMAP_KINDS),
  rows: z.array(z.string()),
  cols: z.array(z.string()),
  bucketSeconds: z.number().nullable(),
  /** Cell size in world units for `spatial` (columns are x, rows are z). */
  cellSize: z.number().nullable(),
  max: z.number(),
  cells: Bytes,
});
export type HeatmapResult = z.infer<typeof HeatmapResult>;

export const TrendResult = z.object({
  bucketSeconds: z.number(),
  buckets: z.array(iso),
  series: z.array(
    z.object({
      key: z.string(),
      counts: z.array(z.number()),
      movingAverage: z.array(z.number()),
      changePoints: z.array(z.number()),
    }),
  ),
});
export type TrendResult = z.infer<typeof TrendResult>;

export const ActorActivityResult = z.array(
  z.object({
    actor: z.string(),
    actorType: z.string().nullable(),
    role: z.string().nullable(),
    firstSeen: iso,
    lastSeen: iso,
    events: z.number(),
    entities: z.number(),
    actions: z.record(z.string(), z.number()),
    ips: z.array(z.string()),
    userAgents: z.array(z.string()),
    sessions: z.array(
      z.object({ id: z.string(), from: iso, to: iso, events: z.number(), entities: z.number() }),
    ),
    peerDeviation: z.record(z.string(), z.number()),
  }),
);
export type ActorActivityResult = z.infer<typeof ActorActivityResult>;

export const FindingShape = z.object({
  detector: z.string(),
  severity: z.enum(SEVERITIES),
  score: z.number(),
  actor: z.string().optional(),
  entity: z.string().optional(),
  from: iso,
  to: iso,
  count: z.number(),
  summary: z.string(),
  evidence: z.array(z.number()),
});
export type FindingShape = z.infer<typeof FindingShape>;

export const AnalyzeResultShape = z.object({
  findings: z.array(FindingShape),
  detectors: z.array(z.object({ id: z.string(), findings: z.number() })),
});
export type AnalyzeResultShape = z.infer<typeof AnalyzeResultShape>;

/** One detector's documentation: what the studio's help shows. */
export const DetectorDoc = z.object({ id: z.string(), title: z.string(), statistic: z.string() });
export type DetectorDoc = z.infer<typeof DetectorDoc>;

export const RuleCheck = z.object({
  ok: z.boolean(),
  /** A malformed rule: which rule, which field, why. */
  errors: z.array(z.object({ rule: z.string(), field: z.string(), message: z.string() })),
  rules: z.array(z.object({ id: z.string(), title: z.string(), matches: z.number(), findings: z.number() })),
});
export type RuleCheck = z.infer<typeof RuleCheck>;

export const RuleSource = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  builtin: z.boolean(),
});
export type RuleSource = z.infer<typeof RuleSource>;

export const VerifyResult = z.object({
  ok: z.boolean(),
  records: z.number(),
  checks: z.array(
    z.object({
      name: z.string(),
      ok: z.boolean(),
      detail: z.string(),
      skipped: z.boolean().optional(),
      findings: z.number().optional(),
    }),
  ),
  findings: z.array(
    z.object({
      kind: z.string(),
      severity: z.string(),
      seq: z.number().optional(),
      sourceId: z.string().optional(),
      block: z.number().optional(),
      expected: z.string().optional(),
      actual: z.string().optional(),
      detail: z.string(),
    }),
  ),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const QueryResult = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.number(),
  /** True when the result had more rows than the limit asked for. */
  truncated: z.boolean(),
  ms: z.number(),
  table: Bytes,
});
export type QueryResult = z.infer<typeof QueryResult>;

export const EventsPage = z.object({
  offset: z.number(),
  /** Arrow table of the canonical columns asked for (JSON columns as text, `ts` as ms DOUBLE). */
  table: Bytes,
});
export type EventsPage = z.infer<typeof EventsPage>;

export const EntityStateShape = z.object({
  entityType: z.string(),
  entityId: z.string(),
  state: json.nullable(),
  deleted: z.boolean(),
  lastSeq: z.number(),
});

export const StateResult = z.object({
  at: isoOrNull,
  seq: z.number(),
  entities: z.array(EntityStateShape),
  /** True when `limit` cut the list short. */
  truncated: z.boolean().optional(),
});
export type StateResult = z.infer<typeof StateResult>;

export const HistoryResult = z.object({
  entity: z.object({ entityType: z.string(), entityId: z.string() }),
  events: z.array(
    z.object({
      seq: z.number(),
      ts: iso,
      action: z.string(),
      eventType: z.string(),
      actor: z.string().nullable(),
      state: json.nullable(),
      deleted: z.boolean(),
    }),
  ),
});
export type HistoryResult = z.infer<typeof HistoryResult>;

export const RollbackPlanResult = z.object({
  target: json,
  changes: z.array(
    z.object({
      entityType: z.string(),
      entityId: z.string(),
      from: json.nullable(),
      to: json.nullable(),
      op: z.enum(['create', 'update', 'delete']),
    }),
  ),
  conflicts: z.array(
    z.object({ entityId: z.string(), kind: z.string(), detail: z.string(), seqs: z.array(z.number()) }),
  ),
});
export type RollbackPlanResult = z.infer<typeof RollbackPlanResult>;

/** The world at a seq, for the replay engine: one Arrow row per live or deleted entity. */
export const ReplayKeyframe = z.object({ seq: z.number(), at: isoOrNull, table: Bytes });
export type ReplayKeyframe = z.infer<typeof ReplayKeyframe>;

/** Events `fromSeq` onwards (at most `limit`), as an Arrow batch of REPLAY_EVENT_COLUMNS. */
export const ReplayWindow = z.object({
  fromSeq: z.number(),
  toSeq: z.number(),
  done: z.boolean(),
  table: Bytes,
});
export type ReplayWindow = z.infer<typeof ReplayWindow>;

/** The case file beside the archive: annotations, bookmarks, branches, views, replay settings. */
export const CaseFileShape = z
  .object({
    format: z.literal('chronoscope-case/1'),
    archive: z.object({ path: z.string(), sha256: z.string() }),
    annotations: z.array(json),
    bookmarks: z.array(json),
    branches: z.array(json),
    views: z.array(json),
    rules: z.array(json),
    replay: json,
  })
  .passthrough();
export type CaseFileShape = z.infer<typeof CaseFileShape>;
