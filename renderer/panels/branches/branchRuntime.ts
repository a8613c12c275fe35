import { create } from 'zustand';
import { BranchSource, ClientReplaySource, Replay } from '../../../analysis/core/src/index.js';
import type { AnalysisClient, ArchiveInfo, BranchSpec } from '../../../analysis/core/src/index.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText } from '../../app/useCall.js';
import type { BranchEntry } from '../annotations/index.js';

/** A branch made real: its source (conflicts, left-out events) and a replay of it. */
export interface BranchRun {
  status: 'building' | 'ready' | 'error';
  source: BranchSource | null;
  replay: Replay | null;
  error: string | null;
}

interface BranchRuntime {
  archiveId: string | null;
  runs: Record<string, BranchRun>;
  /** Builds the branch once per session (it reads the original once, then folds from where it diverges). */
  ensure(client: AnalysisClient, archive: ArchiveInfo, branch: BranchEntry): Promise<BranchRun>;
  reset(archiveId: string | null): void;
}

/** The same layout options as the original's replay, so a branch's city lots match. */
export function replayOptions(archive: ArchiveInfo) {
  return { city: { entityTypes: Object.keys(archive.entityTypes).sort() } };
}

const building = new Map<string, Promise<BranchRun>>();

export const useBranchRuntime = create<BranchRuntime>((set, get) => ({
  archiveId: null,
  runs: {},
  async ensure(client, archive, branch) {
    const known = get().runs[branch.id];
    if (known && known.status !== 'building') return known;
    const pending = building.get(branch.id);
    if (pending) return pending;
    const put = (run: BranchRun) => {
      if (get().archiveId === archive.id) set((s) => ({ runs: { ...s.runs, [branch.id]: run } }));
      return run;
    };
    put({ status: 'building', source: null, replay: null, error: null });
    const job = (async () => {
      try {
        const base = new ClientReplaySource(client, archive.id, archive.system);
        // About fifty checkpoints over the archive: a keyframe of the branch (a seek, a sample of
        // the compare strip) then folds at most a fiftieth of it.
        const checkpointEvery = Math.max(2000, Math.ceil(archive.records / 50));
        const source = await BranchSource.create(base, { name: branch.name, ...branch.spec } as BranchSpec, {
          checkpointEvery,
        });
        const replay = await Replay.open(source, replayOptions(archive));
        return put({ status: 'ready', source, replay, error: null });
      } catch (error) {
        return put({ status: 'error', source: null, replay: null, error: errorText(error) });
      } finally {
        building.delete(branch.id);
      }
    })();
    building.set(branch.id, job);
    return job;
  },
  reset(archiveId) {
    building.clear();
    set({ archiveId, runs: {} });
  },
}));

useStudio.subscribe((studio, prev) => {
  if (studio.archive !== prev.archive) useBranchRuntime.getState().reset(studio.archive?.id ?? null);
});
useBranchRuntime.getState().reset(useStudio.getState().archive?.id ?? null);
