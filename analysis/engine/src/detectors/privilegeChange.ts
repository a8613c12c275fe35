import type { Detector, DetectorContext, Finding } from './types.js';
import { evidenceList, isoRange, runFindings, text } from './sqlKit.js';

/** Roles that open everything: a grant of one of these is worth a look whoever made it. */
const ELEVATED = `regexp_matches(lower(coalesce(new_state::VARCHAR, '')), 'admin|owner|root|super')`;

/**
 * `privilege_change`: a change of someone's rights.
 *
 * Statistic: none to learn; every `permission_change` row on an account (entity type `user`,
 * `account`, `role`, `member` or `group`, or a source type naming a role) is a finding.
 * Critical when the actor changed its own rights (entity id = actor id), high when the new
 * state names a role that opens everything (admin, owner, root, super), low otherwise (a
 * moderator or a manager is a modest, everyday promotion).
 * Permission changes on documents and other objects are sharing, not privilege, and stay out.
 */
export const privilegeChange: Detector = {
  id: 'privilege_change',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const sql = `
      WITH p AS (
        SELECT *, entity_id = actor_id AS self, ${ELEVATED} AS elevated FROM ${ctx.source}
        WHERE action = 'permission_change'
          AND (entity_type IN ('user', 'account', 'role', 'member', 'group') OR event_type ILIKE '%role%'))
      SELECT CASE WHEN any_value(self) THEN 'critical' WHEN any_value(elevated) THEN 'high' ELSE 'low' END AS severity,
             CASE WHEN any_value(self) THEN 3 WHEN any_value(elevated) THEN 2 ELSE 1 END AS score,
             any_value(actor_id) AS actor, any_value(entity_id) AS entity, ${isoRange('min(ts)', 'max(ts)')},
             count(*) AS count, ${evidenceList(ctx)} AS evidence, any_value(self) AS self,
             any_value(event_type) AS event_type, left(any_value(coalesce(new_state::VARCHAR, delta::VARCHAR, '')), 120) AS change
      FROM p GROUP BY seq ORDER BY score DESC, min(seq)`;
    return runFindings(ctx, 'privilege_change', sql, (r) =>
      r['self'] === true
        ? `${text(r, 'actor')} changed its own rights (${text(r, 'event_type')} ${text(r, 'change')}) at ${text(r, 'from_iso')}`
        : `${text(r, 'actor')} changed the rights of ${text(r, 'entity')} (${text(r, 'event_type')} ${text(r, 'change')}) at ${text(r, 'from_iso')}`,
    );
  },
};
