import { CHRONOSCOPE_VERSION } from '../../../core/src/index.js';
import { actorActivity } from '../analytics/activity.js';
import { compileFilter } from '../analytics/filter.js';
import type { EventFilter } from '../analytics/filter.js';
import { hourWeekdayHeatmap } from '../analytics/heatmaps.js';
import { trend } from '../analytics/trends.js';
import { runDetectors } from '../detectors/runDetectors.js';
import type { Finding } from '../detectors/types.js';
import { inspectArchive } from '../queries/inspect.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';
import { caseFilePathFor, readCaseAnnotations } from './caseFile.js';
import type { Count, EvidenceRow, ReportData, ReportOptions } from './reportData.js';

const MOVING_AVERAGE_WINDOW = 7;
const TOP = 10;

/** Everything the report shows, gathered from the archive's store in one pass of queries. */
export async function gatherReport(store: ArchiveStore, options: ReportOptions): Promise<ReportData> {
  const step = options.onStep ?? ((): void => {});
  const filter = options.filter ?? {};
  const evidenceRows = Math.max(1, Math.floor(options.evidenceRows ?? 10));
  const maxFindings = Math.max(0, Math.floor(options.maxFindings ?? 100));
  step('overview');
  const archive = await inspectArchive(store, 20);
  const f = compileFilter(filter);
  const events = Number(
    (await store.all(`SELECT count(*) AS n FROM events ${f.where}`, f.params))[0]?.['n'] ?? 0,
  );
  const trendResult = await trend(store, filter, { window: MOVING_AVERAGE_WINDOW });
  const heatmap = await hourWeekdayHeatmap(store, filter);
  const top = {
    actions: await topCounts(store, filter, 'action'),
    eventTypes: await topCounts(store, filter, 'event_type'),
    actors: await topCounts(store, filter, 'actor_id'),
    entityTypes: await topCounts(store, filter, 'entity_type'),
  };
  step('detectors');
  const analysis = await runDetectors(store, { filter });
  const evidence = await evidenceFor(store, analysis.findings.slice(0, maxFindings), evidenceRows);
  step('actors');
  const actors = await actorActivity(store, filter, { limit: options.maxActors ?? 25 });
  const caseFilePath =
    options.caseFile === null ? null : (options.caseFile ?? caseFilePathFor(options.archivePath));
  const caseFile = caseFilePath ? await readCaseAnnotations(caseFilePath, archive.archive.sha256) : null;
  return {
    title: options.title ?? `Chronoscope report: ${archive.system} archive`,
    generatedAt: new Date().toISOString(),
    version: CHRONOSCOPE_VERSION,
    archivePath: options.archivePath,
    archive,
    selection: { description: describeFilter(filter), events },
    integrity: options.integrity,
    trend: trendResult,
    movingAverageWindow: MOVING_AVERAGE_WINDOW,
    heatmap,
    top,
    analysis,
    evidence,
    evidenceRows,
    maxFindings,
    actors,
    caseFile,
    caseFilePath,
  };
}

/** The busiest values of one column we name (never user text) in the selection. */
async function topCounts(
  store: ArchiveStore,
  filter: EventFilter,
  column: 'action' | 'event_type' | 'actor_id' | 'entity_type',
): Promise<Count[]> {
  const f = compileFilter(filter);
  const rows = await store.json(
    `SELECT coalesce(${column}, '(none)') AS k, count(*) AS n FROM events ${f.where}
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
    f.params,
  );
  return rows.map((r) => ({ key: String(r['k']), count: Number(r['n']) }));
}

/** The first `perFinding` evidence rows of each finding shown, fetched in one query. */
async function evidenceFor(
  store: ArchiveStore,
  findings: readonly Finding[],
  perFinding: number,
): Promise<Map<number, EvidenceRow>> {
  const seqs = [...new Set(findings.flatMap((f) => f.evidence.slice(0, perFinding)))].filter((s) =>
    Number.isSafeInteger(s),
  );
  const out = new Map<number, EvidenceRow>();
  if (seqs.length === 0) return out;
  const rows = await store.json(
    `SELECT seq, ${isoSql('ts')} AS ts, actor_id, action, event_type, entity_type, entity_id FROM events
     WHERE seq IN (SELECT unnest([${seqs.join(',')}]::BIGINT[])) ORDER BY seq`,
  );
  for (const r of rows) {
    const seq = Number(r['seq']);
    out.set(seq, {
      seq,
      ts: String(r['ts']),
      actor: (r['actor_id'] as string | null) ?? null,
      action: String(r['action']),
      eventType: String(r['event_type']),
      entityType: (r['entity_type'] as string | null) ?? null,
      entityId: (r['entity_id'] as string | null) ?? null,
    });
  }
  return out;
}

function describeFilter(filter: EventFilter): string[] {
  const time = (t: EventFilter['from']): string => (t ? (t.kind === 'seq' ? `seq ${t.seq}` : t.iso) : '');
  const list = (label: string, values: string[] | undefined): string[] =>
    values && values.length > 0 ? [`${label}: ${values.join(', ')}`] : [];
  return [
    ...(filter.from ? [`from ${time(filter.from)}`] : []),
    ...(filter.to ? [`to ${time(filter.to)}`] : []),
    ...list('actors', filter.actors),
    ...list('actions', filter.actions),
    ...list('event types', filter.eventTypes),
    ...list('entity types', filter.entityTypes),
    ...list('entities', filter.entities),
    ...(filter.text ? [`text containing "${filter.text}"`] : []),
  ];
}
