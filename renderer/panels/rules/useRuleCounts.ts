import type { AnalysisClient, EventFilterParams, RuleSource } from '../../../analysis/core/src/index.js';
import { errorText, useFilteredCall } from '../../charts/chartKit/index.js';
import type { CallState } from '../../charts/chartKit/index.js';
import type { RuleCount } from './RuleList.js';

/**
 * Each listed rule's matches and findings under the filter, one `rules.check` per rule so a
 * rule that fails shows its own error and the others still count. A filter change aborts
 * the round in flight.
 */
export function useRuleCounts(
  client: AnalysisClient | null,
  archiveId: string | null,
  rules: RuleSource[] | null,
  filter: EventFilterParams,
): CallState<Map<string, RuleCount>> {
  const key = JSON.stringify({ archiveId, filter, rules: rules?.map((r) => [r.id, r.text]) });
  return useFilteredCall(
    key,
    client && archiveId && rules
      ? async (signal) => {
          const counts = new Map<string, RuleCount>();
          for (const rule of rules) {
            if (signal.aborted) break;
            try {
              const check = await client.call(
                'rules.check',
                { archive: archiveId, filter, text: rule.text },
                { signal },
              );
              const first = check.errors[0];
              counts.set(
                rule.id,
                check.ok
                  ? {
                      matches: check.rules.reduce((a, r) => a + r.matches, 0),
                      findings: check.rules.reduce((a, r) => a + r.findings, 0),
                    }
                  : {
                      matches: 0,
                      findings: 0,
                      error: first ? `${first.field}: ${first.message}` : 'invalid',
                    },
              );
            } catch (error) {
              if (signal.aborted) throw error;
              counts.set(rule.id, { matches: 0, findings: 0, error: errorText(error) });
            }
          }
          return counts;
        }
      : null,
    300,
  );
}
