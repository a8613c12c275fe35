import type { ArchiveStore } from '../store/ArchiveStore.js';
import { isoSql } from '../store/ArchiveStore.js';

/** `inspect --json`, as shared/spec/cli.md fixes it, plus the archive's identity. */
export interface InspectSummary {
  system: string;
  records: number;
  rejected: number;
  timeRange: { from: string | null; to: string | null };
  actors: number;
  entityTypes: Record<string, number>;
  files: {
    path: string;
    stream: string | null;
    format: string;
    records: number;
    rejected: number;
    truncated?: string;
  }[];
  archive: {
    path: string;
    kind: string;
    sha256: string;
    bytes: number;
    importedAt: string;
    importMs: number;
  };
  /** The first rejected records, each with where it was and why. */
  rejects: { file: string; line: number; unit: string; reason: string; excerpt: string | null }[];
  actions: Record<string, number>;
}

export async function inspectArchive(store: ArchiveStore, rejectSample = 20): Promise<InspectSummary> {
  const [info] = await store.json(
    `SELECT system, path, kind, sha256, bytes, ${isoSql('imported_at')} AS imported_at, import_ms, records, rejected,
       ${isoSql('time_from')} AS time_from, ${isoSql('time_to')} AS time_to,
       (SELECT count(DISTINCT actor_id) FROM events) AS actors
     FROM archive_info`,
  );
  if (!info) throw new Error('archive_info is empty: the cache is damaged');
  const entityTypes = await store.json(
    `SELECT coalesce(entity_type, '(none)') AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const actions = await store.json(
    `SELECT action AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const files = await store.json(
    `SELECT path, stream, format, records, rejected, truncated FROM import_files ORDER BY rank NULLS LAST, path`,
  );
  const rejects = await store.json(
    `SELECT file, line, unit, reason, excerpt FROM rejects ORDER BY file, line LIMIT ${rejectSample}`,
  );
  return {
    system: String(info['system']),
    records: Number(info['records']),
    rejected: Number(info['rejected']),
    timeRange: {
      from: (info['time_from'] as string | null) ?? null,
      to: (info['time_to'] as string | null) ?? null,
    },
    actors: Number(info['actors']),
    entityTypes: toCounts(entityTypes),
    files: files.map((f) => ({
      path: String(f['path']),
      stream: (f['stream'] as string | null) ?? null,
      format: String(f['format']),
      records: Number(f['records']),
      rejected: Number(f['rejected']),
      ...(f['truncated'] ? { truncated: String(f['truncated']) } : {}),
    })),
    archive: {
      path: String(info['path']),
      kind: String(info['kind']),
      sha256: String(info['sha256']),
      bytes: Number(info['bytes']),
      importedAt: String(info['imported_at']),
      importMs: Number(info['import_ms']),
    },
    rejects: rejects.map((r) => ({
      file: String(r['file']),
      line: Number(r['line']),
      unit: String(r['unit']),
      reason: String(r['reason']),
      excerpt: (r['excerpt'] as string | null) ?? null,
    })),
    actions: toCounts(actions),
  };
}

function toCounts(rows: Record<string, unknown>[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [String(r['k']), Number(r['n'])]));
}
