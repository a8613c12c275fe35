import { useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { brushX, line, schemeTableau10, select } from 'd3';
import type { D3BrushEvent } from 'd3';
import { Tooltip, formatCount, formatDuration, formatTime, useWidth } from '../chartKit/index.js';
import type { TooltipState } from '../chartKit/index.js';
import { brushRange, bucketAt, busiestSeries, trendScales } from './trendScales.js';
import type { TrendSeriesData } from './trendScales.js';

export interface TrendChartProps {
  buckets: string[];
  bucketSeconds: number;
  series: TrendSeriesData[];
  /** A brushed range, snapped to buckets (`to` inclusive). */
  onBrush?: (range: { from: string; to: string }) => void;
  height?: number;
}

const MARGIN = { top: 12, right: 20, bottom: 40, left: 64 };

/**
 * Events per bucket over time, one line per series with its moving average dashed and its
 * change points as vertical markers; hover shows the exact counts of a bucket, a brush
 * selects a time range.
 */
export function TrendChart({ buckets, bucketSeconds, series, onBrush, height = 260 }: TrendChartProps) {
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const brushRef = useRef<SVGGElement>(null);
  const onBrushRef = useRef(onBrush);
  onBrushRef.current = onBrush;
  const [hover, setHover] = useState<{ i: number; tip: TooltipState } | null>(null);
  const plotWidth = Math.max(120, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const shown = useMemo(() => busiestSeries(series), [series]);
  const scales = useMemo(
    () => trendScales(buckets, bucketSeconds, shown, plotWidth, plotHeight),
    [buckets, bucketSeconds, shown, plotWidth, plotHeight],
  );
  const colour = (i: number): string => schemeTableau10[i % schemeTableau10.length] ?? '#888';
  const mid = (i: number): number => scales.x((scales.starts[i] ?? 0) + scales.bucketMs / 2);
  const path = (values: number[]): string =>
    line<number>()
      .x((_, i) => mid(i))
      .y((v) => scales.y(v))(values) ?? '';

  useEffect(() => {
    const g = brushRef.current;
    if (!g || !onBrushRef.current) return;
    const brush = brushX<unknown>()
      .extent([
        [0, 0],
        [plotWidth, plotHeight],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        const sel = event.selection as [number, number] | null;
        if (!event.sourceEvent || !sel || sel[1] - sel[0] < 2) return;
        onBrushRef.current?.(brushRange(scales, sel[0], sel[1]));
        select(g).call(brush.move, null);
      });
    select(g).call(brush);
    return () => {
      select(g).on('.brush', null).selectAll('*').remove();
    };
  }, [scales, plotWidth, plotHeight]);

  const move = (e: MouseEvent<SVGSVGElement>): void => {
    const box = boxRef.current?.getBoundingClientRect();
    if (!box) return;
    const i = bucketAt(scales, e.clientX - box.left - MARGIN.left);
    if (i === null) return setHover(null);
    const start = buckets[i] ?? '';
    const lines = [`${formatTime(start)} (${formatDuration(bucketSeconds)} bucket)`];
    for (const s of shown)
      lines.push(
        `${s.key}: ${formatCount(s.counts[i] ?? 0)} events, average ${formatCount(round(s.movingAverage[i] ?? 0))}`,
      );
    setHover({ i, tip: { x: e.clientX - box.left, y: e.clientY - box.top, lines } });
  };

  const xTicks = scales.x.ticks(Math.max(2, Math.floor(plotWidth / 120)));
  const xFormat = scales.x.tickFormat();
  return (
    <div className="cs-chart cs-trend" ref={boxRef}>
      <svg
        width={width}
        height={height}
        onMouseMove={move}
        onMouseLeave={() => setHover(null)}
        role="img"
        aria-label="events over time"
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {scales.y.ticks(5).map((t) => (
            <g key={t} transform={`translate(0,${scales.y(t)})`}>
              <line className="cs-grid-line" x2={plotWidth} />
              <text className="cs-axis-text" x={-8} dy="0.32em" textAnchor="end">
                {formatCount(t)}
              </text>
            </g>
          ))}
          <g transform={`translate(0,${plotHeight})`}>
            <line className="cs-axis-line" x2={plotWidth} />
            {xTicks.map((t) => (
              <g key={t.getTime()} transform={`translate(${scales.x(t)},0)`}>
                <line className="cs-axis-line" y2={4} />
                <text className="cs-axis-text" y={16} textAnchor="middle">
                  {xFormat(t)}
                </text>
              </g>
            ))}
            <text className="cs-axis-title" x={plotWidth / 2} y={34} textAnchor="middle">
              time (UTC)
            </text>
          </g>
          <text
            className="cs-axis-title"
            transform={`translate(${-MARGIN.left + 14},${plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            events per {formatDuration(bucketSeconds)}
          </text>
          {shown.map((s, k) => (
            <g key={s.key} className="cs-trend-series" data-series={s.key}>
              <path className="cs-trend-line" d={path(s.counts)} stroke={colour(k)} />
              <path
                className="cs-trend-average"
                d={path(s.movingAverage)}
                stroke={colour(k)}
                strokeOpacity={shown.length > 1 ? 0.55 : 0.8}
              />
              {s.changePoints.map((i) => (
                <g
                  key={i}
                  className="cs-change-point"
                  transform={`translate(${scales.x(scales.starts[i] ?? 0)},0)`}
                >
                  <line y2={plotHeight} stroke={colour(k)} />
                  <path d="M-5,0L5,0L0,7Z" fill={colour(k)} />
                </g>
              ))}
            </g>
          ))}
          {hover && <line className="cs-hover-line" x1={mid(hover.i)} x2={mid(hover.i)} y2={plotHeight} />}
          <g ref={brushRef} className="cs-brush" />
        </g>
      </svg>
      <TrendLegend keys={shown.map((s) => s.key)} colour={colour} total={series.length} brush={!!onBrush} />
      <Tooltip state={hover?.tip ?? null} />
    </div>
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function TrendLegend(props: {
  keys: string[];
  colour: (i: number) => string;
  total: number;
  brush: boolean;
}) {
  return (
    <div className="cs-legend-row">
      {props.keys.map((key, i) => (
        <span key={key} className="cs-legend-item">
          <span className="cs-swatch" style={{ background: props.colour(i) }} />
          {key}
        </span>
      ))}
      {props.total > props.keys.length && (
        <span className="cs-legend-note">
          the {props.keys.length} busiest of {props.total} series
        </span>
      )}
      <span className="cs-legend-note">
        solid: count · dashed: moving average · ▼ and vertical line: change point
      </span>
      {props.brush && <span className="cs-legend-note">drag across the chart to filter a time range</span>}
    </div>
  );
}
