import type { Detector, DetectorContext, Finding } from './types.js';
import { figure, shortTime, text } from './sqlKit.js';
import { windowBurst } from './windowBurst.js';

/**
 * `burst`: many rows of one kind by one actor within a short sliding window.
 *
 * Statistic (see `windowBurst`): c = the actor's rows of the same `event_type` in the
 * `windowSeconds` (default 120 s) up to each row; fires when c ≥ `minCount` and
 * c ≥ `ratio`·max(λ, median c, 1), λ being the type's expected count in a window of the
 * actor's active hours. Rows of `system` actors count too: their scheduled batches are
 * dense every time, so their median keeps them quiet. The children of a bulk operation
 * (`parent_id` set) are left out: the bulk is one operation and counts once.
 */
export const burst: Detector = {
  id: 'burst',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.burst;
    return windowBurst(ctx, {
      detector: 'burst',
      where: 'parent_id IS NULL',
      key: 'event_type',
      windowSeconds: s.windowSeconds,
      minCount: s.minCount,
      ratio: s.ratio,
      highRatio: 4,
      summarize: (r) =>
        `${text(r, 'actor')} did ${figure(r, 'count')} ${text(r, 'k')} from ${shortTime(text(r, 'from_iso'))} to ${shortTime(text(r, 'to_iso'))}: up to ${figure(r, 'peak')} in ${s.windowSeconds} s against a usual ${figure(r, 'baseline')}`,
    });
  },
};
