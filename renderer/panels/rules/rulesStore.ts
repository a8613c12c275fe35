import { create } from 'zustand';

interface RulesState {
  /** The editor's text, kept while the investigator looks at other panels. */
  draft: string;
  /** The rule the draft started from, or null for a new one. */
  source: string | null;
  load(draft: string, source: string | null): void;
  edit(draft: string): void;
}

export const useRulesEditor = create<RulesState>((set) => ({
  draft: '',
  source: null,
  load: (draft, source) => set({ draft, source }),
  edit: (draft) => set({ draft }),
}));
