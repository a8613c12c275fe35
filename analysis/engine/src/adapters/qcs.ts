import type { TableSpec } from '../import/tableSpec.js';
import type { SourceAdapter } from './types.js';
import { auxiliaryTableSql, caseMap, detectByTable } from './sqlParts.js';

/** `qcs`: the QCS Cargo admin dashboard's row-level audit (sources.md §2). */
const auditLog: TableSpec = {
  name: 'comprehensive_audit_log',
  stems: ['comprehensive_audit_log'],
  required: true,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'timestamp', kind: 'timestamp', required: true },
    { name: 'user_id', kind: 'text' },
    { name: 'user_email', kind: 'text' },
    { name: 'user_role', kind: 'text' },
    { name: 'session_id', kind: 'text' },
    { name: 'operation_type', kind: 'text', required: true },
    { name: 'entity_type', kind: 'text' },
    { name: 'entity_id', kind: 'text' },
    { name: 'old_values', kind: 'json' },
    { name: 'new_values', kind: 'json' },
    { name: 'change_set', kind: 'json' },
    { name: 'ip_address', kind: 'text' },
    { name: 'user_agent', kind: 'text' },
    { name: 'reason', kind: 'text' },
    { name: 'metadata', kind: 'json' },
    { name: 'correlation_id', kind: 'text' },
    { name: 'parent_operation_id', kind: 'text' },
    { name: 'rollback_id', kind: 'text' },
    { name: 'created_at', kind: 'timestamp' },
  ],
};

const systemSnapshots: TableSpec = {
  name: 'system_snapshots',
  stems: ['system_snapshots'],
  required: false,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'timestamp', kind: 'timestamp', required: true },
    { name: 'created_by', kind: 'text' },
    { name: 'entity_types', kind: 'textArray' },
    { name: 'snapshot_data', kind: 'json', required: true },
    { name: 'metadata', kind: 'json' },
    { name: 'checksum', kind: 'text' },
    { name: 'retention_date', kind: 'timestamp' },
    { name: 'created_at', kind: 'timestamp' },
  ],
};

const rollbackOperations: TableSpec = {
  name: 'rollback_operations',
  stems: ['rollback_operations'],
  required: false,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'rollback_type', kind: 'text' },
    { name: 'target_timestamp', kind: 'timestamp' },
    { name: 'target_snapshot_id', kind: 'text' },
    { name: 'initiated_by', kind: 'text' },
    { name: 'status', kind: 'text' },
    { name: 'progress', kind: 'json' },
    { name: 'result', kind: 'json' },
    { name: 'created_at', kind: 'timestamp' },
    { name: 'completed_at', kind: 'timestamp' },
  ],
};

const ACTIONS: Record<string, string> = {
  CREATE: 'create',
  UPDATE: 'update',
  DELETE: 'delete',
  READ: 'read',
  EXPORT: 'export',
  LOGIN: 'login',
  LOGOUT: 'logout',
  LOGIN_FAILED: 'login_failed',
  CONFIG_CHANGE: 'config_change',
  PERMISSION_CHANGE: 'permission_change',
  ROLLBACK: 'rollback',
  BULK_CREATE: 'bulk',
  BULK_UPDATE: 'bulk',
  BULK_DELETE: 'bulk',
};

/** The source has no severity: this is what an auditor would rank each operation. */
const SEVERITY: Record<string, string> = {
  PERMISSION_CHANGE: 'high',
  BULK_DELETE: 'high',
  DELETE: 'medium',
  ROLLBACK: 'medium',
  CONFIG_CHANGE: 'medium',
  LOGIN_FAILED: 'low',
  EXPORT: 'low',
  BULK_UPDATE: 'low',
};

export const qcsAdapter: SourceAdapter = {
  id: 'qcs',
  tables: [auditLog, systemSnapshots, rollbackOperations],
  detect: (files) => detectByTable(files, auditLog, ['operation_type', 'change_set', 'entity_type']),
  mapSql(ctx) {
    const op = 'upper(operation_type)';
    return [
      `INSERT INTO events_stage SELECT
        "timestamp", 'qcs', id,
        ${caseMap(op, ACTIONS, "'other'")},
        operation_type,
        coalesce(nullif(user_id, ''), nullif(user_email, '')),
        CASE WHEN lower(user_role) IN ('system') THEN 'system'
             WHEN lower(user_role) IN ('api', 'service', 'integration') THEN 'service' ELSE 'human' END,
        user_role, session_id, ip_address, user_agent, entity_type, entity_id,
        old_values, new_values, change_set,
        coalesce(metadata->>'severity', ${caseMap(op, SEVERITY, "'info'")}),
        CASE WHEN json_type(metadata->'tags') = 'ARRAY' THEN CAST(metadata->'tags' AS VARCHAR[]) END,
        correlation_id, parent_operation_id, rollback_id,
        NULL, NULL, NULL,
        _raw, _file, _line, _rank, 0
      FROM ${ctx.records('comprehensive_audit_log')}`,
      auxiliaryTableSql(ctx, systemSnapshots),
      auxiliaryTableSql(ctx, rollbackOperations),
    ];
  },
};
