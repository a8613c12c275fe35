import { analyticsHandlers } from './analytics.js';
import { archiveHandlers } from './archive.js';
import { caseFileHandlers } from './caseFile.js';
import { eventsHandlers } from './events.js';
import { exportFileHandlers } from './exportFile.js';
import { integrityHandlers } from './integrity.js';
import { queryHandlers } from './query.js';
import { replayHandlers } from './replay.js';
import { rulesHandlers } from './rules.js';
import { sessionHandlers } from './session.js';
import { timelineHandlers } from './timeline.js';
import { timetravelHandlers } from './timetravel.js';
import type { Handlers } from './types.js';
import type { MethodName } from '../../../../core/src/index.js';

/**
 * One handler per method of the contract. Typed as `Handlers<MethodName>`, so a method added
 * to the contract without a handler here (or a handler whose params or result drift from the
 * contract) fails the typecheck.
 */
export const HANDLERS: Handlers<MethodName> = {
  ...sessionHandlers,
  ...archiveHandlers,
  ...eventsHandlers,
  ...timelineHandlers,
  ...analyticsHandlers,
  ...rulesHandlers,
  ...integrityHandlers,
  ...queryHandlers,
  ...timetravelHandlers,
  ...replayHandlers,
  ...caseFileHandlers,
  ...exportFileHandlers,
};

export type { Handler, HandlerContext, Handlers, ServiceState } from './types.js';
