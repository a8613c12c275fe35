/**
 * The canonical `events` table of `shared/spec/sources.md`: one row per audited action.
 * Every adapter maps onto exactly these columns; `src_file`/`src_line` are ours, so that
 * every row can be traced back to the byte range of the evidence it came from.
 */
export const EVENT_COLUMNS = [
  { name: 'seq', type: 'BIGINT' },
  { name: 'ts', type: 'TIMESTAMPTZ' },
  { name: 'system', type: 'VARCHAR' },
  { name: 'source_id', type: 'VARCHAR' },
  { name: 'action', type: 'VARCHAR' },
  { name: 'event_type', type: 'VARCHAR' },
  { name: 'actor_id', type: 'VARCHAR' },
  { name: 'actor_type', type: 'VARCHAR' },
  { name: 'actor_role', type: 'VARCHAR' },
  { name: 'session_id', type: 'VARCHAR' },
  { name: 'ip', type: 'VARCHAR' },
  { name: 'user_agent', type: 'VARCHAR' },
  { name: 'entity_type', type: 'VARCHAR' },
  { name: 'entity_id', type: 'VARCHAR' },
  { name: 'old_state', type: 'JSON' },
  { name: 'new_state', type: 'JSON' },
  { name: 'delta', type: 'JSON' },
  { name: 'severity', type: 'VARCHAR' },
  { name: 'tags', type: 'VARCHAR[]' },
  { name: 'correlation_id', type: 'VARCHAR' },
  { name: 'parent_id', type: 'VARCHAR' },
  { name: 'rollback_id', type: 'VARCHAR' },
  { name: 'x', type: 'DOUBLE' },
  { name: 'y', type: 'DOUBLE' },
  { name: 'z', type: 'DOUBLE' },
  { name: 'raw', type: 'JSON' },
  { name: 'src_file', type: 'VARCHAR' },
  { name: 'src_line', type: 'BIGINT' },
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number]['name'];

export const ACTIONS = [
  'create',
  'update',
  'delete',
  'read',
  'export',
  'login',
  'login_failed',
  'logout',
  'permission_change',
  'config_change',
  'rollback',
  'bulk',
  'system',
  'other',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTOR_TYPES = ['human', 'simulant', 'service', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
