import type { TableSpec } from '../import/tableSpec.js';
import type { SourceAdapter } from './types.js';
import { auxiliaryTableSql, caseMap, detectByTable } from './sqlParts.js';

/** `robot-cycles`: the cycle-based robot battle game's event log (sources.md §5). */
const auditLogs: TableSpec = {
  name: 'audit_logs',
  stems: ['audit_logs'],
  required: true,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text' },
    { name: 'cycle_number', kind: 'int', required: true },
    { name: 'event_type', kind: 'text', required: true },
    { name: 'event_timestamp', kind: 'timestamp', required: true },
    { name: 'sequence_number', kind: 'int', required: true },
    // Integers in the seed, but ids are only ever compared: text keeps any form the export used.
    { name: 'user_id', kind: 'text' },
    { name: 'robot_id', kind: 'text' },
    { name: 'payload', kind: 'json' },
    { name: 'metadata', kind: 'json' },
  ],
};

const cycleSnapshots: TableSpec = {
  name: 'cycle_snapshots',
  stems: ['cycle_snapshots'],
  required: false,
  shape: 'records',
  columns: [
    { name: 'id', kind: 'text' },
    { name: 'cycle_number', kind: 'int', required: true },
    { name: 'trigger_type', kind: 'text' },
    { name: 'start_time', kind: 'timestamp' },
    { name: 'end_time', kind: 'timestamp' },
    { name: 'duration_ms', kind: 'int' },
    { name: 'stable_metrics', kind: 'json' },
    { name: 'robot_metrics', kind: 'json' },
    { name: 'step_durations', kind: 'json' },
    { name: 'total_battles', kind: 'int' },
    { name: 'total_credits_transacted', kind: 'int' },
    { name: 'total_prestige_awarded', kind: 'int' },
    { name: 'created_at', kind: 'timestamp' },
  ],
};

const USER_EVENTS = [
  'credit_change',
  'prestige_change',
  'passive_income',
  'operating_costs',
  'facility_purchase',
  'facility_upgrade',
  'weapon_purchase',
  'weapon_sale',
];
const ROBOT_EVENTS = ['robot_repair', 'attribute_upgrade', 'league_change'];
const BATTLES = ['battle_complete', 'tag_team_battle', 'tournament_match'];

const ACTIONS: Record<string, string> = {
  credit_change: 'update',
  prestige_change: 'update',
  passive_income: 'update',
  operating_costs: 'update',
  robot_repair: 'update',
  attribute_upgrade: 'update',
  league_change: 'update',
  // Purchases and sales change what a user owns; the user is neither created nor deleted.
  facility_upgrade: 'update',
  facility_purchase: 'update',
  weapon_purchase: 'update',
  weapon_sale: 'update',
  battle_complete: 'other',
  tag_team_battle: 'other',
  tournament_match: 'other',
  tournament_complete: 'other',
  cycle_start: 'system',
  cycle_step_complete: 'system',
  cycle_complete: 'system',
};

const list = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');

/** `{"<key>": payload.<field>}` when the payload has that field, else NULL: a state we were not told is not made up. */
function partial(key: string, field: string): string {
  return `CASE WHEN (p->'${field}') IS NOT NULL THEN json_object(${key}, p->'${field}') END`;
}

export const robotCyclesAdapter: SourceAdapter = {
  id: 'robot-cycles',
  tables: [auditLogs, cycleSnapshots],
  // wedsync also writes `audit_logs`: these fields are what tells the two apart.
  detect: (files) => detectByTable(files, auditLogs, ['cycle_number', 'event_type', 'sequence_number']),
  mapSql(ctx) {
    const entityId = `CASE entity_type
      WHEN 'user' THEN uid
      WHEN 'robot' THEN rid
      -- A battle without its id still needs one entity of its own: its place in the cycle is unique.
      WHEN 'battle' THEN coalesce(p->>'battleId', source_id)
      WHEN 'tournament' THEN p->>'tournamentId'
      ELSE cycle_number::VARCHAR END`;
    const newState = `CASE et
      WHEN 'credit_change' THEN ${partial("'balance'", 'balanceAfter')}
      WHEN 'passive_income' THEN ${partial("'balance'", 'balanceAfter')}
      WHEN 'operating_costs' THEN ${partial("'balance'", 'balanceAfter')}
      WHEN 'prestige_change' THEN ${partial("'prestige'", 'prestigeAfter')}
      WHEN 'robot_repair' THEN ${partial("'hp'", 'hpAfter')}
      WHEN 'attribute_upgrade' THEN CASE WHEN (p->>'attribute') IS NOT NULL THEN ${partial("p->>'attribute'", 'newValue')} END
      WHEN 'league_change' THEN ${partial("'league'", 'newLeague')}
      -- The balance they cost arrives with the credit_change that follows; the payload stays in delta.
      WHEN 'facility_purchase' THEN NULL WHEN 'facility_upgrade' THEN NULL
      WHEN 'weapon_purchase' THEN NULL WHEN 'weapon_sale' THEN NULL
      ELSE p END`;
    const oldState = `CASE et
      WHEN 'attribute_upgrade' THEN CASE WHEN (p->>'attribute') IS NOT NULL THEN ${partial("p->>'attribute'", 'oldValue')} END
      WHEN 'league_change' THEN ${partial("'league'", 'oldLeague')} END`;
    return [
      `INSERT INTO events_stage
      SELECT event_timestamp, 'robot-cycles', source_id,
        ${caseMap('et', ACTIONS, `CASE WHEN et LIKE 'cycle\\_%' ESCAPE '\\' THEN 'system' ELSE 'other' END`)},
        event_type, coalesce(uid, 'system'), CASE WHEN uid IS NULL THEN 'system' ELSE 'human' END, NULL,
        NULL, NULL, NULL,
        entity_type, ${entityId},
        ${oldState}, ${newState}, p,
        -- The log has no severity: judging amounts is the detectors' work.
        'info',
        ['cycle:' || cycle_number],
        NULL, NULL, NULL,
        NULL, NULL, NULL,
        _raw, _file, _line, _rank, 0
      FROM (
        SELECT *, CASE
            WHEN et IN (${list(USER_EVENTS)}) THEN 'user'
            WHEN et IN (${list(ROBOT_EVENTS)}) THEN 'robot'
            WHEN et IN (${list(BATTLES)}) THEN 'battle'
            WHEN et = 'tournament_complete' THEN 'tournament'
            WHEN et LIKE 'cycle\\_%' ESCAPE '\\' THEN 'cycle'
            -- An event type the spec does not list: the most specific subject its row names.
            WHEN rid IS NOT NULL THEN 'robot'
            WHEN uid IS NOT NULL THEN 'user'
            ELSE 'cycle' END AS entity_type
        FROM (
          SELECT *, lower(trim(event_type)) AS et, payload AS p,
            nullif(trim(user_id), '') AS uid, nullif(trim(robot_id), '') AS rid,
            cycle_number::VARCHAR || ':' || sequence_number::VARCHAR AS source_id
          FROM ${ctx.records('audit_logs')}
        )
      )`,
      auxiliaryTableSql(ctx, cycleSnapshots),
    ];
  },
};
