import { ClientReplaySource } from '../../analysis/core/src/index.js';
import type { AnalysisClient, ReplaySource } from '../../analysis/core/src/index.js';

/**
 * The replay source of an archive as the studio uses it (the Replay panel, highlight reels).
 *
 * A prefetch past the last event gets an empty batch marked `done`, and WindowCache then takes
 * the archive's start as its end time (every time maps to the last event: the world jumps to
 * the end). An empty batch says nothing about the end, so it goes through as not done; the
 * batch holding the last event says it. TODO(replay engine): fix in WindowCache.hold.
 */
export function studioReplaySource(
  client: AnalysisClient,
  archive: { id: string; system: ReplaySource['system'] },
): ReplaySource {
  const source = new ClientReplaySource(client, archive.id, archive.system);
  return {
    system: source.system,
    keyframe: (at) => source.keyframe(at),
    window: async (fromSeq, limit) => {
      const batch = await source.window(fromSeq, limit);
      return batch.events.length === 0 && fromSeq > 0 ? { ...batch, done: false } : batch;
    },
  };
}
