export { openArchive } from './import/importArchive.js';
export type { ImportOptions, OpenedArchive } from './import/importArchive.js';
export type { ImportProgress, ProgressListener } from './import/progress.js';
export { DEFAULT_LIMITS } from './archive/limits.js';
export type { ImportLimits } from './archive/limits.js';
export { ArchiveStore, isoSql } from './store/ArchiveStore.js';
export type { Row } from './store/ArchiveStore.js';
export { defaultCacheDir } from './store/cacheDir.js';
export { inspectArchive } from './queries/inspect.js';
export type { InspectSummary } from './queries/inspect.js';
export { copyOut, eventsSelect, singleStatement } from './queries/copyOut.js';
export type { DataFormat } from './queries/copyOut.js';
export { rangeWhere } from './queries/rangeFilter.js';
export { generateExport } from './generate/index.js';
export type { GenerateOptions, GenerateSummary, GroundTruth, Incident } from './generate/types.js';
export { ADAPTERS } from './adapters/registry.js';
export { verifyArchive } from './integrity/index.js';
export type {
  FindingKind,
  FindingSeverity,
  IntegrityCheck,
  IntegrityFinding,
  VerifyOptions,
  VerifyReport,
} from './integrity/index.js';
export { TimeTravel } from './timetravel/TimeTravel.js';
export type { TimeTravelOptions, TimelinePoint } from './timetravel/TimeTravel.js';
export {
  buildKeyframes,
  keyframePath,
  KeyframeReader,
  DEFAULT_KEYFRAME_INTERVAL,
} from './timetravel/keyframes.js';
export type { EntityFilter, KeyframeBuild } from './timetravel/keyframes.js';
export { entityHistory } from './timetravel/history.js';
export type { EntityHistory, HistoryEvent } from './timetravel/history.js';
export { rollbackPlan } from './timetravel/rollback.js';
export type { RollbackPlan } from './timetravel/rollback.js';
export { replayKeyframe, replayWindow, releaseReplay, keyframeTable } from './timetravel/replaySource.js';
export { EngineReplaySource } from './timetravel/EngineReplaySource.js';
export {
  actorActivity,
  changePoints,
  chooseBucketSeconds,
  compileFilter,
  dimensionHeatmap,
  hourWeekdayHeatmap,
  isEmptyFilter,
  movingAverage,
  spatialHeatmap,
  trend,
} from './analytics/index.js';
export type {
  ActorActivity,
  ActorSession,
  CompiledFilter,
  EventFilter,
  Heatmap,
  HeatmapDimension,
  TimeHeatmap,
  Trend,
  TrendSeries,
} from './analytics/index.js';
export {
  DEFAULT_DETECTOR_SETTINGS,
  DETECTOR_DOCS,
  DETECTOR_IDS,
  DETECTORS,
  detectorSettings,
  isSeverity,
  runDetectors,
  severityRank,
} from './detectors/index.js';
export type {
  AnalyzeOptions,
  AnalyzeResult,
  DeepPartial,
  Detector,
  DetectorContext,
  DetectorDoc,
  DetectorId,
  DetectorSettings,
  Finding,
} from './detectors/index.js';
export {
  builtinRules,
  checkRules,
  compileRule,
  listRules,
  parseRules,
  rulesError,
  runRules,
} from './rules/index.js';
export type { Rule, RuleCheck, RuleProblem } from './rules/index.js';
export {
  writeKeyPair,
  readPrivateKey,
  readPublicKey,
  keyFingerprint,
  writePack,
  verifyPack,
  verifyPackInput,
  packFromEntries,
  readPreviousPack,
  readPackEntries,
  extractPack,
  BLOCK_SIZE,
  ENTRIES,
  PACK_FORMAT,
} from './auditpack/index.js';
export type {
  PackOptions,
  PackSummary,
  PackVerification,
  PackInput,
  PreviousPack,
  Checkpoint,
  Seal,
} from './auditpack/index.js';
export {
  gatherReport,
  renderReport,
  findChromium,
  launchChromium,
  printPdf,
  countPdfPages,
  saveReport,
  caseFilePathFor,
} from './report/index.js';
export type { ReportData, ReportIntegrity, ReportOptions } from './report/index.js';
export {
  writeRows,
  exportEvents,
  FINDING_COLUMNS,
  findingRows,
  STATE_COLUMNS,
  stateRows,
  ROLLBACK_COLUMNS,
  rollbackRows,
  rollbackPatch,
  rollbackSql,
  notSqlReason,
  writeRollbackPlan,
} from './exports/index.js';
export type {
  RowColumn,
  RowFormat,
  ExportProgress,
  RollbackPatchDocument,
  RollbackFormat,
} from './exports/index.js';
