import type { Command } from 'commander';
import { entityHistory } from '../../../../engine/src/index.js';
import type { EntityHistory } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { formatTable } from '../table.js';

interface HistoryOptions extends ArchiveOptions {
  entity: string;
  type?: string;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('every event on one entity, with the state after each')
    .argument('<archive>', 'a source export or an .auditpack')
    .requiredOption('--entity <id>', 'the entity')
    .option('--type <type>', 'its type, when several types use the id')
    .action(async (archive: string, options: HistoryOptions) => {
      const history = await withArchive(archive, options, (store, opened) =>
        entityHistory(store, opened.system, options.entity, options.type),
      );
      if (options.json) printJson(history);
      else process.stdout.write(`${formatHistory(history)}\n`);
    });
}

function formatHistory(h: EntityHistory): string {
  const head = `${h.entity.entityType} ${h.entity.entityId}: ${h.events.length.toLocaleString('en')} events`;
  const rows = h.events.map((e) => ({
    ...e,
    state: e.deleted ? `(deleted) ${JSON.stringify(e.state)}` : e.state,
  }));
  return `${head}\n\n${formatTable(rows, ['seq', 'ts', 'action', 'eventType', 'actor', 'state'], 72)}`;
}
