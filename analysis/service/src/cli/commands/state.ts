import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import type { EntityState, TimeSpec } from '../../../../core/src/index.js';
import { STATE_COLUMNS, stateRows, writeRows } from '../../../../engine/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';
import { parseChoice, printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { formatTable } from '../table.js';
import { withTimeTravel } from './timeTravelSession.js';

interface StateOptions extends ArchiveOptions {
  at: string;
  entity?: string;
  type?: string;
  fullReplay?: boolean;
  format?: string;
  out?: string;
}

const FORMATS = ['csv', 'parquet', 'ndjson', 'json'] as const;

export function registerState(program: Command): void {
  program
    .command('state')
    .description('the reconstructed state of every entity (or one) at a time')
    .argument('<archive>', 'a source export or an .auditpack')
    .requiredOption('--at <time>', 'the instant (ISO 8601 or seq:N)')
    .option('--entity <id>', 'only this entity')
    .option('--type <type>', 'only entities of this type')
    .option('--full-replay', 'replay from the first event instead of using keyframes (slow; a cross-check)')
    .option(
      '--format <format>',
      'write the states as csv|parquet|ndjson|json (one entity a row) instead of a table',
    )
    .option('--out <file>', 'with --format: write to a file instead of stdout')
    .action(async (archive: string, options: StateOptions) => {
      const at = parseTimeSpec(options.at, '--at');
      if (options.format !== undefined) {
        const format = parseChoice('--format', options.format, FORMATS);
        if (format === 'parquet' && !options.out)
          throw new ChronoscopeError('BAD_ARGUMENT', 'parquet is binary: name a file with --out');
        await withArchive(archive, options, (store) =>
          writeStateRows(store, options, at, format, options.out ?? null),
        );
        return;
      }
      if (options.out !== undefined) throw new ChronoscopeError('BAD_ARGUMENT', '--out needs --format');
      const filter = {
        ...(options.entity !== undefined ? { entityId: options.entity } : {}),
        ...(options.type !== undefined ? { entityType: options.type } : {}),
      };
      const result = await withArchive(archive, options, (store) =>
        withTimeTravel(store, options, async (travel) => {
          const point = await travel.resolve(at);
          const entities = await travel.entitiesAt(point.seq, filter);
          return { at: point.at, seq: point.seq, entities };
        }),
      );
      if (options.json) printJson(result);
      else process.stdout.write(`${formatState(result)}\n`);
    });
}

/**
 * The state at a time as a data file: csv, parquet or ndjson one entity a row
 * (entity_type, entity_id, deleted, last_seq, state), or json as `state --json` prints it.
 */
export async function writeStateRows(
  store: ArchiveStore,
  options: { entity?: string; type?: string; quiet?: boolean; fullReplay?: boolean },
  at: TimeSpec,
  format: (typeof FORMATS)[number],
  out: string | null,
): Promise<void> {
  const filter = {
    ...(options.entity !== undefined ? { entityId: options.entity } : {}),
    ...(options.type !== undefined ? { entityType: options.type } : {}),
  };
  const result = await withTimeTravel(store, options, async (travel) => {
    const point = await travel.resolve(at);
    return { at: point.at, seq: point.seq, entities: await travel.entitiesAt(point.seq, filter) };
  });
  if (format === 'json') {
    const text = `${JSON.stringify(result, null, 2)}\n`;
    if (out) await writeFile(out, text);
    else process.stdout.write(text);
    return;
  }
  await writeRows(store, stateRows(result.entities), STATE_COLUMNS, format, out);
}

function formatState(r: { at: string | null; seq: number; entities: EntityState[] }): string {
  const live = r.entities.filter((e) => !e.deleted).length;
  const head = `at ${r.at ?? '-'} (seq ${r.seq}): ${r.entities.length.toLocaleString('en')} entities, ${live.toLocaleString('en')} live`;
  const rows = r.entities.map((e) => ({
    type: e.entityType,
    id: e.entityId,
    deleted: e.deleted ? 'deleted' : '',
    lastSeq: e.lastSeq,
    state: e.state,
  }));
  return `${head}\n\n${formatTable(rows, ['type', 'id', 'deleted', 'lastSeq', 'state'], 80)}`;
}
