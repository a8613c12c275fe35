export { FindingsPanel } from './FindingsPanel.js';
export { FindingRow } from './FindingRow.js';
export { openFinding } from './openFinding.js';
export { orderFindings, detectorFilter, MAX_EVIDENCE } from './findingsOrder.js';
