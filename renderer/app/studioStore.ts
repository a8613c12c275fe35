import { create } from 'zustand';
import type { AnalysisClient, ArchiveInfo, EventFilterParams } from '../../analysis/core/src/index.js';

/** The entity the inspector shows. */
export interface EntityRef {
  entityType: string | null;
  entityId: string;
}

/** Where the replay (and every panel that follows it) stands: an event position and its time. */
export interface Playhead {
  seq: number;
  /** ISO time of that event, null before the first. */
  at: string | null;
}

export interface StudioState {
  client: AnalysisClient | null;
  archive: ArchiveInfo | null;
  /** The one filter every panel shares: brushing, clicking a cell, a finding's evidence. */
  filter: EventFilterParams;
  playhead: Playhead;
  /** The event shown in the detail view (and highlighted in the table). */
  selectedSeq: number | null;
  selectedEntity: EntityRef | null;
  activePanel: string;

  setClient(client: AnalysisClient): void;
  setArchive(archive: ArchiveInfo | null): void;
  /** Merges into the filter; a key set to undefined is removed. */
  patchFilter(patch: Partial<EventFilterParams>): void;
  clearFilter(): void;
  setPlayhead(playhead: Playhead): void;
  selectEvent(seq: number | null): void;
  selectEntity(entity: EntityRef | null): void;
  openPanel(id: string): void;
}

function withoutEmpty(filter: EventFilterParams): EventFilterParams {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as EventFilterParams;
}

export const useStudio = create<StudioState>((set) => ({
  client: null,
  archive: null,
  filter: {},
  playhead: { seq: 0, at: null },
  selectedSeq: null,
  selectedEntity: null,
  activePanel: 'open',

  setClient: (client) => set({ client }),
  setArchive: (archive) =>
    set({
      archive,
      filter: {},
      playhead: { seq: 0, at: archive?.timeRange.from ?? null },
      selectedSeq: null,
      selectedEntity: null,
      activePanel: archive ? 'overview' : 'open',
    }),
  patchFilter: (patch) => set((s) => ({ filter: withoutEmpty({ ...s.filter, ...patch }) })),
  clearFilter: () => set({ filter: {} }),
  setPlayhead: (playhead) => set({ playhead }),
  selectEvent: (selectedSeq) => set({ selectedSeq }),
  selectEntity: (selectedEntity) =>
    set(selectedEntity ? { selectedEntity, activePanel: 'inspector' } : { selectedEntity }),
  openPanel: (activePanel) => set({ activePanel }),
}));
