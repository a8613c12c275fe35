import type { TableSpec } from '../import/tableSpec.js';
import type { SourceAdapter } from './types.js';
import { auxiliaryTableSql, caseMap, detectByTable } from './sqlParts.js';

/**
 * `wedsync`: the WedSync wedding platform's audit logs (sources.md §4).
 *
 * `audit_logs_archive` and `audit_logs` are one table with two stems rather than two tables:
 * their rows form one timeline, the archive's come first in source order (stem order), and a
 * lone file given on the command line must land in the live table, which is `tables[0]`.
 */
const auditLogs: TableSpec = {
  name: 'audit_logs',
  stems: ['audit_logs_archive', 'audit_logs'],
  required: true,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'user_id', kind: 'text' },
    { name: 'action', kind: 'text', required: true },
    { name: 'resource_type', kind: 'text' },
    { name: 'resource_id', kind: 'text' },
    { name: 'ip_address', kind: 'text' },
    { name: 'user_agent', kind: 'text' },
    { name: 'details', kind: 'json' },
    { name: 'severity', kind: 'text' },
    { name: 'created_at', kind: 'timestamp', required: true },
  ],
};

const userProfiles: TableSpec = {
  name: 'user_profiles',
  stems: ['user_profiles'],
  required: false,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'email', kind: 'text' },
    { name: 'full_name', kind: 'text' },
  ],
};

/** The verb after the dot of `<resource>.<verb>`, normalised to the canonical actions. */
const VERBS: Record<string, string> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  view: 'read',
  read: 'read',
  export: 'export',
  notify: 'other',
  login: 'login',
  login_failed: 'login_failed',
  logout: 'logout',
  permission_change: 'permission_change',
};

/** The source's three levels onto the canonical five; canonical names pass unchanged. */
const SEVERITY: Record<string, string> = {
  info: 'info',
  debug: 'info',
  low: 'low',
  warning: 'medium',
  warn: 'medium',
  medium: 'medium',
  error: 'high',
  high: 'high',
  critical: 'critical',
};

/**
 * Role mailboxes (`planner@`, `vendor_florist@`) say what the account is for; a personal
 * address says nothing, so only these local parts become a role.
 */
const ROLE_MAILBOX =
  '^(admin|administrator|owner|planner|coordinator|assistant|manager|staff|support|couple|vendor(_[a-z0-9]+)?)$';

/**
 * `{"field": {"old": a, "new": b}, ...}` to `{"field": <side>, ...}`, keys in source order.
 * Built as text, not as a MAP, so that a repeated key (the source's ambiguity, kept as found)
 * cannot fail the whole import; a non-object yields NULL.
 */
function changeSide(changes: string, side: 'old' | 'new'): string {
  const entries = `map_entries(try_cast(${changes} AS MAP(VARCHAR, JSON)))`;
  return `CASE WHEN json_type(${changes}) = 'OBJECT' THEN ('{' || array_to_string(list_transform(${entries},
    e -> to_json(e.key) || ':' || coalesce(json_extract(e.value, '$.${side}')::VARCHAR, 'null')), ',') || '}')::JSON END`;
}

export const wedsyncAdapter: SourceAdapter = {
  id: 'wedsync',
  tables: [auditLogs, userProfiles],
  // robot-cycles also writes `audit_logs`: these fields are what tells the two apart.
  detect: (files) => detectByTable(files, auditLogs, ['action', 'resource_type']),
  mapSql(ctx) {
    const changes = `l.d->'changes'`;
    const values = `l.d->'values'`;
    const hasChanges = `json_type(${changes}) = 'OBJECT'`;
    return [
      `INSERT INTO events_stage
      WITH profiles AS (
        -- One row per user: a repeated profile must not duplicate that user's events.
        SELECT id, email, _raw FROM ${ctx.records('user_profiles')}
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY _rank DESC, _line DESC) = 1
      ), logs AS (
        SELECT *, details AS d, nullif(trim(user_id), '') AS uid,
          lower(trim(regexp_extract(action, '[^.]*$'))) AS verb
        FROM ${ctx.records('audit_logs')}
      )
      SELECT
        l.created_at, 'wedsync', l.id,
        ${caseMap('l.verb', VERBS, "'other'")},
        l.action, l.uid,
        -- No user: a request that came from somewhere (address or agent) is a service's, else the system's own.
        CASE WHEN l.uid IS NOT NULL THEN 'human'
             WHEN nullif(l.ip_address, '') IS NOT NULL OR nullif(l.user_agent, '') IS NOT NULL THEN 'service'
             ELSE 'system' END,
        coalesce(nullif(p._raw->>'role', ''),
          CASE WHEN regexp_matches(lower(split_part(p.email, '@', 1)), '${ROLE_MAILBOX}')
               THEN lower(split_part(p.email, '@', 1)) END),
        coalesce(l.d->>'session_id', l.d->>'sessionId', CASE WHEN l.resource_type = 'session' THEN l.resource_id END),
        nullif(l.ip_address, ''), nullif(l.user_agent, ''),
        coalesce(nullif(l.resource_type, ''), nullif(split_part(l.action, '.', 1), l.action)),
        nullif(l.resource_id, ''),
        CASE WHEN ${hasChanges} THEN ${changeSide(changes, 'old')}
             WHEN l.verb = 'delete' THEN ${values} END,
        CASE WHEN ${hasChanges} THEN ${changeSide(changes, 'new')}
             WHEN l.verb IN ('create', 'update', 'permission_change') THEN ${values} END,
        CASE WHEN ${hasChanges} THEN ${changes} END,
        ${caseMap('lower(trim(l.severity))', SEVERITY, "'info'")},
        CASE WHEN regexp_matches(lower(l._file), '(^|[/\\\\!])audit_logs_archive\\.[^/\\\\!]*$') THEN ['archive'] END,
        NULL, NULL, NULL,
        NULL, NULL, NULL,
        l._raw, l._file, l._line, l._rank, 0
      FROM logs l LEFT JOIN profiles p ON p.id = l.uid`,
      auxiliaryTableSql(ctx, userProfiles),
    ];
  },
};
