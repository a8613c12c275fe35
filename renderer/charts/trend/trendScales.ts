import { max as d3max, scaleLinear, scaleTime } from 'd3';
import type { ScaleLinear, ScaleTime } from 'd3';

export interface TrendSeriesData {
  key: string;
  counts: number[];
  movingAverage: number[];
  changePoints: number[];
}

export interface TrendScales {
  x: ScaleTime<number, number>;
  y: ScaleLinear<number, number>;
  /** Bucket starts in ms since the epoch. */
  starts: number[];
  bucketMs: number;
}

/** At most this many series are drawn (the busiest); more lines are unreadable. */
export const MAX_SERIES = 8;

/** The busiest series first, cut to MAX_SERIES. */
export function busiestSeries(series: readonly TrendSeriesData[]): TrendSeriesData[] {
  const total = (s: TrendSeriesData): number => s.counts.reduce((a, b) => a + b, 0);
  return [...series].sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key)).slice(0, MAX_SERIES);
}

export function trendScales(
  buckets: readonly string[],
  bucketSeconds: number,
  series: readonly TrendSeriesData[],
  width: number,
  height: number,
): TrendScales {
  const starts = buckets.map((b) => Date.parse(b));
  const bucketMs = bucketSeconds * 1000;
  const first = starts[0] ?? 0;
  const last = (starts[starts.length - 1] ?? first) + bucketMs;
  const top = d3max(series, (s) => d3max(s.counts)) ?? 0;
  return {
    x: scaleTime().domain([first, last]).range([0, width]),
    y: scaleLinear()
      .domain([0, Math.max(1, top)])
      .nice()
      .range([height, 0]),
    starts,
    bucketMs,
  };
}

/** The bucket under a pixel, or null outside the data. */
export function bucketAt(scales: TrendScales, px: number): number | null {
  const t = scales.x.invert(px).getTime();
  const first = scales.starts[0];
  if (first === undefined) return null;
  const i = Math.floor((t - first) / scales.bucketMs);
  return i >= 0 && i < scales.starts.length ? i : null;
}

/**
 * A brushed pixel range as a filter range snapped to whole buckets: `to` is the last
 * millisecond of the last bucket touched, because the filter's `to` is inclusive.
 */
export function brushRange(scales: TrendScales, x0: number, x1: number): { from: string; to: string } {
  const first = scales.starts[0] ?? 0;
  const snap = (px: number, up: boolean): number => {
    const k = (scales.x.invert(px).getTime() - first) / scales.bucketMs;
    return first + (up ? Math.ceil(k) : Math.floor(k)) * scales.bucketMs;
  };
  const from = snap(x0, false);
  const to = Math.max(from + scales.bucketMs, snap(x1, true)) - 1;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
