import { useCase } from '../../app/caseStore.js';
import { formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { newId } from './caseEntries.js';

/** Bookmarks the playhead (the `m` key): on the branch being looked at, named by its time. */
export function bookmarkPlayhead(label?: string): boolean {
  const { archive, playhead } = useStudio.getState();
  const kase = useCase.getState();
  if (!archive || !playhead.at || kase.archiveId !== archive.id) return false;
  kase.put('bookmarks', {
    id: newId('b'),
    at: playhead.at,
    seq: playhead.seq,
    label: label ?? `event #${playhead.seq} · ${formatTime(playhead.at)}`,
    branch: kase.activeBranch,
  });
  return true;
}
