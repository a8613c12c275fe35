import type { Command } from 'commander';
import { parseTimeSpec } from '../../../../core/src/index.js';
import { rollbackPlan } from '../../../../engine/src/index.js';
import type { RollbackPlan } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { formatTable } from '../table.js';
import { withTimeTravel } from './timeTravelSession.js';

interface RollbackOptions extends ArchiveOptions {
  to: string;
  actor?: string;
  entity?: string;
  type?: string;
}

export function registerRollbackPlan(program: Command): void {
  program
    .command('rollback-plan')
    .description('the changes that would restore the selection to its state at a time, with conflicts')
    .argument('<archive>', 'a source export or an .auditpack')
    .requiredOption('--to <time>', 'the instant to restore (ISO 8601 or seq:N)')
    .option('--actor <id>', "only what this actor changed after it (others' later changes become conflicts)")
    .option('--entity <id>', 'only this entity')
    .option('--type <type>', 'only entities of this type')
    .action(async (archive: string, options: RollbackOptions) => {
      const to = parseTimeSpec(options.to, '--to');
      const selection = {
        ...(options.actor !== undefined ? { actor: options.actor } : {}),
        ...(options.entity !== undefined ? { entityId: options.entity } : {}),
        ...(options.type !== undefined ? { entityType: options.type } : {}),
      };
      const plan = await withArchive(archive, options, (store) =>
        withTimeTravel(store, options, (travel) => rollbackPlan(travel, to, selection)),
      );
      if (options.json) printJson(plan);
      else process.stdout.write(`${formatPlan(plan)}\n`);
    });
}

function formatPlan(p: RollbackPlan): string {
  const lines = [
    `restore to ${p.target.at ?? '-'} (seq ${p.target.seq}): ${p.changes.length} changes, ${p.conflicts.length} conflicts`,
  ];
  if (p.changes.length > 0)
    lines.push('', formatTable(p.changes as never[], ['op', 'entityType', 'entityId', 'from', 'to'], 60));
  if (p.conflicts.length > 0)
    lines.push('', formatTable(p.conflicts as never[], ['kind', 'entityType', 'entityId', 'detail'], 80));
  return lines.join('\n');
}
