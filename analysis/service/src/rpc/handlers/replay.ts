import { parseTimeSpec } from '../../../../core/src/index.js';
import { replayKeyframe, replayWindow } from '../../../../engine/src/index.js';
import { onLane } from './types.js';
import type { Handlers } from './types.js';

/**
 * The replay's data as the engine produces it (timetravel/replaySource.ts): Arrow tables of
 * REPLAY_KEYFRAME_COLUMNS and REPLAY_EVENT_COLUMNS (the engine appends `session_id` to a
 * window), on the travel lane, where the archive's time travel and its keyframes live.
 */
export const replayHandlers: Handlers<'replay.keyframe' | 'replay.window'> = {
  /** The world after the last event at or before `at`. */
  'replay.keyframe': (params, ctx) =>
    onLane(ctx, params.archive, 'travel', async (store, session) =>
      replayKeyframe(await session.travelOn(store), parseTimeSpec(params.at, `${ctx.method}: params.at`)),
    ),

  /** Events from `fromSeq` on, in seq order: what the replay folds in after a keyframe. */
  'replay.window': (params, ctx) =>
    onLane(ctx, params.archive, 'travel', (store) => replayWindow(store, params.fromSeq, params.limit)),
};
