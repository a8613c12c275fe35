import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cellText } from './queryTable.js';
import type { QueryColumn, QueryRows } from './queryTable.js';

const ROW_HEIGHT = 24;

/** A column's width from its name and first values, so most cells fit without wrapping. */
function columnWidth(column: QueryColumn, index: number, rows: unknown[][]): number {
  let chars = column.name.length + 2;
  for (let r = 0; r < Math.min(rows.length, 50); r++)
    chars = Math.max(chars, cellText(rows[r]?.[index], column.kind).length);
  return Math.max(70, Math.min(360, chars * 7.4 + 16));
}

/** The rows of a result, virtualised: only the visible ones are in the DOM, however many there are. */
export function ResultTable({ result }: { result: QueryRows }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const widths = useMemo(() => result.columns.map((c, i) => columnWidth(c, i, result.rows)), [result]);
  const template = `56px ${widths.map((w) => `${w}px`).join(' ')}`;
  const total = 56 + widths.reduce((a, b) => a + b, 0);
  const virtualizer = useVirtualizer({
    count: result.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <div className="cs-result-scroll" ref={scrollRef} data-testid="query-table">
      <div className="cs-result-head" style={{ gridTemplateColumns: template, width: total }}>
        <div className="cs-result-cell cs-num">#</div>
        {result.columns.map((c) => (
          <div
            key={c.name}
            className={
              c.kind === 'number' || c.kind === 'bigint' ? 'cs-result-cell cs-num' : 'cs-result-cell'
            }
            title={`${c.name}: ${c.type}`}
          >
            {c.name}
          </div>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), width: total, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = result.rows[item.index] ?? [];
          return (
            <div
              key={item.key}
              className="cs-result-row"
              data-testid="query-row"
              style={{
                gridTemplateColumns: template,
                transform: `translateY(${item.start}px)`,
                height: ROW_HEIGHT,
              }}
            >
              <div className="cs-result-cell cs-num cs-muted">{item.index + 1}</div>
              {result.columns.map((c, i) => {
                const text = cellText(row[i], c.kind);
                return (
                  <div
                    key={c.name}
                    className={
                      c.kind === 'number' || c.kind === 'bigint' ? 'cs-result-cell cs-num' : 'cs-result-cell'
                    }
                    title={text}
                  >
                    {row[i] === null || row[i] === undefined ? <span className="cs-null">null</span> : text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
