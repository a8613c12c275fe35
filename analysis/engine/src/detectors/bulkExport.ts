import type { Detector, DetectorContext, Finding } from './types.js';
import { figure, num, shortTime, text } from './sqlKit.js';
import { windowBurst } from './windowBurst.js';

/**
 * `bulk_export`: many exports, or reads far above the actor's norm, in a short time.
 *
 * Statistic (see `windowBurst`, keyed by action): per actor, over a sliding window of
 * `windowSeconds` (default 10 min), E = exports and R = reads up to each one. Exports fire
 * when E ≥ `minExports` and E ≥ `exportRatio`·b; reads when R ≥ `minReads` and R ≥ `ratio`·b,
 * b being the actor's (and its peers') ordinary count of that action in such a window. An
 * export takes a whole table at once, so a few of them beyond the norm already matter; a
 * read takes one record, so only a flood of them does. Severity high when the peak reaches
 * 4× its threshold ratio, else medium. Score = peak ÷ b.
 */
export const bulkExport: Detector = {
  id: 'bulk_export',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.bulkExport;
    return windowBurst(ctx, {
      detector: 'bulk_export',
      where: `action IN ('read', 'export')`,
      key: 'action',
      windowSeconds: s.windowSeconds,
      minCount: `CASE WHEN k = 'export' THEN ${num(s.minExports)} ELSE ${num(s.minReads)} END`,
      ratio: `CASE WHEN k = 'export' THEN ${num(s.exportRatio)} ELSE ${num(s.ratio)} END`,
      highRatio: 4,
      summarize: (r) =>
        `${text(r, 'actor')} made ${figure(r, 'count')} ${text(r, 'k') === 'export' ? 'exports' : 'reads'} (${text(r, 'types')}) between ${shortTime(text(r, 'from_iso'))} and ${shortTime(text(r, 'to_iso'))}: up to ${figure(r, 'peak')} in ${Math.round(s.windowSeconds / 60)} min against a usual ${figure(r, 'baseline')}`,
    });
  },
};
