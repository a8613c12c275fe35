import type { TableSpec } from '../import/tableSpec.js';
import type { SourceAdapter } from './types.js';
import { auxiliaryTableSql, detectByTable } from './sqlParts.js';

/** `descendants`: the Descendants voxel world's change history (sources.md §1). */
const worldChanges: TableSpec = {
  name: 'world_changes',
  stems: ['world_changes'],
  required: true,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'timestamp', kind: 'timestamp', required: true },
    { name: 'changeType', kind: 'text', required: true },
    { name: 'entityId', kind: 'text' },
    { name: 'entityType', kind: 'text' },
    { name: 'oldState', kind: 'json' },
    { name: 'newState', kind: 'json' },
    { name: 'delta', kind: 'json' },
    { name: 'metadata', kind: 'json' },
    { name: 'checksum', kind: 'text' },
  ],
};

const worldSnapshots: TableSpec = {
  name: 'world_snapshots',
  stems: ['world_snapshots'],
  required: false,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'timestamp', kind: 'timestamp', required: true },
    // A snapshot without the world it claims to hold cannot serve as a keyframe or a cross-check.
    { name: 'worldState', kind: 'json', required: true },
    { name: 'metadata', kind: 'json' },
    { name: 'integrity', kind: 'json' },
    { name: 'dependencies', kind: 'json' },
  ],
};

const bookmarks: TableSpec = {
  name: 'bookmarks',
  stems: ['bookmarks'],
  required: false,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text', required: true },
    { name: 'timestamp', kind: 'timestamp', required: true },
    { name: 'description', kind: 'text' },
  ],
};

/**
 * `*_add/_create`, `*_update`, `*_remove` are matched by suffix rather than listed, so a
 * future entity kind (`light_add`) still maps to the right verb instead of `other`.
 */
const ACTION_SQL = `CASE
    WHEN "changeType" = 'user_action' THEN
      CASE lower("newState"->>'action') WHEN 'login' THEN 'login' WHEN 'logout' THEN 'logout'
        WHEN 'login_failed' THEN 'login_failed' ELSE 'other' END
    WHEN "changeType" = 'world_config' THEN 'config_change'
    WHEN "changeType" = 'snapshot' THEN 'system'
    WHEN ends_with("changeType", '_add') OR ends_with("changeType", '_create') THEN 'create'
    WHEN ends_with("changeType", '_update') THEN 'update'
    WHEN ends_with("changeType", '_remove') OR ends_with("changeType", '_delete') THEN 'delete'
    ELSE 'other' END`;

/** `source: system` wins over `userType`: the example export writes system changes as userType `human`. */
const ACTOR_TYPE_SQL = `CASE
    WHEN lower(m.source) = 'system' THEN 'system'
    WHEN lower(m.userType) IN ('human', 'simulant') THEN lower(m.userType)
    WHEN lower(m.source) = 'ai_action' THEN 'simulant'
    WHEN m.userId IS NOT NULL THEN 'human' END`;

/**
 * Where a block or simulant is after the change: its new state's position; for a delta-only
 * update, the last patch op that sets `/position` (a simulant walking); else where it was
 * (a removal). Other entities (users, the world) have no place.
 */
const POSITION_SQL = `CASE WHEN coalesce("entityType", split_part("changeType", '_', 1)) NOT IN ('block', 'simulant') THEN NULL
    WHEN "newState" IS NOT NULL THEN coalesce("newState"->'position', "oldState"->'position')
    WHEN json_type(delta) = 'ARRAY' THEN coalesce(json_extract(list_filter(json_extract(delta, '$[*]'),
        lambda op: json_extract_string(op, '$.path') = '/position'
          AND json_extract_string(op, '$.op') IN ('add', 'replace'))[-1], '$.value'), "oldState"->'position')
    ELSE "oldState"->'position' END`;

const SEVERITY_SQL = `CASE WHEN lower(m.importance) IN ('low', 'medium', 'high', 'critical')
    THEN lower(m.importance) ELSE 'info' END`;

/** The metadata fields the mapping reads, parsed once per record rather than once per field. */
const METADATA_STRUCT = JSON.stringify({
  userId: 'VARCHAR',
  userType: 'VARCHAR',
  source: 'VARCHAR',
  sessionId: 'VARCHAR',
  importance: 'VARCHAR',
  tags: 'JSON',
});

export const descendantsAdapter: SourceAdapter = {
  id: 'descendants',
  tables: [worldChanges, worldSnapshots, bookmarks],
  detect(files) {
    // Delta-only updates carry no `newState`, so by name one field is proof enough.
    if (files.has(worldChanges.name)) return detectByTable(files, worldChanges, ['changeType']);
    return detectByTable(files, worldChanges, ['changeType', 'entityId', 'newState']);
  },
  mapSql(ctx) {
    const axis = (a: string): string => `_xyz.${a}`;
    return [
      `INSERT INTO events_stage SELECT
        "timestamp", 'descendants', id, ${ACTION_SQL}, "changeType",
        m.userId, ${ACTOR_TYPE_SQL}, m.source, m.sessionId, NULL, NULL,
        "entityType", "entityId", "oldState", "newState", delta, ${SEVERITY_SQL},
        CASE WHEN json_type(m.tags) = 'ARRAY' THEN json_extract_string(m.tags, '$[*]') END,
        NULL, NULL, NULL,
        ${axis('x')}, ${axis('y')}, ${axis('z')},
        _raw, _file, _line, _rank, 0
      FROM (SELECT *, json_transform(${POSITION_SQL}, '{"x":"DOUBLE","y":"DOUBLE","z":"DOUBLE"}') AS _xyz
        FROM (SELECT *, json_transform(metadata, '${METADATA_STRUCT}') AS m FROM ${ctx.records(worldChanges.name)}))`,
      auxiliaryTableSql(ctx, worldSnapshots),
      auxiliaryTableSql(ctx, bookmarks),
    ];
  },
};
