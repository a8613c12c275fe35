import { useStudio } from '../../app/studioStore.js';
import { playheadAtTime } from '../timeline/index.js';

/**
 * Moves the studio's playhead (and with it the replay, the timeline and the table) to an
 * entry: exactly where it was made when it recorded its event (its time may lie between two
 * events, where a caption or a bookmark was placed), else to the last event at its time.
 */
export function jumpTo(entry: { at: string; seq?: number | undefined }): void {
  const { client, archive, setPlayhead } = useStudio.getState();
  if (!client || !archive) return;
  if (entry.seq !== undefined) {
    setPlayhead({ seq: entry.seq, at: entry.at });
    return;
  }
  playheadAtTime(client, archive, Date.parse(entry.at)).then(setPlayhead, () => undefined);
}
