import { z } from 'zod';
import { SYSTEM_IDS } from '../model/systems.js';
import { EVENT_COLUMNS } from '../model/events.js';
import { EventFilterSchema, TimeText } from './filter.js';
import { PROTOCOL_VERSION } from './envelope.js';
import { ExportFile, ExportOptions, exportOptionProblems } from './exportShapes.js';
import {
  ActorActivityResult,
  AnalyzeResultShape,
  ArchiveInfo,
  CaseFileShape,
  DemoArchive,
  Density,
  DetectorDoc,
  EventDetail,
  EventsPage,
  HEATMAP_KINDS,
  HeatmapResult,
  HistoryResult,
  Marker,
  QueryResult,
  RecentArchive,
  RejectRow,
  ReplayKeyframe,
  ReplayWindow,
  RollbackPlanResult,
  RuleCheck,
  RuleSource,
  StateResult,
  Summary,
  TrendResult,
  VerifyResult,
} from './shapes.js';

const COLUMN_NAMES = EVENT_COLUMNS.map((c) => c.name) as [string, ...string[]];

/** Every method that names an archive takes its id (the sha256 `archive.open` returned). */
const ArchiveRef = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected an archive id (sha256)' });
const filter = EventFilterSchema.default({});
const noParams = z.object({}).strict();

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

/**
 * The one contract between the studio and the analysis service. The client API, the
 * WebSocket messages, the IPC channels and the preload functions are all derived from this
 * table, so the two transports cannot drift. Params are validated by the service on every
 * call; results by the client.
 */
