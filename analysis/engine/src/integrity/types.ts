import type { SystemId } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';

/** The finding kinds of shared/spec/cli.md (`verify --json`). */
export type FindingKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'bad_signature'
  | 'chain_break'
  | 'checksum_mismatch'
  | 'hash_mismatch'
  | 'merkle_mismatch'
  | 'pow_invalid'
  | 'signature_invalid'
  | 'sequence_gap'
  | 'sequence_duplicate'
  | 'duplicate_id'
  | 'time_reversal'
  | 'snapshot_mismatch'
  | 'total_mismatch'
  | 'balance_mismatch'
  | 'delta_mismatch';

/** `info` is an observation (a long silent gap); every other severity means tampering or loss. */
export type FindingSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface IntegrityFinding {
  kind: FindingKind;
  severity: FindingSeverity;
  /** Position in the canonical `events` table, when the finding is about an imported event. */
  seq?: number;
  /** The source's own id of the record at fault, or the id a missing record would have had. */
  sourceId?: string;
  /** The block index, for `blockchain`. */
  block?: number;
  expected?: string;
  actual?: string;
  detail: string;
}

export interface IntegrityCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** True when the check could not run (no secret, no snapshots): `ok` then says nothing. */
  skipped?: boolean;
  /** How many findings the check made, including those past the listing cap. */
  findings: number;
}

export interface VerifyOptions {
  /** The blockchain's AUDIT_SECRET: without it event signatures are not checked. */
  hmacSecret?: string;
  /** Gaps longer than this (ms) are always reported; by default the threshold adapts to the archive. */
  gapThresholdMs?: number;
  /** Most findings kept per check; the rest are counted in the check's detail. */
  maxFindingsPerCheck?: number;
  /** For an .auditpack: the pack its `previous` link names, to check that link against. */
  previousPack?: string;
}

export interface VerifyReport {
  ok: boolean;
  system: SystemId;
  records: number;
  checks: IntegrityCheck[];
  findings: IntegrityFinding[];
}

export interface IntegrityContext {
  store: ArchiveStore;
  system: SystemId;
  options: VerifyOptions;
}

/** One named check's verdict with its findings. */
export interface CheckOutcome {
  check: IntegrityCheck;
  findings: IntegrityFinding[];
}
