import type { Command } from 'commander';
import { parseTimeSpec } from '../../../../core/src/index.js';
import { copyOut, eventsSelect, rangeWhere } from '../../../../engine/src/index.js';
import { parseChoice, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';

const FORMATS = ['csv', 'parquet', 'ndjson'] as const;

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('the canonical events, as CSV, Parquet or NDJSON')
    .argument('<archive>', 'a source export or an .auditpack')
    .requiredOption('--format <format>', FORMATS.join('|'))
    .option('--from <time>', 'first instant (ISO 8601 or seq:N)')
    .option('--to <time>', 'last instant (ISO 8601 or seq:N)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(
      async (
        archive: string,
        options: ArchiveOptions & { format: string; from?: string; to?: string; out?: string },
      ) => {
        const format = parseChoice('--format', options.format, FORMATS);
        const from = options.from ? parseTimeSpec(options.from, '--from') : undefined;
        const to = options.to ? parseTimeSpec(options.to, '--to') : undefined;
        await withArchive(archive, options, (store) =>
          copyOut(store, eventsSelect(rangeWhere(from, to), format), format, options.out ?? null),
        );
      },
    );
}
