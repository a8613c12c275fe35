export { TrendChart } from './TrendChart.js';
export type { TrendChartProps } from './TrendChart.js';
export { brushRange, bucketAt, busiestSeries, trendScales, MAX_SERIES } from './trendScales.js';
export type { TrendSeriesData, TrendScales } from './trendScales.js';
