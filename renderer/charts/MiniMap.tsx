import { useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { area, scaleLinear, scaleUtc } from 'd3';
import type { DensitySeries } from './density.js';

/**
 * The whole archive in a thin band, with the timeline's current view as a window: click or
 * drag to move the view there (the way to pan with a pointer, since dragging the main chart
 * brushes).
 */
export function MiniMap({
  width,
  height,
  full,
  view,
  series,
  onCenter,
}: {
  width: number;
  height: number;
  full: [number, number];
  view: [number, number];
  series: DensitySeries | null;
  onCenter(ms: number): void;
}) {
  const dragging = useRef(false);
  const x = scaleUtc().domain(full).range([0, width]);
  const y = scaleLinear()
    .domain([0, series?.max || 1])
    .range([height, 1]);
  let path = '';
  if (series) {
    const points = Array.from(
      series.t,
      (t, i) => [t + series.bucketMs / 2, series.n[i]!] as [number, number],
    );
    path =
      area<[number, number]>()
        .x((d) => x(d[0]))
        .y0(height)
        .y1((d) => y(d[1]))(points) ?? '';
  }
  const move = (event: ReactPointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    onCenter(x.invert(event.clientX - box.left).getTime());
  };
  const v0 = Math.max(0, x(view[0]));
  const v1 = Math.min(width, x(view[1]));
  return (
    <svg
      width={width}
      height={height}
      className="minimap"
      data-testid="timeline-minimap"
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        move(e);
      }}
      onPointerMove={(e) => dragging.current && move(e)}
      onPointerUp={() => {
        dragging.current = false;
      }}
    >
      <path d={path} className="minimap-area" />
      <rect className="minimap-window" x={v0} width={Math.max(2, v1 - v0)} y={0} height={height} />
    </svg>
  );
}
