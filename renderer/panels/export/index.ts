export { ExportPanel } from './ExportPanel.js';
