import type { Detector, DetectorContext, Finding } from './types.js';
import { figure, shortTime, text } from './sqlKit.js';
import { windowBurst } from './windowBurst.js';

/** Rows that destroy: normalised deletes and the source types that remove or bulk-delete. */
export const DESTRUCTIVE_SQL = `(action = 'delete' OR event_type ILIKE '%delete%' OR event_type ILIKE '%remove%')`;

/**
 * `mass_destructive`: deletes or removals by one actor far above its norm.
 *
 * Statistic (see `windowBurst`): c = the actor's destructive rows (action `delete`, or a
 * source type naming a delete or removal) in the `windowSeconds` (default 10 min) up to each
 * one; fires when c ≥ `minCount` and c ≥ `ratio`·max(λ, median c, 1), where λ is the actor's
 * deletes per active hour scaled to the window: its own norm, so a cleaner who deletes all
 * day does not fire and a clerk who never deletes does at a modest count. The rows of a bulk
 * operation (`parent_id` set) count once, through their parent: a bulk delete is one decision,
 * routine where the system offers it (the `bulk-delete-large` rule judges its size).
 */
export const massDestructive: Detector = {
  id: 'mass_destructive',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.massDestructive;
    return windowBurst(ctx, {
      detector: 'mass_destructive',
      where: `${DESTRUCTIVE_SQL} AND parent_id IS NULL`,
      key: `'destructive'`,
      windowSeconds: s.windowSeconds,
      minCount: s.minCount,
      ratio: s.ratio,
      highRatio: 4,
      summarize: (r) =>
        `${text(r, 'actor')} deleted or removed ${figure(r, 'count')} records (${figure(r, 'entities')} entities) between ${shortTime(text(r, 'from_iso'))} and ${shortTime(text(r, 'to_iso'))}: up to ${figure(r, 'peak')} in ${Math.round(s.windowSeconds / 60)} min against a usual ${figure(r, 'baseline')}`,
    });
  },
};
