export { ComparePanel } from './ComparePanel.js';
export { useCompare } from './compareStore.js';
export type { CompareMode } from './compareStore.js';
