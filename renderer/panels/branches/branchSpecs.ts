import { tableFromIPC } from 'apache-arrow';
import type { AnalysisClient, ArchiveInfo, EventFilterParams } from '../../../analysis/core/src/index.js';
import { formatTime } from '../../app/format.js';
import type { BranchEntry } from '../annotations/index.js';

export type BranchMode = 'actor' | 'session' | 'selection' | 'range' | 'rollback';

/** A selection larger than this is better said as a rule (an actor, a range) than as a seq list. */
export const MAX_SELECTION = 100_000;

/** The seqs of the events under a filter (the events table's selection), in order. */
export async function selectionSeqs(
  client: AnalysisClient,
  archive: ArchiveInfo,
  filter: EventFilterParams,
): Promise<number[]> {
  const { count } = await client.call('events.count', { archive: archive.id, filter });
  if (count === 0) throw new Error('the filter selects no events');
  if (count > MAX_SELECTION) {
    throw new Error(
      `the filter selects ${count} events; narrow it to at most ${MAX_SELECTION}, or leave out an actor or a range`,
    );
  }
  const seqs: number[] = [];
  for (let offset = 0; offset < count; offset += 5000) {
    const page = await client.call('events.page', {
      archive: archive.id,
      filter,
      offset,
      limit: 5000,
      columns: ['seq'],
    });
    const column = tableFromIPC(page.table).getChild('seq');
    for (let i = 0; i < (column?.length ?? 0); i++) seqs.push(Number(column?.get(i)));
  }
  return seqs;
}

/** Words for a filter, for the branch list ("actor bob, 2 event types, text "x""). */
export function describeFilter(filter: EventFilterParams): string {
  const parts: string[] = [];
  if (filter.actors?.length) parts.push(`actor ${filter.actors.join(', ')}`);
  if (filter.actions?.length) parts.push(`action ${filter.actions.join(', ')}`);
  if (filter.eventTypes?.length) parts.push(`type ${filter.eventTypes.join(', ')}`);
  if (filter.entityTypes?.length) parts.push(`entity type ${filter.entityTypes.join(', ')}`);
  if (filter.entities?.length) parts.push(`entity ${filter.entities.slice(0, 3).join(', ')}`);
  if (filter.text) parts.push(`text "${filter.text}"`);
  if (filter.seqs?.length) parts.push(`${filter.seqs.length} chosen events`);
  if (filter.from || filter.to)
    parts.push(`${formatTime(filter.from ?? null)} → ${formatTime(filter.to ?? null)}`);
  return parts.join(', ') || 'every event';
}

/** The spec and the words of a branch that leaves out one actor's events. */
export function withoutActor(actor: string): Pick<BranchEntry, 'name' | 'description' | 'spec'> {
  return {
    name: `without ${actor}`,
    description: `every event of actor ${actor} left out`,
    spec: { exclude: [{ actors: [actor] }] },
  };
}
