import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import type { Trend } from '../analytics/trends.js';
import { count, esc } from './escapeHtml.js';

const W = 760;
const H = 230;
const M = { top: 14, right: 16, bottom: 28, left: 56 };

/**
 * Events per bucket as a stepped area, with the trailing moving average as a line: an
 * inline SVG string, drawn with d3's scales and path generators (no DOM needed).
 */
export function trendChart(t: Trend, window: number): string {
  const series = t.series[0];
  if (!series || t.buckets.length === 0) return emptyChart('No events in the selection.');
  const times = t.buckets.map((b) => Date.parse(b));
  const first = times[0] ?? 0;
  const last = (times[times.length - 1] ?? first) + t.bucketSeconds * 1000;
  const x = scaleUtc()
    .domain([first, last])
    .range([M.left, W - M.right]);
  const max = Math.max(1, ...series.counts);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([H - M.bottom, M.top]);
  // The last bucket is drawn to its end, so a one-bucket archive is a bar, not a line.
  const stepPoints = [
    ...series.counts.map((c, i) => [times[i] ?? first, c] as const),
    [last, series.counts.at(-1) ?? 0] as const,
  ];
  const filled = area<readonly [number, number]>()
    .x((d) => x(d[0]))
    .y0(y(0))
    .y1((d) => y(d[1]))
    .curve(curveStepAfter)(stepPoints);
  const half = (t.bucketSeconds * 1000) / 2;
  const average = line<readonly [number, number]>()
    .x((d) => x(d[0] + half))
    .y((d) => y(d[1]))(series.movingAverage.map((v, i) => [times[i] ?? first, v] as const));
  const xTicks = x.ticks(7).map((d) => {
    const px = x(d);
    return `<g transform="translate(${px.toFixed(1)},${H - M.bottom})"><line y2="4" class="axis"/><text y="16" text-anchor="middle">${esc(x.tickFormat(7)(d))}</text></g>`;
  });
  const yTicks = y.ticks(5).map((v) => {
    const py = y(v);
    return `<g transform="translate(${M.left},${py.toFixed(1)})"><line x2="${W - M.left - M.right}" class="grid"/><text x="-6" dy="0.32em" text-anchor="end">${esc(count(v))}</text></g>`;
  });
  const span = `${bucketLabel(t.bucketSeconds)} buckets (UTC); line: moving average over ${window} buckets`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Events over time">
<title>Events over time: ${esc(span)}</title>
${yTicks.join('')}
<path d="${filled ?? ''}" class="area"/>
<path d="${average ?? ''}" class="average"/>
<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" class="axis"/>
${xTicks.join('')}
</svg>`;
}

export function bucketLabel(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}-day`;
  if (seconds % 3600 === 0) return `${seconds / 3600}-hour`;
  if (seconds % 60 === 0) return `${seconds / 60}-minute`;
  return `${seconds}-second`;
}

export function emptyChart(message: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} 40" width="${W}" height="40" role="img"><text x="8" y="24">${esc(message)}</text></svg>`;
}
