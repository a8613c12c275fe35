import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CHRONOSCOPE_VERSION, ChronoscopeError } from '../../../core/src/index.js';
import type { SystemId } from '../../../core/src/index.js';
import { ExpansionBudget } from '../archive/expansionGuard.js';
import { DEFAULT_LIMITS } from '../archive/limits.js';
import type { ImportLimits } from '../archive/limits.js';
import { listSource } from '../archive/sourceListing.js';
import type { SourceListing } from '../archive/sourceListing.js';
import { EVENTS_STAGE_SQL } from '../adapters/types.js';
import type { AdapterContext, SourceAdapter } from '../adapters/types.js';
import { cacheFileName, defaultCacheDir } from '../store/cacheDir.js';
import { openDuck } from '../store/duck.js';
import { knownSha256, rememberSha256, statKey } from '../store/fingerprintIndex.js';
import { collectRejects, orderEvents, writeArchiveTables } from './finalize.js';
import { loadTables } from './loadTables.js';
import { fingerprintArchive, planImport } from './planImport.js';
import type { ImportPlan } from './planImport.js';
import { ProgressTracker } from './progress.js';
import { traced } from './trace.js';
import { memoryLimitFor, memoryLimitSql } from './memoryBudget.js';
import { isAuditPack, packAsSource } from './packSource.js';
import { enableQueryProgress, watchQuery } from './queryProgress.js';
import type { ProgressListener } from './progress.js';
import { recordViewName } from './recordTables.js';
import { RejectSink, REJECTS_TABLE_SQL, STAGE_REJECTS_TABLE_SQL } from './rejectSink.js';
import type { StagedFile } from './tableSpec.js';

export interface ImportOptions {
  /** Overrides detection. */
  system?: SystemId;
  cacheDir?: string;
  limits?: Partial<ImportLimits>;
  onProgress?: ProgressListener;
  /** Import again even when the cache holds this archive. */
  force?: boolean;
  /** Hash the evidence even when its files' stat identity is unchanged since it was last hashed. */
  rehash?: boolean;
}

export interface OpenedArchive {
  /** The cached DuckDB database holding the import (read it read-only). */
  dbPath: string;
  sha256: string;
  system: SystemId;
  /** True when the cache already held this archive and nothing was imported. */
  reused: boolean;
}

/**
 * Opens an archive: imports it into a DuckDB database in the cache unless one for the same
 * bytes is already there. The import writes a temporary file and renames it when complete,
 * so an interrupted import never leaves a half cache. The evidence is only ever read.
 */
export async function openArchive(path: string, options: ImportOptions = {}): Promise<OpenedArchive> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const listing = await listSource(path, limits);
  try {
    const totalBytes = listing.files.reduce((n, f) => n + f.size, 0);
    const progress = new ProgressTracker(
      options.onProgress,
      listing.kind === 'zip' ? (await stat(path)).size : totalBytes,
    );
    await mkdir(cacheDir, { recursive: true });
    const key = await statKey(listing);
    // A cached import for these bytes: found by the files' stat identity, else by their hash.
    const reuse = async (sha256: string): Promise<OpenedArchive | undefined> => {
      const dbPath = join(cacheDir, cacheFileName(sha256, options.system));
      if (options.force || !(await exists(dbPath))) return undefined;
      const system = await cachedSystem(dbPath);
      await rememberSha256(cacheDir, key, sha256);
      progress.enter('done');
      return { dbPath, sha256, system, reused: true };
    };
    const known = options.rehash ? undefined : await knownSha256(cacheDir, key);
    const quick = known ? await reuse(known) : undefined;
    if (quick) return quick;
    progress.enter('hashing');
    const { sha256, prints } = await traced('fingerprint', () =>
      fingerprintArchive(listing, limits.maxRecordBytes, (n) => progress.addBytes(n)),
    );
    const cached = await reuse(sha256);
    if (cached) return cached;
    const dbPath = join(cacheDir, cacheFileName(sha256, options.system));
    const budget = new ExpansionBudget(limits);
    // A pack is imported as the export it holds, under the pack's own identity.
    const pack = isAuditPack(listing) ? await packAsSource(path, cacheDir, limits) : undefined;
    let system: SystemId;
    try {
      const source = pack?.listing ?? listing;
      const plan = await planImport(source, sha256, pack?.prints ?? prints, budget, options.system);
      const identity = { path: listing.path, kind: pack ? 'auditpack' : listing.kind };
      await importInto(dbPath, source, identity, plan, { budget, limits, progress, cacheDir });
      system = plan.adapter.id;
    } finally {
      await pack?.dispose();
    }
    // Only an archive that imported is remembered: a failed import leaves the cache as it was.
    await rememberSha256(cacheDir, key, sha256);
    return { dbPath, sha256, system, reused: false };
  } finally {
    listing.close();
  }
}

interface ImportRun {
  budget: ExpansionBudget;
  limits: ImportLimits;
  progress: ProgressTracker;
  cacheDir: string;
}

