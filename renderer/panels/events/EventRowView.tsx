import { memo } from 'react';
import { asText, formatCount, formatTime } from '../../app/format.js';
import { GRID_TEMPLATE, TABLE_COLUMNS } from './columns.js';
import type { TableColumn } from './columns.js';
import type { EventRow } from './eventPages.js';

function cellText(column: TableColumn, row: EventRow): string {
  const value = row[column.name];
  if (column.name === 'ts') return typeof value === 'number' ? formatTime(value) : asText(value);
  if (column.name === 'seq') return formatCount(row.seq);
  return asText(value);
}

/**
 * One row of the events table at its place (`top`, px), or a placeholder while its page is
 * loading. Memoised: while scrolling, only rows that enter the screen or change render.
 */
export const EventRowView = memo(function EventRowView({
  index,
  row,
  selected,
  top,
  height,
  onSelect,
}: {
  index: number;
  row: EventRow | undefined;
  selected: boolean;
  top: number;
  height: number;
  onSelect(index: number): void;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-index={index}
      data-seq={row?.seq}
      className={`events-row body${selected ? ' selected' : ''}${row ? '' : ' loading'}`}
      style={{ gridTemplateColumns: GRID_TEMPLATE, transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(index)}
    >
      {TABLE_COLUMNS.map((column) => {
        const text = row ? cellText(column, row) : column.name === 'seq' ? '…' : '';
        return (
          <div key={column.name} role="cell" className={`cell col-${column.name}`} title={text}>
            {text}
          </div>
        );
      })}
    </div>
  );
});
