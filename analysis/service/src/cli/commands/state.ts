import type { Command } from 'commander';
import { parseTimeSpec } from '../../../../core/src/index.js';
import type { EntityState } from '../../../../core/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { formatTable } from '../table.js';
import { withTimeTravel } from './timeTravelSession.js';

interface StateOptions extends ArchiveOptions {
  at: string;
  entity?: string;
  type?: string;
  fullReplay?: boolean;
}

export function registerState(program: Command): void {
  program
    .command('state')
    .description('the reconstructed state of every entity (or one) at a time')
    .argument('<archive>', 'a source export or an .auditpack')
    .requiredOption('--at <time>', 'the instant (ISO 8601 or seq:N)')
    .option('--entity <id>', 'only this entity')
    .option('--type <type>', 'only entities of this type')
    .option('--full-replay', 'replay from the first event instead of using keyframes (slow; a cross-check)')
    .action(async (archive: string, options: StateOptions) => {
      const at = parseTimeSpec(options.at, '--at');
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
