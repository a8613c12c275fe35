import { ChronoscopeError } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import type { EventFilter } from '../analytics/filter.js';
import { withSelection } from '../detectors/selection.js';
import { DEFAULT_DETECTOR_SETTINGS } from '../detectors/settings.js';
import { parseRules } from './parse.js';
import { countMatches, runRule } from './runRules.js';
import type { RuleProblem } from './types.js';

export interface RuleCheck {
  ok: boolean;
  errors: RuleProblem[];
  rules: { id: string; title: string; matches: number; findings: number }[];
}

/**
 * `rules.check`: validates rule text and, for each well-formed rule, counts the rows its
 * conditions select and the findings it makes under the filter. Never throws for a bad rule:
 * each problem (malformed, or refused by DuckDB when run) is one entry of `errors`.
 */
export async function checkRules(
  store: ArchiveStore,
  text: string,
  filter?: EventFilter,
): Promise<RuleCheck> {
  const { rules, problems } = parseRules(text);
  const errors: RuleProblem[] = [...problems];
  const out: RuleCheck['rules'] = [];
  await withSelection(store, filter, async (source) => {
    for (const rule of rules) {
      try {
        const matches = await countMatches(store, source, rule);
        const findings = await runRule(store, source, rule, DEFAULT_DETECTOR_SETTINGS.maxEvidence);
        out.push({ id: rule.id, title: rule.title, matches, findings: findings.length });
      } catch (err) {
        if (!(err instanceof ChronoscopeError)) throw err;
        errors.push({ rule: rule.id, field: '', message: err.message.replace(/^rule "[^"]*": /, '') });
      }
    }
  });
  return { ok: errors.length === 0, errors, rules: out };
}
