import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, figure, isoRange, num, runFindings, text } from './sqlKit.js';

/**
 * `rare_action`: a kind of event that almost never happens, done by a person.
 *
 * Statistic: an `event_type` is rare when it makes up less than `maxShare` of the rows
 * (default 0.1 %) and occurs at most `maxOccurrences` times in all. Each actor (not a `system`
 * or `service` one: scheduled jobs do their rare chores on schedule) that did a rare type is
 * one finding. Score = −log10 of the type's share. Severity low: rare is a reason to look, not
 * a verdict.
 */
export const rareAction: Detector = {
  id: 'rare_action',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.rareAction;
    const sql = `
      WITH total AS (SELECT sum(c) AS n FROM ${ctx.rollups.actions}),
      types AS (
        SELECT event_type, sum(c) AS c FROM ${ctx.rollups.actions} GROUP BY 1
        HAVING sum(c) <= ${num(s.maxOccurrences)} AND sum(c) < ${num(s.maxShare)} * (SELECT n FROM total))
      SELECT 'low' AS severity, -log10(any_value(t.c) / (SELECT n FROM total)) AS score, e.actor_id AS actor,
             CASE WHEN count(DISTINCT e.entity_id) = 1 THEN any_value(e.entity_id) END AS entity,
             ${isoRange('min(e.ts)', 'max(e.ts)')}, count(*) AS count, ${evidenceList(ctx, 'e.seq')} AS evidence,
             e.event_type AS event_type, any_value(t.c) AS total
      FROM ${ctx.source} e JOIN types t USING (event_type)
      WHERE e.actor_id IS NOT NULL AND coalesce(e.actor_type, '') NOT IN ('system', 'service')
      GROUP BY e.actor_id, e.event_type ORDER BY score DESC`;
    return runFindings(
      ctx,
      'rare_action',
      sql,
      (r) =>
        `${text(r, 'actor')} did ${text(r, 'event_type')}, which happens ${figure(r, 'total')} time(s) in the whole archive`,
    );
  },
};
