import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import type { ExportFile, ParsedParamsOf } from '../../../../core/src/index.js';
import {
  ArchiveStore,
  exportEvents,
  FINDING_COLUMNS,
  findingRows,
  rollbackPlan,
  runDetectors,
  STATE_COLUMNS,
  stateRows,
  writeRollbackPlan,
  writeRows,
} from '../../../../engine/src/index.js';
import type { EventFilter, RollbackFormat, RowFormat } from '../../../../engine/src/index.js';
import { Lane } from '../sessions/Lane.js';
import type { SessionIdentity } from '../sessions/ArchiveSession.js';
import { cancelled } from '../errors.js';
import { engineFilter } from '../sql/filterSql.js';
import { writeReport } from './exportReport.js';
import { onLane } from './types.js';
import type { HandlerContext, Handlers } from './types.js';

type Params = ParsedParamsOf<'export.file'>;

const MIME: Record<string, string> = {
  html: 'text/html',
  pdf: 'application/pdf',
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  sql: 'application/sql',
  patch: 'application/json-patch+json',
};

/** `qcs-events.parquet`: the archive's name, what it holds, and its form. */
function fileName(archivePath: string, p: Params): string {
  const stem = basename(archivePath).replace(/\.(zip|gz|auditpack|ndjson|json|csv)$/gi, '') || 'archive';
  const ext = p.format === 'patch' ? 'patch.json' : p.format;
  return `${stem}-${p.kind}.${ext}`;
}

export const exportFileHandlers: Handlers<'export.file'> = {
  /**
   * The CLI's `report` and `export --what …` for the studio: the file is written by the
   * engine's own writers into a private temporary folder (never beside the evidence), read
   * back and handed to the studio, which saves it where the user says.
   */
  'export.file': async (params, ctx) => {
    const session = ctx.service.sessions.get(params.archive);
    const dir = await mkdtemp(join(tmpdir(), 'chronoscope-export-'));
    const name = fileName(session.identity.path, params);
    const out = join(dir, name);
    try {
      const written = await writeExport(params, ctx, out);
      if (ctx.signal.aborted) throw cancelled(ctx.method);
      const bytes = new Uint8Array(await readFile(out));
      return { name, mime: MIME[params.format] ?? 'application/octet-stream', bytes, ...written };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

type Written = Omit<ExportFile, 'name' | 'mime' | 'bytes'>;

async function writeExport(p: Params, ctx: HandlerContext, out: string): Promise<Written> {
  const session = ctx.service.sessions.get(p.archive);
  const filter = engineFilter(ctx.method, p.filter);
  const progress = (fraction: number): void => ctx.push('export.progress', { kind: p.kind, fraction });
  if (p.kind === 'state' || p.kind === 'rollback-plan') {
    // Time travel keeps its keyframes on the travel lane.
    return onLane(ctx, p.archive, 'travel', async (store, s) => {
      const travel = await s.travelOn(store);
      if (p.kind === 'state') {
        const point = await travel.resolve(parseTimeSpec(p.at ?? '', `${ctx.method}: params.at`));
        const entities = await travel.entitiesAt(point.seq, {});
        if (p.format === 'json') {
          await writeFile(out, `${JSON.stringify({ at: point.at, seq: point.seq, entities }, null, 2)}\n`);
          return { rows: entities.length };
        }
        return {
          rows: await writeRows(store, stateRows(entities), STATE_COLUMNS, p.format as RowFormat, out),
        };
      }
      const r = p.rollback!;
      const plan = await rollbackPlan(travel, parseTimeSpec(r.to, `${ctx.method}: params.rollback.to`), {
        ...(r.actor !== undefined ? { actor: r.actor } : {}),
        ...(r.entityId !== undefined ? { entityId: r.entityId } : {}),
        ...(r.entityType !== undefined ? { entityType: r.entityType } : {}),
      });
      const { note } = await writeRollbackPlan(
        store,
        plan,
        { system: s.identity.system, sha256: s.identity.id },
        p.format as RollbackFormat,
        out,
      );
      return { rows: plan.changes.length, ...(note !== null ? { note } : {}) };
    });
  }
  // Long work on a database instance of its own (cancellable like a lane's), so the panels
  // and the console stay free meanwhile.
  const lane = new Lane(() => ArchiveStore.open(session.identity.dbPath));
  try {
    return await lane.run(ctx.method, ctx.signal, (store) =>
      writeFromStore(store, session.identity, p, ctx, filter, out, progress),
    );
  } finally {
    await lane.close();
  }
}

async function writeFromStore(
  store: ArchiveStore,
  identity: SessionIdentity,
  p: Params,
  ctx: HandlerContext,
  filter: EventFilter,
  out: string,
  progress: (fraction: number) => void,
): Promise<Written> {
  if (p.kind === 'events') {
    await exportEvents(store, filter, p.format as Exclude<RowFormat, 'json'>, out, progress);
    return {};
  }
  if (p.kind === 'findings') {
    const result = await runDetectors(store, { filter });
    if (p.format === 'json') {
      await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
      return { rows: result.findings.length };
    }
    await writeRows(store, findingRows(result.findings), FINDING_COLUMNS, p.format as RowFormat, out);
    return { rows: result.findings.length };
  }
  if (p.kind === 'report') return await writeReport(store, identity, ctx, p, filter, out);
  throw new ChronoscopeError('BAD_ARGUMENT', `${ctx.method}: params.kind: unknown`);
}
