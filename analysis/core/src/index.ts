export { SYSTEM_IDS, isSystemId } from './model/systems.js';
export type { SystemId } from './model/systems.js';
export { EVENT_COLUMNS, ACTIONS, SEVERITIES, ACTOR_TYPES } from './model/events.js';
export type { EventColumn, Action, Severity, ActorType } from './model/events.js';
export { ChronoscopeError, isChronoscopeError } from './errors.js';
export type { ErrorCode, ErrorData } from './errors.js';
export { parseTimeSpec } from './timeSpec.js';
export type { TimeSpec } from './timeSpec.js';
export { canonicalJson } from './canonicalJson.js';
export { CHRONOSCOPE_VERSION } from './version.js';
export { applyChange, nextState, entityKey, compareEntities, EntityStates } from './state/reducer.js';
export { eventEffects, asObject } from './state/effects.js';
export { applyJsonPatch, isJsonPatch } from './state/jsonPatch.js';
export { planRollback } from './state/rollbackPlan.js';
export type {
  Touch,
  RollbackSelection,
  RollbackChange,
  RollbackConflict,
  RollbackPlanInput,
} from './state/rollbackPlan.js';
export type {
  JsonObject,
  PatchOp,
  StateEvent,
  EntityState,
  StateChange,
  EntityEffect,
} from './state/types.js';
export { MerkleHasher, TreeBuilder, splitPoint, equalBytes, toHex, fromHex } from './merkle/rfc6962.js';
export type { Sha256 } from './merkle/rfc6962.js';
export {
  CONTRACT,
  METHOD_NAMES,
  TOPICS,
  REPLAY_EVENT_COLUMNS,
  REPLAY_KEYFRAME_COLUMNS,
  isMethodName,
  PROTOCOL_VERSION,
  RequestEnvelope,
  CancelEnvelope,
  EventFilterSchema,
  TimeText,
  encodeFrame,
  decodeFrame,
  RpcClient,
  ArchiveInfo,
  DemoArchive,
  RecentArchive,
  ImportProgressPayload,
  MARKER_KINDS,
  HEATMAP_KINDS,
  CaseFileShape,
} from './contract/index.js';
export type {
  Contract,
  MethodName,
  ParamsOf,
  ParsedParamsOf,
  ResultOf,
  Topic,
  ClientMessage,
  ServiceMessage,
  ResponseEnvelope,
  PushEnvelope,
  WireError,
  EventFilterParams,
  Frame,
  AnalysisClient,
  CallOptions,
  Transport,
  HeatmapKind,
  Summary,
  EventDetail,
  Density,
  Marker,
  HeatmapResult,
  TrendResult,
  ActorActivityResult,
  FindingShape,
  AnalyzeResultShape,
  DetectorDoc,
  RuleCheck,
  RuleSource,
  VerifyResult,
  QueryResult,
  EventsPage,
  StateResult,
  HistoryResult,
  RollbackPlanResult,
  ReplayKeyframe,
  ReplayWindow,
  RejectRow,
} from './contract/index.js';
