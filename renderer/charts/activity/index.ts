export { ActivityTable } from './ActivityTable.js';
export type { ActivityTableProps } from './ActivityTable.js';
export { ACTIVITY_COLUMNS, sortActivity, topActions, topDeviation } from './activityColumns.js';
export type { ActivityColumn, ActivitySort, ActorActivity } from './activityColumns.js';
export { SessionsChart } from './SessionsChart.js';
export type { SessionsChartProps } from './SessionsChart.js';
