import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import type { TimeSpec } from '../../../../core/src/index.js';
import {
  exportEvents,
  FINDING_COLUMNS,
  findingRows,
  rollbackPlan,
  runDetectors,
  writeRollbackPlan,
  writeRows,
} from '../../../../engine/src/index.js';
import type { ArchiveStore, OpenedArchive, RollbackFormat } from '../../../../engine/src/index.js';
import { parseChoice, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { writeStateRows } from './state.js';
import { withTimeTravel } from './timeTravelSession.js';

const WHATS = ['events', 'findings', 'state', 'rollback-plan'] as const;
type What = (typeof WHATS)[number];

/** The formats each kind of export takes; events keep the three they always had. */
const FORMATS: Record<What, readonly string[]> = {
  events: ['csv', 'parquet', 'ndjson'],
  findings: ['csv', 'parquet', 'ndjson', 'json'],
  state: ['csv', 'parquet', 'ndjson', 'json'],
  'rollback-plan': ['json', 'csv', 'parquet', 'ndjson', 'sql', 'patch'],
};

interface ExportOptions extends ArchiveOptions {
  what: string;
  format: string;
  from?: string;
  to?: string;
  at?: string;
  actor?: string;
  entity?: string;
  type?: string;
  out?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'data out: the canonical events (default), findings, the state at a time, or a rollback plan',
    )
    .argument('<archive>', 'a source export or an .auditpack')
    .requiredOption(
      '--format <format>',
      'events: csv|parquet|ndjson; findings, state: also json; rollback-plan: json|csv|parquet|ndjson|sql|patch',
    )
    .option('--what <what>', WHATS.join('|'), 'events')
    .option('--from <time>', 'events, findings: first instant (ISO 8601 or seq:N)')
    .option('--to <time>', 'events, findings: last instant; rollback-plan: the instant to restore')
    .option('--at <time>', 'state: the instant (ISO 8601 or seq:N)')
    .option(
      '--actor <id>',
      "rollback-plan: only what this actor changed (others' later changes become conflicts)",
    )
    .option('--entity <id>', 'state, rollback-plan: only this entity')
    .option('--type <type>', 'state, rollback-plan: only entities of this type')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (archive: string, options: ExportOptions) => {
      const what = parseChoice('--what', options.what, WHATS);
      const format = parseChoice('--format', options.format, FORMATS[what]);
      const time = (value: string | undefined, flag: string): TimeSpec | undefined =>
        value !== undefined ? parseTimeSpec(value, flag) : undefined;
      const from = time(options.from, '--from');
      const to = time(options.to, '--to');
      const at = time(options.at, '--at');
      if (what === 'state' && !at)
        throw new ChronoscopeError('BAD_ARGUMENT', '--what state needs --at <time>');
      if (what === 'rollback-plan' && !to)
        throw new ChronoscopeError(
          'BAD_ARGUMENT',
          '--what rollback-plan needs --to <time>, the instant to restore',
        );
      if (format === 'parquet' && !options.out)
        throw new ChronoscopeError('BAD_ARGUMENT', 'parquet is binary: name a file with --out');
      const out = options.out ?? null;
      await withArchive(archive, options, async (store, opened) => {
        if (what === 'events') {
          const progress = exportProgress(options.quiet === true);
          await exportEvents(store, { from, to }, format as 'csv' | 'parquet' | 'ndjson', out, progress);
        } else if (what === 'findings') {
          const filter = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
          const result = await runDetectors(store, { filter });
          if (format === 'json') await writeText(out, `${JSON.stringify(result, null, 2)}\n`);
          else await writeRows(store, findingRows(result.findings), FINDING_COLUMNS, format as 'csv', out);
        } else if (what === 'state') {
          await writeStateRows(
            store,
            options,
            at as TimeSpec,
            format as 'csv' | 'parquet' | 'ndjson' | 'json',
            out,
          );
        } else {
          await exportRollback(store, opened, options, to as TimeSpec, format, out);
        }
      });
    });
}

async function exportRollback(
  store: ArchiveStore,
  opened: OpenedArchive,
  options: ExportOptions,
  to: TimeSpec,
  format: string,
  out: string | null,
): Promise<void> {
  const selection = {
    ...(options.actor !== undefined ? { actor: options.actor } : {}),
    ...(options.entity !== undefined ? { entityId: options.entity } : {}),
    ...(options.type !== undefined ? { entityType: options.type } : {}),
  };
  const plan = await withTimeTravel(store, options, (travel) => rollbackPlan(travel, to, selection));
  const { note } = await writeRollbackPlan(
    store,
    plan,
    { system: opened.system, sha256: opened.sha256 },
    format as RollbackFormat,
    out,
  );
  // The source keeps no SQL tables: say so (the patch form was written instead).
  if (note !== null && !options.quiet) process.stderr.write(`note: ${note}\n`);
}

async function writeText(out: string | null, text: string): Promise<void> {
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

/**
 * DuckDB's progress through a long export on stderr: a redrawn bar on a terminal, a plain
 * line every few seconds otherwise. An export done within a second shows nothing.
 */
export function exportProgress(quiet: boolean): ((fraction: number) => void) | undefined {
  if (quiet) return undefined;
  const stream = process.stderr;
  const started = Date.now();
  let lastPlain = 0;
  let done = false;
  let shown = false;
  return (fraction) => {
    if (done || (!shown && Date.now() - started < 1000)) return;
    shown = true;
    const width = 24;
    const filled = Math.round(Math.min(1, fraction) * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = `exporting [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${seconds}s`;
    done = fraction >= 1;
    if (stream.isTTY) stream.write(`\r\x1b[2K${line}${done ? '\n' : ''}`);
    else if (done || Date.now() - lastPlain > 2000) {
      lastPlain = Date.now();
      stream.write(`${line}\n`);
    }
  };
}
