import type { AnalysisClient, ArchiveInfo } from '../../../analysis/core/src/index.js';
import { tableFromIPC } from 'apache-arrow';
import { isoOf } from '../../app/format.js';
import type { Playhead } from '../../app/studioStore.js';

/**
 * The playhead at a time: the last event at or before it (the state "at T" includes every
 * event up to T). `events.locate` gives the first event after T; the one before it is ours.
 */
export async function playheadAtTime(
  client: AnalysisClient,
  archive: ArchiveInfo,
  ms: number,
): Promise<Playhead> {
  const { index } = await client.call('events.locate', { archive: archive.id, at: isoOf(ms + 1) });
  return { seq: Math.max(0, Math.min(index - 1, archive.records - 1)), at: isoOf(ms) };
}

/** The playhead on one event (by seq), at that event's time. */
export async function playheadAtSeq(
  client: AnalysisClient,
  archive: ArchiveInfo,
  seq: number,
): Promise<Playhead> {
  const clamped = Math.max(0, Math.min(seq, archive.records - 1));
  const page = await client.call('events.page', {
    archive: archive.id,
    offset: clamped,
    limit: 1,
    columns: ['seq', 'ts'],
  });
  const table = tableFromIPC(page.table);
  const ts = table.getChild('ts')?.get(0) as number | bigint | null | undefined;
  return { seq: clamped, at: ts === null || ts === undefined ? null : isoOf(Number(ts)) };
}
