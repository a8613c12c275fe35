import { create } from 'zustand';
import type { ArchiveInfo } from '../../../analysis/core/src/index.js';
import { useStudio } from '../../app/studioStore.js';

/** What the right-hand side shows beside the original: a branch, the same archive shifted in time, or another archive. */
export type CompareMode = 'branch' | 'offset' | 'archive';

interface CompareState {
  mode: CompareMode;
  branchId: string | null;
  /** The right side runs this much later (ms of event time) than the playhead; negative: earlier. */
  offsetMs: number;
  /** The second archive (same system), opened by path; the service keeps both open. */
  other: ArchiveInfo | null;
  syncCameras: boolean;
  setMode(mode: CompareMode): void;
  compareBranch(id: string): void;
  setOffset(ms: number): void;
  setOther(other: ArchiveInfo | null): void;
  setSyncCameras(on: boolean): void;
}

export const useCompare = create<CompareState>((set) => ({
  mode: 'branch',
  branchId: null,
  offsetMs: 0,
  other: null,
  syncCameras: true,
  setMode: (mode) => set({ mode }),
  compareBranch: (branchId) => set({ mode: 'branch', branchId }),
  setOffset: (offsetMs) => set({ offsetMs }),
  setOther: (other) => set({ other }),
  setSyncCameras: (syncCameras) => set({ syncCameras }),
}));

useStudio.subscribe((studio, prev) => {
  if (studio.archive !== prev.archive) useCompare.setState({ branchId: null, other: null, offsetMs: 0 });
});
