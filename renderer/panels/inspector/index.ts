export { InspectorPanel } from './InspectorPanel.js';
