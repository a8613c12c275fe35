export {
  CONTRACT,
  METHOD_NAMES,
  TOPICS,
  APP_COMMANDS,
  AppCommandPayload,
  AppOpenPayload,
  REPLAY_EVENT_COLUMNS,
  REPLAY_KEYFRAME_COLUMNS,
  isMethodName,
} from './methods.js';
export type {
  AppCommand,
  Contract,
  MethodName,
  ParamsOf,
  ParsedParamsOf,
  ResultOf,
  Topic,
} from './methods.js';
export { PROTOCOL_VERSION, RequestEnvelope, CancelEnvelope } from './envelope.js';
export type { ClientMessage, ServiceMessage, ResponseEnvelope, PushEnvelope, WireError } from './envelope.js';
export { EventFilterSchema, TimeText } from './filter.js';
export type { EventFilterParams } from './filter.js';
export { encodeFrame, decodeFrame } from './codec.js';
export type { Frame } from './codec.js';
export { RpcClient } from './client.js';
export type { AnalysisClient, CallOptions, Transport } from './client.js';
export {
  ArchiveInfo,
  DemoArchive,
  RecentArchive,
  ImportProgressPayload,
  MARKER_KINDS,
  HEATMAP_KINDS,
  CaseFileShape,
} from './shapes.js';
export type {
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
} from './shapes.js';
export {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  ExportFile,
  ExportOptions,
  exportOptionProblems,
} from './exportShapes.js';
export type { ExportFormat, ExportKind } from './exportShapes.js';
export { ReelRequest, ReelSummary } from './reelShapes.js';
export type { ReelRequestInput } from './reelShapes.js';
export { issuePath, parseCaseFileText } from './caseFileText.js';
