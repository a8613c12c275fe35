import { useMemo, useState } from 'react';
import type { MouseEvent } from 'react';
import { interpolateYlOrRd, scaleBand } from 'd3';
import { ColorLegend, Tooltip, formatCount, truncate, useWidth } from '../chartKit/index.js';
import type { TooltipState } from '../chartKit/index.js';
import type { HeatmapCell } from './heatmapCells.js';

export interface HeatmapChartProps {
  rows: string[];
  cols: string[];
  cells: HeatmapCell[];
  max: number;
  /** Axis titles, with units: "actor", "time (UTC, 1 h buckets)". */
  rowTitle: string;
  colTitle: string;
  /** What a cell counts: "events". */
  unit: string;
  /** Short column label for the axis, and the full one for the tooltip. */
  colTick?: (col: string) => string;
  colFull?: (col: string) => string;
  onCellClick?: (cell: HeatmapCell) => void;
  /** Rows the shared filter already selects: outlined. */
  activeRows?: ReadonlySet<string>;
  /** Square cells (a map: the world's x/z plane), the plot no wider than it needs. */
  square?: boolean;
}

const MAX_ROW_LABEL = 24;
const CHAR_PX = 6.6;
const TICK_PX = 100;

/** Colour by the square root of the count, so a few huge cells do not wash out the rest. */
export function heatColor(t: number): string {
  return interpolateYlOrRd(0.12 + 0.88 * Math.sqrt(Math.max(0, Math.min(1, t))));
}

/**
 * A rows × columns heatmap: sparse cells coloured by count, row labels on the left, column
 * labels thinned to what fits, a colour legend, a tooltip with the exact count, and a click
 * handler per cell (the panel turns it into a filter).
 */
export function HeatmapChart(props: HeatmapChartProps) {
  const { rows, cols, cells, max, rowTitle, colTitle, unit, onCellClick, activeRows } = props;
  const colTick = props.colTick ?? ((c: string) => c);
  const colFull = props.colFull ?? colTick;
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const [tooltip, setTooltip] = useState<TooltipState | null>(null);

  const labelChars = Math.min(MAX_ROW_LABEL, Math.max(3, ...rows.map((r) => r.length)));
  const margin = { top: 8, right: 16, bottom: 44, left: Math.ceil(labelChars * CHAR_PX) + 34 };
  const available = Math.max(120, width - margin.left - margin.right);
  const plotWidth = props.square ? Math.min(available, 760, cols.length * 26) : available;
  const rowHeight = props.square
    ? plotWidth / Math.max(1, cols.length)
    : rows.length > 24
      ? 16
      : rows.length > 10
        ? 20
        : 26;
  const plotHeight = rows.length * rowHeight;
  const x = useMemo(
    () =>
      scaleBand<number>()
        .domain(cols.map((_, i) => i))
        .range([0, plotWidth]),
    [cols, plotWidth],
  );
  const y = useMemo(
    () =>
      scaleBand<number>()
        .domain(rows.map((_, i) => i))
        .range([0, plotHeight]),
    [rows, plotHeight],
  );
  const every = Math.max(1, Math.ceil((cols.length * TICK_PX) / plotWidth));
  const rowEvery = Math.max(1, Math.ceil(13 / rowHeight));
  const gap = x.bandwidth() > 6 ? 1 : 0;

  const show = (e: MouseEvent, cell: HeatmapCell): void => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box) return;
    setTooltip({
      x: e.clientX - box.left,
      y: e.clientY - box.top,
      lines: [
        `${rows[cell.r] ?? ''}`,
        colFull(cols[cell.c] ?? ''),
        `${formatCount(cell.n)} ${unit}${onCellClick ? ' (click to filter)' : ''}`,
      ],
    });
  };

  return (
    <div className="cs-chart cs-heatmap" ref={boxRef}>
      <svg
        width={width}
        height={plotHeight + margin.top + margin.bottom}
        role="img"
        aria-label={`${rowTitle} by ${colTitle}`}
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          <rect className="cs-heatmap-bg" width={plotWidth} height={plotHeight} />
          {cells.map((cell) => (
            <rect
              key={`${cell.r}:${cell.c}`}
              className={onCellClick ? 'cs-heatmap-cell cs-clickable' : 'cs-heatmap-cell'}
              data-row={rows[cell.r]}
              data-col={cols[cell.c]}
              data-count={cell.n}
              x={(x(cell.c) ?? 0) + gap / 2}
              y={(y(cell.r) ?? 0) + 0.5}
              width={Math.max(1, x.bandwidth() - gap)}
              height={Math.max(1, y.bandwidth() - 1)}
              fill={heatColor(max > 0 ? cell.n / max : 0)}
              onMouseMove={(e) => show(e, cell)}
              onMouseLeave={() => setTooltip(null)}
              onClick={onCellClick ? () => onCellClick(cell) : undefined}
            />
          ))}
          {rows.map((row, i) => (
            <g key={row} transform={`translate(0,${(y(i) ?? 0) + y.bandwidth() / 2})`}>
              {activeRows?.has(row) && (
                <rect
                  className="cs-heatmap-active"
                  x={-2}
                  y={-y.bandwidth() / 2}
                  width={plotWidth + 4}
                  height={y.bandwidth()}
                />
              )}
              {i % rowEvery === 0 && (
                <text className="cs-axis-text" x={-6} dy="0.32em" textAnchor="end">
                  <title>{row}</title>
                  {truncate(row, MAX_ROW_LABEL)}
                </text>
              )}
            </g>
          ))}
          <g transform={`translate(0,${plotHeight})`}>
            <line className="cs-axis-line" x2={plotWidth} />
            {cols.map((col, i) =>
              i % every === 0 ? (
                <g key={col} transform={`translate(${(x(i) ?? 0) + x.bandwidth() / 2},0)`}>
                  <line className="cs-axis-line" y2={4} />
                  <text className="cs-axis-text" y={16} textAnchor="middle">
                    {colTick(col)}
                  </text>
                </g>
              ) : null,
            )}
            <text className="cs-axis-title" x={plotWidth / 2} y={38} textAnchor="middle">
              {colTitle}
            </text>
          </g>
          <text
            className="cs-axis-title"
            transform={`translate(${-margin.left + 12},${plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {rowTitle}
          </text>
        </g>
      </svg>
      <ColorLegend color={heatColor} max={max} label={`${unit} per cell`} />
      <Tooltip state={tooltip} />
    </div>
  );
}
