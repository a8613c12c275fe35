export { OpenPanel } from './OpenPanel.js';
export { RejectsTable } from './RejectsTable.js';
export { useImport } from './importStore.js';
