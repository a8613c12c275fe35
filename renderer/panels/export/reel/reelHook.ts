import { ReelRequest } from '../../../../analysis/core/src/index.js';
import type { ReelSummary } from '../../../../analysis/core/src/index.js';
import { useStudio } from '../../../app/studioStore.js';
import { downloadReel, reelFileName } from './downloadReel.js';
import { useReelJob } from './reelJob.js';

import type { ReelProgress } from './renderReel.js';

/**
 * `window.__chronoscope.reel`: how `chronoscope reel` drives the studio headless. Data in,
 * data out: start a reel (the same job the Export panel starts), read its progress, cancel
 * it, download the result (the panel's own download).
 */
export function installReelHook(): void {
  if (typeof window === 'undefined') return;
  const host = window as unknown as { __chronoscope?: Record<string, unknown> };
  host.__chronoscope ??= {};
  host.__chronoscope['reel'] = Object.freeze({
    ready: (): boolean => useStudio.getState().archive !== null,
    render: async (request: unknown): Promise<ReelSummary | { error: string }> => {
      // Only the fields a reel takes, each of its type: data from another process, never code.
      const parsed = ReelRequest.safeParse(request);
      if (!parsed.success) return { error: `reel: ${parsed.error.issues[0]?.message ?? 'bad request'}` };
      const summary = await useReelJob.getState().start(parsed.data);
      return summary ?? { error: useReelJob.getState().error ?? useReelJob.getState().status };
    },
    progress: (): ReelProgress | null => useReelJob.getState().progress,
    cancel: (): void => useReelJob.getState().cancel(),
    download: (): boolean => {
      const { result } = useReelJob.getState();
      if (!result) return false;
      downloadReel(result, reelFileName(useStudio.getState().archive, result));
      return true;
    },
  });
}
