export { OverviewPanel } from './OverviewPanel.js';
