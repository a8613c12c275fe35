export { verifyArchive } from './verifyArchive.js';
export type {
  CheckOutcome,
  FindingKind,
  FindingSeverity,
  IntegrityCheck,
  IntegrityFinding,
  VerifyOptions,
  VerifyReport,
} from './types.js';
