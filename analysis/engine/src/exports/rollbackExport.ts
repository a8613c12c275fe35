import type { SystemId } from '../../../core/src/index.js';
import type { RollbackPlan } from '../timetravel/rollback.js';
import { diffPatch } from './jsonPatch.js';
import type { PatchOperation } from './jsonPatch.js';
import type { RowColumn } from './rowsExport.js';
import { notSqlReason } from './sourceTables.js';

/** One row per change (and per conflict with no change of its own), for CSV and Parquet. */
export const ROLLBACK_COLUMNS: readonly RowColumn[] = [
  { name: 'op', type: 'VARCHAR' },
  { name: 'entity_type', type: 'VARCHAR' },
  { name: 'entity_id', type: 'VARCHAR' },
  { name: 'from_state', type: 'JSON' },
  { name: 'to_state', type: 'JSON' },
  { name: 'conflict_kind', type: 'VARCHAR' },
  { name: 'conflict_detail', type: 'VARCHAR' },
  { name: 'conflict_seqs', type: 'BIGINT[]' },
];

export function* rollbackRows(plan: RollbackPlan): Generator<Record<string, unknown>> {
  const key = (type: string, id: string): string => `${type}\u0000${id}`;
  const conflicts = new Map(plan.conflicts.map((c) => [key(c.entityType, c.entityId), c]));
  for (const change of plan.changes) {
    const k = key(change.entityType, change.entityId);
    const conflict = conflicts.get(k);
    conflicts.delete(k);
    yield {
      op: change.op,
      entity_type: change.entityType,
      entity_id: change.entityId,
      from_state: change.from,
      to_state: change.to,
      conflict_kind: conflict?.kind ?? null,
      conflict_detail: conflict?.detail ?? null,
      conflict_seqs: conflict?.seqs ?? null,
    };
  }
  // A conflict on an entity already back at its target state still tells whose work is at stake.
  for (const c of conflicts.values()) {
    yield {
      op: 'none',
      entity_type: c.entityType,
      entity_id: c.entityId,
      from_state: null,
      to_state: null,
      conflict_kind: c.kind,
      conflict_detail: c.detail,
      conflict_seqs: c.seqs,
    };
  }
}

/** `chronoscope-rollback-patch/1`: the plan as RFC 6902 patches, one per entity. */
export interface RollbackPatchDocument {
  format: 'chronoscope-rollback-patch/1';
  system: SystemId;
  archiveSha256: string;
  target: RollbackPlan['target'];
  /** Why this is not SQL, for the systems whose source is not a database. */
  note: string | null;
  changes: { entityType: string; entityId: string; op: string; patch: PatchOperation[] }[];
  conflicts: RollbackPlan['conflicts'];
}

export function rollbackPatch(
  plan: RollbackPlan,
  system: SystemId,
  archiveSha256: string,
): RollbackPatchDocument {
  return {
    format: 'chronoscope-rollback-patch/1',
    system,
    archiveSha256,
    target: plan.target,
    note: notSqlReason(system),
    changes: plan.changes.map((c) => ({
      entityType: c.entityType,
      entityId: c.entityId,
      op: c.op,
      patch: diffPatch(c.from, c.to),
    })),
    conflicts: plan.conflicts,
  };
}
