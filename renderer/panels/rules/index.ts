export { RulesPanel } from './RulesPanel.js';
