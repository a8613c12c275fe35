export { HeatmapChart, heatColor } from './HeatmapChart.js';
export type { HeatmapChartProps } from './HeatmapChart.js';
export { decodeHeatmapCells } from './heatmapCells.js';
export type { HeatmapCell } from './heatmapCells.js';
