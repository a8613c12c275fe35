export { QueryPanel } from './QueryPanel.js';
export { decodeQueryTable, cellText, cellNumber, toCsv, toJson } from './queryTable.js';
export type { QueryRows, QueryColumn, ValueKind } from './queryTable.js';
