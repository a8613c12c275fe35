export { IntegrityPanel } from './IntegrityPanel.js';
