export { EventsPanel } from './EventsPanel.js';
export { diffStates, flatten } from './stateDiff.js';
export type { DiffRow, DiffKind } from './stateDiff.js';
export { decodePage, EventPageCache, PAGE_SIZE } from './eventPages.js';
