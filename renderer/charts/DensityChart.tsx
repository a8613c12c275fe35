import { useEffect, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import {
  axisBottom,
  brushX,
  pointer,
  scaleLinear,
  scaleUtc,
  select,
  utcDay,
  utcFormat,
  utcHour,
  utcMinute,
  utcMonth,
  utcSecond,
  utcYear,
} from 'd3';
import type { BrushBehavior } from 'd3';
import type { Marker } from '../../analysis/core/src/index.js';
import { formatCount, formatTime } from '../app/format.js';
import type { DensitySeries } from './density.js';

export const MARKER_COLORS: Record<Marker['kind'], string> = {
  snapshot: '#6fa8dc',
  rollback: '#e69138',
  gap: '#e06666',
  finding: '#f1c232',
  annotation: '#8e7cc3',
  bookmark: '#76a5af',
  integrity: '#cc4125',
};

const MARKER_BAND = 14;

// d3's default UTC tick labels use a 12-hour clock ("08 AM"); investigators read 24-hour UTC.
const tickFormats = {
  ms: utcFormat('.%L'),
  second: utcFormat(':%S'),
  minute: utcFormat('%H:%M'),
  day: utcFormat('%a %d'),
  month: utcFormat('%b'),
  year: utcFormat('%Y'),
};
function tickLabel(value: Date | { valueOf(): number }): string {
  const date = value instanceof Date ? value : new Date(value.valueOf());
  if (utcSecond(date) < date) return tickFormats.ms(date);
  if (utcMinute(date) < date) return tickFormats.second(date);
  if (utcHour(date) < date || utcDay(date) < date) return tickFormats.minute(date);
  if (utcMonth(date) < date) return tickFormats.day(date);
  if (utcYear(date) < date) return tickFormats.month(date);
  return tickFormats.year(date);
}
const AXIS = 18;

export interface DensityChartProps {
  width: number;
  height: number;
  domain: [number, number];
  series: DensitySeries | null;
  markers: Marker[];
  playheadMs: number | null;
  /** The brushed range (the shared filter's from/to), ms. */
  brush: [number, number] | null;
  onBrush(range: [number, number]): void;
  onClickTime(ms: number): void;
  onMarker(marker: Marker): void;
  /** Wheel: factor > 1 zooms out, around `centerMs`. */
  onZoom(factor: number, centerMs: number): void;
  onPan(fraction: number): void;
}

/**
 * Event density as bars over a UTC time axis, with the brush (drag: filter every panel to a
 * range), the playhead (click), and markers above. d3 owns the axis and the brush inside
 * refs; React draws the bars and markers so their labels stay text.
 */
export function DensityChart(props: DensityChartProps) {
  const { width, height, domain, series, markers, playheadMs, brush } = props;
  const axisRef = useRef<SVGGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const behaviour = useRef<BrushBehavior<unknown> | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  const plotTop = MARKER_BAND;
  const plotBottom = height - AXIS;
  const x = useMemo(() => scaleUtc().domain(domain).range([0, width]), [domain, width]);
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, series?.max || 1])
        .range([plotBottom, plotTop + 2]),
    [series, plotBottom, plotTop],
  );

  useEffect(() => {
    if (axisRef.current)
      select(axisRef.current).call(
        axisBottom(x)
          .ticks(Math.max(2, Math.floor(width / 130)))
          .tickFormat(tickLabel),
      );
  }, [x, width]);

  // The brush is built once per size; its events read the latest props through `handlers`.
  useEffect(() => {
    const g = brushRef.current;
    if (!g || width <= 0) return;
    const b = brushX<unknown>()
      .extent([
        [0, plotTop],
        [width, plotBottom],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: Event }) => {
        if (!event.sourceEvent) return; // our own brush.move
        const scale = scaleUtc().domain(handlers.current.domain).range([0, width]);
        if (event.selection) {
          const [a, b2] = event.selection;
          handlers.current.onBrush([scale.invert(a).getTime(), scale.invert(b2).getTime()]);
        } else if (svgRef.current) {
          const [px] = pointer(event.sourceEvent, svgRef.current);
          handlers.current.onClickTime(scale.invert(px).getTime());
        }
      });
    behaviour.current = b;
    select(g).call(b);
    return () => {
      select(g).on('.brush', null);
    };
  }, [width, plotTop, plotBottom]);

  // Mirror the shared filter's range (cleared from a chip, set from another panel).
  useEffect(() => {
    const g = brushRef.current;
    if (!g || !behaviour.current) return;
    const move = brush
      ? ([Math.max(-1, x(brush[0])), Math.min(width + 1, x(brush[1]))] as [number, number])
      : null;
    select(g).call(behaviour.current.move, move && move[1] > move[0] ? move : null);
  }, [brush, x, width]);

  // Wheel zooms (shift or a sideways wheel pans); passive React listeners cannot stop the page scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const sideways = Math.abs(event.deltaX) > Math.abs(event.deltaY);
      if (event.shiftKey || sideways) {
        handlers.current.onPan((sideways ? event.deltaX : event.deltaY) / 1000);
        return;
      }
      const [px] = pointer(event, svg);
      const scale = scaleUtc().domain(handlers.current.domain).range([0, width]);
      handlers.current.onZoom(Math.exp(event.deltaY * 0.002), scale.invert(px).getTime());
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [width]);

  const bars: ReactNode[] = [];
  if (series) {
    for (let i = 0; i < series.t.length; i++) {
      const t = series.t[i]!;
      const n = series.n[i]!;
      if (n <= 0) continue;
      const x0 = x(t);
      const x1 = x(t + series.bucketMs);
      if (x1 < 0 || x0 > width) continue;
      bars.push(
        <rect
          key={i}
          className="density-bar"
          x={x0}
          width={Math.max(1, x1 - x0 - 0.5)}
          y={y(n)}
          height={plotBottom - y(n)}
        >
          <title>{`${formatTime(t)}: ${formatCount(n)} events`}</title>
        </rect>,
      );
    }
  }

  const playX = playheadMs === null ? null : x(playheadMs);
  return (
    <svg ref={svgRef} width={width} height={height} className="density-chart" data-testid="density-chart">
      <g className="markers">
        {markers.map((m, i) => {
          const x0 = x(Date.parse(m.from));
          const x1 = m.to ? x(Date.parse(m.to)) : x0;
          if (x1 < -4 || x0 > width + 4) return null;
          return (
            <g
              key={i}
              className={`marker marker-${m.kind}`}
              data-kind={m.kind}
              onClick={() => handlers.current.onMarker(m)}
            >
              <title>{`${m.kind}: ${m.label} (${formatTime(m.from)})`}</title>
              {x1 - x0 > 2 && (
                <rect
                  x={x0}
                  y={plotTop}
                  width={x1 - x0}
                  height={plotBottom - plotTop}
                  fill={MARKER_COLORS[m.kind]}
                  opacity={0.15}
                />
              )}
              <path
                d={`M${x0 - 4},1 L${x0 + 4},1 L${x0},${MARKER_BAND - 3} Z`}
                fill={MARKER_COLORS[m.kind]}
              />
            </g>
          );
        })}
      </g>
      <g className="bars">{bars}</g>
      <g ref={brushRef} className="brush" data-testid="timeline-brush" />
      {playX !== null && playX >= 0 && playX <= width && (
        <rect className="playhead" data-testid="playhead" x={playX - 1} width={2} y={0} height={plotBottom} />
      )}
      <g ref={axisRef} className="axis" transform={`translate(0,${plotBottom})`} />
    </svg>
  );
}
