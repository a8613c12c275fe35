export { createDispatcher } from './dispatcher.js';
export type { Dispatcher, DispatcherOptions, Send } from './dispatcher.js';
export { readerToArrow } from './arrow/fromDuckDB.js';
export type { ArrowResult } from './arrow/fromDuckDB.js';
export { arrowBytes } from './arrow/arrowTable.js';
export type { ArrowColumn, ArrowKind } from './arrow/arrowTable.js';
export { defaultCasePath } from './handlers/caseFile.js';
