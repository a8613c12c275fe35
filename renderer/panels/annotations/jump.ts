import { useStudio } from '../../app/studioStore.js';
import { playheadAtSeq, playheadAtTime } from '../timeline/index.js';

/** Moves the studio's playhead (and with it the replay, the timeline and the table) to an entry. */
export function jumpTo(entry: { at: string; seq?: number | undefined }): void {
  const { client, archive, setPlayhead } = useStudio.getState();
  if (!client || !archive) return;
  const moved =
    entry.seq !== undefined
      ? playheadAtSeq(client, archive, entry.seq)
      : playheadAtTime(client, archive, Date.parse(entry.at));
  moved.then(setPlayhead, () => undefined);
}