async function importInto(
  dbPath: string,
  listing: SourceListing,
  identity: { path: string; kind: string },
  plan: ImportPlan,
  run: ImportRun,
): Promise<void> {
  const started = Date.now();
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmpPath = `${dbPath}.tmp-${token}`;
  const stagingDir = join(run.cacheDir, `staging-${token}`);
  await mkdir(stagingDir, { recursive: true });
  const { instance, conn } = await openDuck(tmpPath, {
    tempDirectory: join(stagingDir, 'duckdb-tmp'),
    checkpointThreshold: '64GB',
  });
  let renamed = false;
  try {
    await enableQueryProgress(conn);
    await conn.run(REJECTS_TABLE_SQL);
    await conn.run(STAGE_REJECTS_TABLE_SQL);
    const sink = new RejectSink(conn);
    await sink.open();
    run.progress.enter(
      'reading',
      plan.files.reduce((n, f) => n + (f.fingerprint?.bytes ?? f.file.size), 0),
    );
    let staged: StagedFile[];
    try {
      staged = await traced('load tables', () =>
        loadTables(plan.adapter.tables, plan.files, {
          conn,
          stagingDir,
          budget: run.budget,
          maxRecordBytes: run.limits.maxRecordBytes,
          rejects: sink,
          onBytes: (n) => run.progress.addBytes(n),
        }),
      );
    } finally {
      sink.close();
    }
    await conn.run(memoryLimitSql(memoryLimitFor(staged, plan.adapter.tables)));
    run.progress.enter('mapping');
    await traced('map events', () =>
      watchQuery(
        conn,
        (f) => run.progress.setFraction(f),
        () => mapEvents(conn, plan.adapter, staged),
      ),
    );
    await traced('collect rejects', () => collectRejects(conn, plan.adapter.tables));
    run.progress.enter('ordering');
    await traced('order events', () => orderEvents(conn));
    const ignored = plan.files.filter((f) => f.table === null).map((f) => f.file.display);
    await traced('archive tables', () =>
      writeArchiveTables(
        conn,
        {
          system: plan.adapter.id,
          path: identity.path,
          kind: identity.kind,
          sha256: plan.sha256,
          bytes: plan.files.reduce((n, f) => n + (f.fingerprint?.bytes ?? f.file.size), 0),
          importMs: Date.now() - started,
          version: CHRONOSCOPE_VERSION,
        },
        staged,
        ignored,
        plan.adapter.tables,
      ),
    );
    const counts = (
      await conn.runAndReadAll(`SELECT records, rejected FROM archive_info`)
    ).getRowObjectsJS()[0];
    run.progress.records = Number(counts?.['records'] ?? 0);
    run.progress.rejected = Number(counts?.['rejected'] ?? 0);
    run.progress.enter('writing');
    await traced('checkpoint', () => conn.run('CHECKPOINT'));
    conn.closeSync();
    instance.closeSync();
    await rename(tmpPath, dbPath);
    renamed = true;
    run.progress.enter('done');
  } finally {
    if (!renamed) {
      conn.closeSync();
      instance.closeSync();
      await rm(tmpPath, { force: true });
      await rm(`${tmpPath}.wal`, { force: true });
    }
    await rm(stagingDir, { recursive: true, force: true });
  }
}

async function mapEvents(
  conn: Awaited<ReturnType<typeof openDuck>>['conn'],
  adapter: SourceAdapter,
  staged: StagedFile[],
): Promise<void> {
  const ctx: AdapterContext = {
    records: (table) => recordViewName({ name: table }),
    has: (table) => staged.some((f) => f.table === table),
    documents: (table) =>
      staged
        .filter((f) => f.table === table)
        .map(({ path, display, rank, bytes }) => ({ path, display, rank, bytes })),
  };
  await conn.run(EVENTS_STAGE_SQL);
  for (const sql of adapter.mapSql(ctx)) {
    try {
      await conn.run(sql);
    } catch (err) {
      throw adapterError(adapter, staged, err);
    }
  }
  for (const sql of adapter.rejectsSql?.(ctx) ?? []) await conn.run(sql);
}

/**
 * DuckDB names the file when a document it reads is malformed (`in file "<path>"`): that is
 * the evidence's fault, reported as UNREADABLE under the name the user knows, not a bug of ours.
 */
function adapterError(adapter: SourceAdapter, staged: StagedFile[], err: unknown): ChronoscopeError {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const doc = staged.find((f) => f.format === 'json-document' && message.includes(`"${f.path}"`));
  if (!doc) return new ChronoscopeError('INTERNAL', `${adapter.id} adapter: ${message}`);
  const reason = message
    .replace(` in file "${doc.path}"`, '')
    .replace(/^Invalid Input Error: /, '')
    .trim();
  return new ChronoscopeError('UNREADABLE', `${doc.display}: ${reason}`, { file: doc.display });
}

async function cachedSystem(dbPath: string): Promise<SystemId> {
  const { instance, conn } = await openDuck(dbPath, { readOnly: true });
  try {
    const row = (await conn.runAndReadAll(`SELECT system FROM archive_info`)).getRowObjectsJS()[0];
    return String(row?.['system']) as SystemId;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
