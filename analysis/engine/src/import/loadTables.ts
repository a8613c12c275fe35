import type { DuckDBConnection } from '@duckdb/node-api';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { ExpansionBudget } from '../archive/expansionGuard.js';
import type { PlannedFile } from './planImport.js';
import {
  createSourceTableSql,
  csvHeaderSql,
  insertCsvRecordsSql,
  insertJsonRecordsSql,
  fillLineNumbersSql,
  PG_TEXT_ARRAY_MACRO,
  sourceTableName,
} from './recordTables.js';
import type { RejectSink } from './rejectSink.js';
import { stageCopy, stageNumberedLines } from './stageFile.js';
import type { StageContext } from './stageFile.js';
import type { StagedFile, StagedFormat, TableSpec } from './tableSpec.js';
import { sqlString } from './sql.js';
import { traced } from './trace.js';
import { watchQuery } from './queryProgress.js';
import { memoryLimitSql, recordsMemoryFor } from './memoryBudget.js';

export interface LoadContext {
  conn: DuckDBConnection;
  stagingDir: string;
  budget: ExpansionBudget;
  maxRecordBytes: number;
  rejects: RejectSink;
  onBytes(bytes: number): void;
}

/** Loads every file of every table into `src_<table>`; returns the staged files in source order. */
export async function loadTables(
  tables: readonly TableSpec[],
  files: PlannedFile[],
  ctx: LoadContext,
): Promise<StagedFile[]> {
  await ctx.conn.run(PG_TEXT_ARRAY_MACRO);
  const staged: StagedFile[] = [];
  for (const spec of tables) {
    if (spec.shape === 'records') for (const sql of createSourceTableSql(spec)) await ctx.conn.run(sql);
    const mine = files
      .filter((f) => f.table === spec)
      .sort((a, b) => stemRank(spec, a) - stemRank(spec, b) || a.file.relPath.localeCompare(b.file.relPath));
    for (const planned of mine) {
      const file = await traced(`stage ${planned.file.relPath}`, () =>
        stage(planned, spec, staged.length, ctx),
      );
      // Staging counted the bytes it copied; a file read in place counts as DuckDB reads it.
      const inPlace = file.path === planned.file.localPath;
      let reported = 0;
      const report = (fraction: number): void => {
        const bytes = inPlace ? Math.floor(fraction * file.bytes) : 0;
        if (bytes > reported) ctx.onBytes(bytes - reported);
        reported = Math.max(reported, bytes);
      };
      if (spec.shape === 'records') {
        await ctx.conn.run(memoryLimitSql(recordsMemoryFor([file])));
        await traced(`load ${planned.file.relPath}`, () =>
          watchQuery(ctx.conn, report, () => loadRecords(spec, file, ctx)),
        );
      }
      report(1);
      staged.push(file);
    }
  }
  return staged;
}

function stemRank(spec: TableSpec, planned: PlannedFile): number {
  const i = spec.stems.indexOf(planned.file.stem);
  return i < 0 ? spec.stems.length : i;
}

async function stage(
  planned: PlannedFile,
  spec: TableSpec,
  rank: number,
  ctx: LoadContext,
): Promise<StagedFile> {
  const { file, sniffed, fingerprint } = planned;
  const target = { table: spec.name, display: file.display, rank };
  if (fingerprint?.bytes === 0 || file.size === 0) {
    throw new ChronoscopeError('UNREADABLE', `${file.display}: the file is empty`, { file: file.display });
  }
  const plain = fingerprint !== undefined && !(fingerprint.head[0] === 0x1f && fingerprint.head[1] === 0x8b);
  const format = formatFor(spec, planned);
  const stageCtx: StageContext = {
    dir: ctx.stagingDir,
    budget: ctx.budget,
    maxRecordBytes: ctx.maxRecordBytes,
    reject: (r) => ctx.rejects.add(r),
    onBytes: ctx.onBytes,
  };
  if (format === 'ndjson-numbered' || format === 'ndjson-direct') {
    if (plain && fingerprint.cleanLines) {
      return {
        ...target,
        format: 'ndjson-direct',
        path: file.localPath as string,
        bytes: fingerprint.bytes,
        lines: fingerprint.lines,
      };
    }
    return stageNumberedLines(file, target, stageCtx);
  }
  if (plain) {
    return {
      ...target,
      format,
      path: file.localPath as string,
      bytes: fingerprint.bytes,
      lines: fingerprint.lines,
    };
  }
  if (sniffed.form === 'unknown') throw unreadable(file.display);
  return stageCopy(file, format, target, stageCtx);
}

function formatFor(spec: TableSpec, planned: PlannedFile): StagedFormat {
  const { form } = planned.sniffed;
  if (spec.shape === 'document') return 'json-document';
  switch (form) {
    case 'csv':
      return 'csv';
    case 'json-array':
      return 'json-array';
    case 'ndjson':
      return 'ndjson-numbered';
    case 'json-document':
      throw new ChronoscopeError(
        'UNREADABLE',
        `${planned.file.display}: one JSON document; expected one record per line (NDJSON) or a JSON array`,
        { file: planned.file.display },
      );
    default:
      throw unreadable(planned.file.display);
  }
}

function unreadable(display: string): ChronoscopeError {
  return new ChronoscopeError(
    'UNREADABLE',
    `${display}: neither NDJSON, a JSON array nor CSV with a header row`,
    {
      file: display,
    },
  );
}

async function loadRecords(spec: TableSpec, file: StagedFile, ctx: LoadContext): Promise<void> {
  const rows = await ctx.conn.runAndReadAll(
    `SELECT coalesce(max(rowid) + 1, 0) AS n FROM ${sourceTableName(spec)}`,
  );
  const firstRowid = Number(rows.getRowObjectsJS()[0]?.['n'] ?? 0);
  await insertRecords(spec, file, ctx);
  await ctx.conn.run(fillLineNumbersSql(spec, file.rank, firstRowid));
}

async function insertRecords(spec: TableSpec, file: StagedFile, ctx: LoadContext): Promise<void> {
  const options = { maxRecordBytes: ctx.maxRecordBytes };
  try {
    if (file.format !== 'csv') {
      await ctx.conn.run(insertJsonRecordsSql(spec, file, options));
      return;
    }
    const header = (await ctx.conn.runAndReadAll(csvHeaderSql(file)))
      .getRowObjectsJS()
      .map((r) => String(r['column_name']));
    const missing = spec.columns.filter((c) => c.required && !header.some((h) => h.toLowerCase() === c.name));
    if (missing.length > 0) {
      throw new ChronoscopeError(
        'UNREADABLE',
        `${file.display}: line 1: the header lacks required column(s) ${missing.map((c) => c.name).join(', ')} of ${spec.name}`,
        { file: file.display, line: 1 },
      );
    }
    const rejectsTable = `csv_rejects_${file.rank}`;
    await ctx.conn.run(insertCsvRecordsSql(spec, file, header, options, rejectsTable));
    await ctx.conn.run(
      `INSERT INTO rejects SELECT ${sqlString(file.display)}, line, 'line', error_type || ': ' || error_message, left(csv_line, 160) FROM ${rejectsTable}`,
    );
  } catch (err) {
    if (err instanceof ChronoscopeError) throw err;
    throw new ChronoscopeError('UNREADABLE', `${file.display}: ${firstLine(err)}`, { file: file.display });
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unreadable';
}
