import type { Command } from 'commander';
import { inspectArchive } from '../../../../engine/src/index.js';
import type { InspectSummary } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { formatTable } from '../table.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('system, files, record counts, time range, actors, entity types, rejected records')
    .argument('<archive>', 'a source export (directory, zip or file) or an .auditpack')
    .option('--rejects <n>', 'how many rejected records to list', '20')
    .action(async (archive: string, options: ArchiveOptions & { rejects: string }) => {
      const summary = await withArchive(archive, options, (store) =>
        inspectArchive(store, Number(options.rejects) || 20),
      );
      if (options.json) printJson(summary);
      else process.stdout.write(`${formatSummary(summary)}\n`);
    });
}

function formatSummary(s: InspectSummary): string {
  const counts = (c: Record<string, number>): string =>
    Object.entries(c)
      .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
      .join(', ');
  const lines = [
    `archive       ${s.archive.path} (${s.archive.kind}, ${(s.archive.bytes / 1e6).toFixed(1)} MB)`,
    `sha256        ${s.archive.sha256}`,
    `system        ${s.system}`,
    `records       ${s.records.toLocaleString('en')} (${s.rejected.toLocaleString('en')} rejected)`,
    `time range    ${s.timeRange.from ?? '-'} → ${s.timeRange.to ?? '-'}`,
    `actors        ${s.actors.toLocaleString('en')}`,
    `entity types  ${counts(s.entityTypes)}`,
    `actions       ${counts(s.actions)}`,
    '',
    formatTable(
      s.files as unknown as Record<string, unknown>[],
      ['path', 'stream', 'format', 'records', 'rejected', 'truncated'],
      80,
    ),
  ];
  if (s.rejects.length > 0) {
    lines.push('', `rejected records (first ${s.rejects.length} of ${s.rejected.toLocaleString('en')}):`);
    for (const r of s.rejects)
      lines.push(`  ${r.file}:${r.unit === 'line' ? '' : `${r.unit} `}${r.line}: ${r.reason}`);
  }
  return lines.join('\n');
}
