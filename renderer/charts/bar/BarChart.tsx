import { useMemo, useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { line, scaleBand, scaleLinear, scaleTime } from 'd3';
import { Tooltip, formatCount, formatTime, truncate, useWidth } from '../chartKit/index.js';
import type { TooltipState } from '../chartKit/index.js';

export interface ChartPoint {
  /** Category text, a number, or ms since the epoch when `xKind` is `time`. */
  x: string | number;
  y: number;
}

export interface BarChartProps {
  points: ChartPoint[];
  kind: 'bar' | 'line';
  xKind: 'category' | 'number' | 'time';
  xTitle: string;
  yTitle: string;
  height?: number;
}

/** Bars beyond this are not drawn (the table has them all); the chart says so. */
export const MAX_BARS = 200;
const MARGIN = { top: 12, right: 20, bottom: 92, left: 72 };

/**
 * Two columns of a result as bars (one per row, categories in result order) or a line (x
 * numeric or time, sorted). Axes are titled with the column names; hover shows exact values.
 */
export function BarChart({ points, kind, xKind, xTitle, yTitle, height = 380 }: BarChartProps) {
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const [tip, setTip] = useState<TooltipState | null>(null);
  const plotWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const drawn = useMemo(() => {
    if (kind === 'bar') return points.slice(0, MAX_BARS);
    return [...points].sort((a, b) => Number(a.x) - Number(b.x));
  }, [points, kind]);
  const lo = Math.min(0, ...drawn.map((p) => p.y));
  const hi = Math.max(0, ...drawn.map((p) => p.y));
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice()
    .range([plotHeight, 0]);
  const label = (x: string | number): string =>
    xKind === 'time'
      ? formatTime(new Date(Number(x)).toISOString(), true)
      : typeof x === 'number'
        ? formatCount(x)
        : x;

  const show = (e: MouseEvent, p: ChartPoint): void => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box) return;
    setTip({
      x: e.clientX - box.left,
      y: e.clientY - box.top,
      lines: [`${xTitle}: ${label(p.x)}`, `${yTitle}: ${formatCount(p.y)}`],
    });
  };

  let body: ReactNode;
  let ticks: { x: number; text: string }[];
  if (kind === 'bar') {
    const x = scaleBand<number>()
      .domain(drawn.map((_, i) => i))
      .range([0, plotWidth])
      .padding(0.15);
    const every = Math.max(1, Math.ceil((drawn.length * 64) / plotWidth));
    ticks = drawn.flatMap((p, i) =>
      i % every === 0 ? [{ x: (x(i) ?? 0) + x.bandwidth() / 2, text: truncate(label(p.x), 14) }] : [],
    );
    body = drawn.map((p, i) => (
      <rect
        key={i}
        className="cs-bar"
        x={x(i) ?? 0}
        width={Math.max(1, x.bandwidth())}
        y={y(Math.max(0, p.y))}
        height={Math.abs(y(p.y) - y(0))}
        onMouseMove={(e) => show(e, p)}
        onMouseLeave={() => setTip(null)}
      />
    ));
  } else {
    const xs = drawn.map((p) => Number(p.x));
    const domain: [number, number] = [Math.min(...xs), Math.max(...xs)];
    const x =
      xKind === 'time'
        ? scaleTime().domain(domain).range([0, plotWidth])
        : scaleLinear().domain(domain).range([0, plotWidth]);
    const count = Math.max(2, Math.floor(plotWidth / 110));
    const fmt = x.tickFormat(count);
    ticks = (x.ticks(count) as (number | Date)[]).map((t) => ({
      x: x(t as number),
      text: fmt(t as number & Date),
    }));
    const d = line<ChartPoint>()
      .x((p) => x(Number(p.x)))
      .y((p) => y(p.y))(drawn);
    body = (
      <>
        <path className="cs-line" d={d ?? ''} />
        {drawn.map((p, i) => (
          <circle
            key={i}
            className="cs-dot"
            cx={x(Number(p.x))}
            cy={y(p.y)}
            r={3}
            onMouseMove={(e) => show(e, p)}
            onMouseLeave={() => setTip(null)}
          />
        ))}
      </>
    );
  }

  return (
    <div className="cs-chart cs-bar-chart" ref={boxRef}>
      <svg width={width} height={height} role="img" aria-label={`${yTitle} by ${xTitle}`}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {y.ticks(6).map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line className="cs-grid-line" x2={plotWidth} />
              <text className="cs-axis-text" x={-8} dy="0.32em" textAnchor="end">
                {formatCount(t)}
              </text>
            </g>
          ))}
          {body}
          <g transform={`translate(0,${plotHeight})`}>
            <line className="cs-axis-line" x2={plotWidth} />
            {ticks.map((t, i) => (
              <g key={i} transform={`translate(${t.x},0)`}>
                <line className="cs-axis-line" y2={4} />
                <text className="cs-axis-text" y={10} transform="rotate(-30)" textAnchor="end" dy="0.6em">
                  {t.text}
                </text>
              </g>
            ))}
            <text className="cs-axis-title" x={plotWidth / 2} y={MARGIN.bottom - 6} textAnchor="middle">
              {xTitle}
            </text>
          </g>
          <text
            className="cs-axis-title"
            transform={`translate(${-MARGIN.left + 14},${plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yTitle}
          </text>
        </g>
      </svg>
      {kind === 'bar' && points.length > MAX_BARS && (
        <div className="cs-legend-note">
          the first {MAX_BARS} of {formatCount(points.length)} rows are drawn; the table has them all
        </div>
      )}
      <Tooltip state={tip} />
    </div>
  );
}
