export { DETECTORS, runDetectors } from './runDetectors.js';
export type { AnalyzeOptions, AnalyzeResult } from './runDetectors.js';
export { DEFAULT_DETECTOR_SETTINGS, detectorSettings } from './settings.js';
export type { DeepPartial, DetectorSettings } from './settings.js';
export { DETECTOR_IDS, isSeverity, severityRank } from './types.js';
export type { Detector, DetectorContext, DetectorId, Finding } from './types.js';
export { DETECTOR_DOCS } from './docs.js';
export type { DetectorDoc } from './docs.js';
export { triage } from './triage.js';
