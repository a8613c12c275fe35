export { startStudioServer } from './startServer.js';
export type { StudioServer, StudioServerOptions } from './startServer.js';
export { LocalOrigin, newToken, tokenMatches } from './security.js';
export { DEFAULT_MAX_UPLOAD_BYTES, sanitizeFileName } from './upload.js';
export { findProjectRoot } from './projectRoot.js';
