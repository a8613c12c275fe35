export { AnalyticsPanel } from './AnalyticsPanel.js';
export { cellFilter, activeRows, HEATMAP_KIND_INFO, isTimeKind } from './heatmapKinds.js';
