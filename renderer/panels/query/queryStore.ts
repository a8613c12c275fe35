import { create } from 'zustand';
import type { QueryRows } from './queryTable.js';

export interface QueryRun {
  sql: string;
  rows: QueryRows;
  /** Rows the service counted, and whether it cut the result at the limit. */
  count: number;
  truncated: boolean;
  ms: number;
}

interface QueryState {
  sql: string;
  last: QueryRun | null;
  view: 'table' | 'chart';
  setSql(sql: string): void;
  setLast(run: QueryRun | null): void;
  setView(view: 'table' | 'chart'): void;
}

export const DEFAULT_SQL =
  'SELECT action, count(*) AS events\nFROM events\nGROUP BY action\nORDER BY events DESC';

/** The console's text and last result outlive switching panels (the shell unmounts them). */
export const useQueryConsole = create<QueryState>((set) => ({
  sql: DEFAULT_SQL,
  last: null,
  view: 'table',
  setSql: (sql) => set({ sql }),
  setLast: (last) => set({ last }),
  setView: (view) => set({ view }),
}));