export const CONTRACT = {
  'session.hello': method(
    z.object({ protocol: z.number().int() }).strict(),
    z.object({
      protocol: z.literal(PROTOCOL_VERSION),
      version: z.string(),
      host: z.enum(['browser', 'electron']),
    }),
  ),

  'archive.demos': method(noParams, z.array(DemoArchive)),
  'archive.recent': method(noParams, z.array(RecentArchive)),
  /** Imports (or finds in the cache) the archive at a path the service can read. Pushes `import.progress`. */
  'archive.open': method(
    z
      .object({
        path: z.string().min(1).max(4096),
        system: z.enum(SYSTEM_IDS).optional(),
        reimport: z.boolean().optional(),
      })
      .strict(),
    ArchiveInfo,
  ),
  'archive.close': method(z.object({ archive: ArchiveRef }).strict(), z.null()),
  'archive.rejects': method(
    z
      .object({
        archive: ArchiveRef,
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    z.object({ total: z.number(), rows: z.array(RejectRow) }),
  ),
  'archive.summary': method(
    z.object({ archive: ArchiveRef, filter, top: z.number().int().min(1).max(200).default(12) }).strict(),
    Summary,
  ),

  'events.count': method(z.object({ archive: ArchiveRef, filter }).strict(), z.object({ count: z.number() })),
  'events.page': method(
    z
      .object({
        archive: ArchiveRef,
        filter,
        sort: z
          .object({ column: z.enum(COLUMN_NAMES), desc: z.boolean().default(false) })
          .strict()
          .optional(),
        offset: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(5000),
        columns: z.array(z.enum(COLUMN_NAMES)).min(1).optional(),
      })
      .strict(),
    EventsPage,
  ),
  /** The row index (under this filter and sort) of the first event at or after `at`. */
  'events.locate': method(
    z
      .object({
        archive: ArchiveRef,
        filter,
        sort: z
          .object({ column: z.enum(COLUMN_NAMES), desc: z.boolean().default(false) })
          .strict()
          .optional(),
        at: TimeText,
      })
      .strict(),
    z.object({ index: z.number(), seq: z.number().nullable() }),
  ),
  'events.detail': method(
    z.object({ archive: ArchiveRef, seq: z.number().int().nonnegative() }).strict(),
    EventDetail,
  ),

  'timeline.density': method(
    z
      .object({
        archive: ArchiveRef,
        filter,
        from: TimeText.optional(),
        to: TimeText.optional(),
        buckets: z.number().int().min(1).max(10_000),
      })
      .strict(),
    Density,
  ),
  'timeline.markers': method(z.object({ archive: ArchiveRef }).strict(), z.array(Marker)),

  'analytics.heatmap': method(
    z
      .object({
        archive: ArchiveRef,
        filter,
        kind: z.enum(HEATMAP_KINDS),
        bucketSeconds: z.number().positive().optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    HeatmapResult,
  ),
  'analytics.trend': method(
    z
      .object({
        archive: ArchiveRef,
        filter,
        by: z.enum(['all', 'action', 'event_type']).default('all'),
        bucketSeconds: z.number().positive().optional(),
      })
      .strict(),
    TrendResult,
  ),
  'analytics.activity': method(
    z.object({ archive: ArchiveRef, filter, limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    ActorActivityResult,
  ),

  'analyze.run': method(
    z.object({ archive: ArchiveRef, filter, rules: z.string().max(1_000_000).optional() }).strict(),
    AnalyzeResultShape,
  ),
  'analyze.detectors': method(noParams, z.array(DetectorDoc)),
  'rules.list': method(noParams, z.array(RuleSource)),
  /** Validates rule text (YAML or JSON) and counts its matches under the filter. */
  'rules.check': method(
    z.object({ archive: ArchiveRef, filter, text: z.string().max(1_000_000) }).strict(),
    RuleCheck,
  ),

  'integrity.verify': method(
    z.object({ archive: ArchiveRef, hmacSecret: z.string().max(4096).optional() }).strict(),
    VerifyResult,
  ),

  /** Read-only SQL over `events` and its views; cancellable. */
  'query.run': method(
    z
      .object({
        archive: ArchiveRef,
        sql: z.string().min(1).max(100_000),
        limit: z.number().int().min(1).max(100_000).default(10_000),
      })
      .strict(),
    QueryResult,
  ),

  'state.at': method(
    z
      .object({
        archive: ArchiveRef,
        at: TimeText,
        entityId: z.string().optional(),
        entityType: z.string().optional(),
        limit: z.number().int().min(1).max(1_000_000).default(10_000),
      })
      .strict(),
    StateResult,
  ),
  'entity.history': method(
    z
      .object({ archive: ArchiveRef, entityId: z.string().min(1), entityType: z.string().optional() })
      .strict(),
    HistoryResult,
  ),
  'rollback.plan': method(
    z
      .object({
        archive: ArchiveRef,
        to: TimeText,
        actor: z.string().optional(),
        entityId: z.string().optional(),
        entityType: z.string().optional(),
        from: TimeText.optional(),
      })
      .strict(),
    RollbackPlanResult,
  ),

  'replay.keyframe': method(z.object({ archive: ArchiveRef, at: TimeText }).strict(), ReplayKeyframe),
  'replay.window': method(
    z
      .object({
        archive: ArchiveRef,
        fromSeq: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(1_000_000),
      })
      .strict(),
    ReplayWindow,
  ),

  /**
   * A report or a data file, written by the service and returned as bytes for the studio to
   * save. Every kind but `state` and `rollback-plan` covers the filter.
   */
  'export.file': method(
    z
      .object({ archive: ArchiveRef, filter, ...ExportOptions.shape })
      .strict()
      .superRefine((o, ctx) => {
        for (const p of exportOptionProblems(o))
          ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
      }),
    ExportFile,
  ),

  'case.load': method(z.object({ archive: ArchiveRef, path: z.string().optional() }).strict(), CaseFileShape),
  'case.save': method(
    z.object({ archive: ArchiveRef, path: z.string().optional(), data: CaseFileShape }).strict(),
    z.object({ path: z.string() }),
  ),
} as const;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be left out). */
export type ParamsOf<M extends MethodName> = z.input<Contract[M]['params']>;
/** What the service's handler receives (defaults filled in). */
export type ParsedParamsOf<M extends MethodName> = z.output<Contract[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Contract[M]['result']>;

export const METHOD_NAMES = Object.keys(CONTRACT) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

/** Push topics and their payloads. `app.*` come from the desktop shell (menus, dialogs, drops, a second launch). */
export const TOPICS = ['import.progress', 'export.progress', 'app.open', 'app.command'] as const;
export type Topic = (typeof TOPICS)[number];

/** What the desktop shell's menus ask of the studio, pushed on `app.command`. */
export const APP_COMMANDS = [
  'export',
  'replay.toggle',
  'replay.step-forward',
  'replay.step-back',
  'replay.faster',
  'replay.slower',
  'replay.normal-speed',
  'view.panel',
  'help.shortcuts',
  'help.about',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];
/** `app.command`: `arg` is the panel id for `view.panel`. */
export const AppCommandPayload = z.object({ command: z.enum(APP_COMMANDS), arg: z.string().optional() });
export type AppCommandPayload = z.infer<typeof AppCommandPayload>;
/** `app.open`: a path chosen in the shell (dialog, drop, recent, argument); `case` is a `.chronocase.json`. */
export const AppOpenPayload = z.object({ path: z.string().min(1), kind: z.enum(['archive', 'case']) });
export type AppOpenPayload = z.infer<typeof AppOpenPayload>;

/**
 * Columns of a `replay.window` batch, in order. Arrow types, the same in every table the
 * service sends: `seq`, `ts` (ms since the epoch), `x`, `y`, `z` as Float64 (seq stays far
 * below 2^53, and the renderer gets plain numbers, not bigint); JSON columns as Utf8 JSON text;
 * other text as Utf8; nulls as Arrow nulls.
 */
export const REPLAY_EVENT_COLUMNS = [
  'seq',
  'ts',
  'action',
  'event_type',
  'actor_id',
  'entity_type',
  'entity_id',
  'old_state',
  'new_state',
  'delta',
  /** Bool, blockchain only: `new_state` holds the complete state, not data to merge (see engine eventRows). */
  'full_state',
  'x',
  'y',
  'z',
] as const;

/** Columns of a `replay.keyframe` table: each entity's state (Utf8 JSON) at the keyframe's seq; `deleted` Bool, `last_seq` Float64. */
export const REPLAY_KEYFRAME_COLUMNS = ['entity_type', 'entity_id', 'state', 'deleted', 'last_seq'] as const;
