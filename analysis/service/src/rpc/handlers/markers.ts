import type { Marker } from '../../../../core/src/index.js';
import { isoSql, runDetectors } from '../../../../engine/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';

/** Most markers of one kind: a strip with more would be a solid bar. */
const MAX_PER_KIND = 1000;

/**
 * Marker SQL per auxiliary table, where the system keeps one: its snapshots, rollbacks and
 * bookmarks. Each selects `kind, from_iso, to_iso, label` ordered by time.
 */
const AUXILIARY: Record<string, string> = {
  world_snapshots: `SELECT 'snapshot' AS kind, ${isoSql('timestamp')} AS from_iso, NULL AS to_iso,
      'world snapshot ' || id AS label FROM world_snapshots WHERE timestamp IS NOT NULL ORDER BY timestamp`,
  bookmarks: `SELECT 'bookmark' AS kind, ${isoSql('timestamp')} AS from_iso, NULL AS to_iso,
      coalesce(description, id) AS label FROM bookmarks WHERE timestamp IS NOT NULL ORDER BY timestamp`,
  system_snapshots: `SELECT 'snapshot' AS kind, ${isoSql('timestamp')} AS from_iso, NULL AS to_iso,
      'system snapshot ' || id || coalesce(' by ' || created_by, '') AS label
      FROM system_snapshots WHERE timestamp IS NOT NULL ORDER BY timestamp`,
  rollback_operations: `SELECT 'rollback' AS kind, ${isoSql('coalesce(created_at, target_timestamp)')} AS from_iso,
      ${isoSql('completed_at')} AS to_iso,
      coalesce(rollback_type, 'rollback') || coalesce(' to ' || ${isoSql('target_timestamp')}, '')
        || coalesce(' (' || status || ')', '') || coalesce(' by ' || initiated_by, '') AS label
      FROM rollback_operations WHERE coalesce(created_at, target_timestamp) IS NOT NULL ORDER BY 2`,
  cycle_snapshots: `SELECT 'snapshot' AS kind, ${isoSql('coalesce(start_time, created_at)')} AS from_iso,
      ${isoSql('end_time')} AS to_iso, 'cycle ' || cycle_number AS label
      FROM cycle_snapshots WHERE coalesce(start_time, created_at) IS NOT NULL ORDER BY 2`,
};

/**
 * What the timeline marks: the source's snapshots, rollbacks and bookmarks (where the system
 * has them), rollback events in the log itself, and long silences (the `time_gap` detector's
 * findings: gaps when the system is normally busy, not every quiet night).
 */
export async function timelineMarkers(store: ArchiveStore): Promise<Marker[]> {
  const tables = new Set(
    (await store.all(`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()`)).map(
      (r) => String(r['table_name']),
    ),
  );
  const markers: Marker[] = [];
  for (const [table, sql] of Object.entries(AUXILIARY)) {
    if (!tables.has(table)) continue;
    for (const r of await store.json(`${sql} LIMIT ${MAX_PER_KIND}`)) markers.push(marker(r));
  }
  // qcs keeps its rollbacks in a table of their own; the other systems log them as events.
  if (!tables.has('rollback_operations')) {
    const rows = await store.json(
      `SELECT 'rollback' AS kind, ${isoSql('ts')} AS from_iso, NULL AS to_iso, seq::DOUBLE AS seq,
         event_type || coalesce(' by ' || actor_id, '') AS label
       FROM events WHERE action = 'rollback' ORDER BY seq LIMIT ${MAX_PER_KIND}`,
    );
    for (const r of rows) markers.push(marker(r));
  }
  // Every gap the detector sees (`all`: the timeline shows them whether or not triage would
  // report them as findings), and nothing else (no rules).
  const gaps = await runDetectors(store, { detectors: ['time_gap'], builtinRules: false, all: true });
  for (const g of gaps.findings.filter((f) => f.detector === 'time_gap').slice(0, MAX_PER_KIND)) {
    const seq = g.evidence[g.evidence.length - 1];
    markers.push({
      kind: 'gap',
      from: g.from,
      to: g.to,
      ...(seq !== undefined ? { seq } : {}),
      label: g.summary,
    });
  }
  return markers.sort((a, b) => a.from.localeCompare(b.from));
}

function marker(r: Record<string, unknown>): Marker {
  const out: Marker = {
    kind: r['kind'] as Marker['kind'],
    from: String(r['from_iso']),
    label: String(r['label']),
  };
  if (r['to_iso'] !== null && r['to_iso'] !== undefined) out.to = String(r['to_iso']);
  if (r['seq'] !== null && r['seq'] !== undefined) out.seq = Number(r['seq']);
  return out;
}
