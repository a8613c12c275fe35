import type { Command } from 'commander';
import { copyOut, singleStatement } from '../../../../engine/src/index.js';
import { parseChoice, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { formatTable } from '../table.js';

const FORMATS = ['table', 'csv', 'json', 'parquet'] as const;
/** A terminal table is for reading: past this, point the user at a file format. */
const TABLE_ROWS = 10_000;

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('SQL over the events table (and the auxiliary tables)')
    .argument('<archive>', 'a source export or an .auditpack')
    .argument('<sql>', 'one SQL statement, e.g. "SELECT action, count(*) FROM events GROUP BY 1"')
    .option('--format <format>', `output: ${FORMATS.join('|')}`, 'table')
    .option('--out <file>', 'write the result to a file instead of stdout')
    .action(
      async (archive: string, sql: string, options: ArchiveOptions & { format: string; out?: string }) => {
        const format = options.json ? 'json' : parseChoice('--format', options.format, FORMATS);
        const statement = singleStatement(sql);
        await withArchive(archive, options, async (store) => {
          if (format !== 'table') {
            await copyOut(store, statement, format, options.out ?? null);
            return;
          }
          const reader = await store.userQuery(() =>
            store.conn.runAndReadAll(`SELECT * FROM (${statement}) LIMIT ${TABLE_ROWS + 1}`),
          );
          const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
          const text = formatTable(rows.slice(0, TABLE_ROWS), reader.columnNames());
          if (options.out) {
            const { writeFile } = await import('node:fs/promises');
            await writeFile(options.out, `${text}\n`);
          } else process.stdout.write(`${text}\n`);
          process.stderr.write(
            rows.length > TABLE_ROWS
              ? `(first ${TABLE_ROWS} rows; use --format csv|json|parquet for all)\n`
              : `(${rows.length} row${rows.length === 1 ? '' : 's'})\n`,
          );
        });
      },
    );
}
