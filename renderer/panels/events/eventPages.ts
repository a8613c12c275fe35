import { tableFromIPC } from 'apache-arrow';
import { isCancelled } from '../../app/useCall.js';
import type { AnalysisClient, EventColumn, EventFilterParams } from '../../../analysis/core/src/index.js';

export const PAGE_SIZE = 500;
/** Pages kept in memory (20,000 rows): enough to scroll back and forth without refetching. */
const MAX_PAGES = 40;

export type EventRow = Record<string, unknown> & { seq: number };

export interface SortSpec {
  column: EventColumn;
  desc: boolean;
}

/** Arrow page bytes as plain rows; BIGINT columns become numbers (seq stays far below 2^53). */
export function decodePage(bytes: Uint8Array): EventRow[] {
  const table = tableFromIPC(bytes);
  const columns = table.schema.fields.map((f) => [f.name, table.getChild(f.name)] as const);
  const rows: EventRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const [name, column] of columns) {
      const value: unknown = column?.get(i);
      row[name] = typeof value === 'bigint' ? Number(value) : value;
    }
    rows.push(row as EventRow);
  }
  return rows;
}

/**
 * The pages of one (filter, sort) ordering of the events, fetched on demand with `events.page`.
 * Pages far from what is on screen are cancelled while still in flight (a fast scroll or a
 * new filter must not queue stale work in DuckDB), and the least recently used are dropped.
 */
export class EventPageCache {
  private readonly pages = new Map<number, EventRow[]>();
  private readonly inFlight = new Map<number, AbortController>();
  private disposed = false;

  constructor(
    private readonly client: AnalysisClient,
    private readonly archive: string,
    private readonly filter: EventFilterParams,
    private readonly sort: SortSpec | null,
    private readonly columns: EventColumn[],
    private readonly changed: () => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  row(index: number): EventRow | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE];
  }

  /** Makes sure rows first..last are loaded or loading; cancels pages no longer near them. */
  ensure(first: number, last: number): void {
    if (this.disposed) return;
    const p0 = Math.floor(Math.max(0, first) / PAGE_SIZE);
    const p1 = Math.floor(Math.max(0, last) / PAGE_SIZE);
    for (const [page, controller] of this.inFlight) {
      if (page < p0 - 1 || page > p1 + 1) {
        controller.abort();
        this.inFlight.delete(page);
      }
    }
    for (let page = p0; page <= p1; page++) {
      const cached = this.pages.get(page);
      if (cached) {
        // Refresh its place in the LRU order.
        this.pages.delete(page);
        this.pages.set(page, cached);
      } else if (!this.inFlight.has(page)) this.fetch(page);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const controller of this.inFlight.values()) controller.abort();
    this.inFlight.clear();
  }

  private fetch(page: number): void {
    const controller = new AbortController();
    this.inFlight.set(page, controller);
    this.client
      .call(
        'events.page',
        {
          archive: this.archive,
          filter: this.filter,
          ...(this.sort ? { sort: this.sort } : {}),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          columns: this.columns,
        },
        { signal: controller.signal },
      )
      .then(
        (result) => {
          if (this.disposed || controller.signal.aborted) return;
          this.inFlight.delete(page);
          this.pages.set(page, decodePage(result.table));
          while (this.pages.size > MAX_PAGES) {
            const oldest = this.pages.keys().next().value;
            if (oldest === undefined) break;
            this.pages.delete(oldest);
          }
          this.changed();
        },
        (error: unknown) => {
          if (this.inFlight.get(page) === controller) this.inFlight.delete(page);
          if (this.disposed || controller.signal.aborted || isCancelled(error)) return;
          this.failed(error);
        },
      );
  }
}
