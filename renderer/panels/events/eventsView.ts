import { create } from 'zustand';
import type { SortSpec } from './eventPages.js';

/** What the events panel keeps while another panel is shown: its sort, block and selected row. */
interface EventsViewState {
  sort: SortSpec | null;
  blockStart: number;
  selectedIndex: number | null;
  /** The filter (as JSON) the block and selection belong to. */
  filterKey: string;
  /** A new filter is a new ordering: the old row numbers mean nothing there. */
  followFilter(key: string): void;
  setSort(sort: SortSpec | null): void;
  setBlockStart(start: number): void;
  setSelectedIndex(index: number | null): void;
}

export const useEventsView = create<EventsViewState>((set) => ({
  sort: null,
  blockStart: 0,
  selectedIndex: null,
  filterKey: '{}',
  followFilter: (key) =>
    set((s) => (s.filterKey === key ? s : { filterKey: key, blockStart: 0, selectedIndex: null })),
  setSort: (sort) => set({ sort, blockStart: 0, selectedIndex: null }),
  setBlockStart: (blockStart) => set({ blockStart }),
  setSelectedIndex: (selectedIndex) => set({ selectedIndex }),
}));
