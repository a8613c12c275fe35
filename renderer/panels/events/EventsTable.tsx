import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EventFilterParams } from '../../../analysis/core/src/index.js';
import { EventRowView } from './EventRowView.js';
import { GRID_TEMPLATE, TABLE_COLUMNS, listText, parseList } from './columns.js';
import type { ListFilterKey, TableColumn } from './columns.js';
import type { SortSpec } from './eventPages.js';
import type { EventPages } from './useEventPages.js';

export const ROW_HEIGHT = 24;
/** The sticky head inside the scroll area: the sort buttons' row and the filters' row (see events.css). */
const HEAD_HEIGHT = 56;
/** Rows one scroll area holds: browsers cap an element near 33.5M px, so beyond this the table pages in blocks. */
export const BLOCK_ROWS = 1_000_000;

function FilterInput({
  column,
  filter,
  onFilter,
}: {
  column: TableColumn & { filter: ListFilterKey };
  filter: EventFilterParams;
  onFilter(key: ListFilterKey, values: string[] | undefined): void;
}) {
  const current = listText(filter, column.filter);
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const apply = () => {
    if (text !== current) onFilter(column.filter, parseList(text));
  };
  return (
    <input
      className="column-filter"
      aria-label={`Filter ${column.label} (comma-separated, exact)`}
      data-testid={`filter-${column.name}`}
      placeholder="= …"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
        if (e.key === 'Escape') setText(current);
      }}
    />
  );
}

export interface EventsTableProps {
  pages: EventPages;
  filter: EventFilterParams;
  sort: SortSpec | null;
  blockStart: number;
  selectedIndex: number | null;
  onSort(column: TableColumn['name']): void;
  onFilter(key: ListFilterKey, values: string[] | undefined): void;
  onSelect(index: number): void;
  /** Set by the table: scrolls a row (absolute index) into view. */
  scrollRef: RefObject<((index: number) => void) | null>;
}

/**
 * The events under the filter as a virtualised grid: only the rows on screen exist in the
 * DOM, their pages are fetched as they come into view, and rows still loading show as
 * placeholders. Arrow keys, j/k, Page Up/Down, Home/End move the selection.
 */
export function EventsTable({
  pages,
  filter,
  sort,
  blockStart,
  selectedIndex,
  onSort,
  onFilter,
  onSelect,
  scrollRef,
}: EventsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = pages.count ?? 0;
  const rows = Math.max(0, Math.min(BLOCK_ROWS, total - blockStart));
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The head scrolls sideways with the rows (one scroll area) and stays on top: rows start below it.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;

  useEffect(() => {
    if (first === undefined || last === undefined) return;
    pages.cache?.ensure(blockStart + first, blockStart + last);
  }, [pages.cache, blockStart, first, last]);

  scrollRef.current = (index: number) => virtualizer.scrollToIndex(index - blockStart, { align: 'center' });

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = selectedIndex ?? blockStart - 1;
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 480) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      j: at + 1,
      ArrowUp: at - 1,
      k: at - 1,
      PageDown: at + pageRows,
      PageUp: at - pageRows,
      Home: blockStart,
      End: blockStart + rows - 1,
    };
    if (event.target !== event.currentTarget) return; // typing in a column filter
    const target = moves[event.key];
    if (target === undefined || rows === 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const clamped = Math.max(blockStart, Math.min(blockStart + rows - 1, target));
    onSelect(clamped);
    virtualizer.scrollToIndex(clamped - blockStart, { align: 'auto' });
  };

  return (
    <div
      className="events-table"
      role="table"
      aria-label="Events"
      aria-rowcount={total}
      data-testid="events-table"
    >
      <div
        ref={scroller}
        className="events-scroll"
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="events-scroll"
        aria-label="Event rows: arrow keys or j/k to move, Enter for the detail"
      >
        <div className="events-head" role="rowgroup">
          <div className="events-row head" role="row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
            {TABLE_COLUMNS.map((column) => {
              const sorted = sort?.column === column.name ? (sort.desc ? 'descending' : 'ascending') : 'none';
              return (
                <div key={column.name} role="columnheader" aria-sort={sorted} className="cell">
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`sort-${column.name}`}
                    onClick={() => onSort(column.name)}
                    title={`Sort by ${column.label}`}
                  >
                    {column.label}
                    {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                  </button>
                </div>
              );
            })}
          </div>
          <div className="events-row filters" role="row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
            {TABLE_COLUMNS.map((column) => (
              <div key={column.name} role="cell" className="cell">
                {column.filter && (
                  <FilterInput
                    column={{ ...column, filter: column.filter }}
                    filter={filter}
                    onFilter={onFilter}
                  />
                )}
              </div>
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className="events-body"
          data-testid="events-rows"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((item) => {
            const index = blockStart + item.index;
            return (
              <EventRowView
                key={item.key}
                index={index}
                row={pages.cache?.row(index)}
                selected={index === selectedIndex}
                top={item.start - HEAD_HEIGHT}
                height={ROW_HEIGHT}
                onSelect={onSelect}
              />
            );
          })}
        </div>
        {pages.count === 0 && <p className="empty">No event matches the filter.</p>}
      </div>
    </div>
  );
}
