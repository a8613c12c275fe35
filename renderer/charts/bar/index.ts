export { BarChart, MAX_BARS } from './BarChart.js';
export type { BarChartProps, ChartPoint } from './BarChart.js';
