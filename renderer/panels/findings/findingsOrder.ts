import { SEVERITIES } from '../../../analysis/core/src/index.js';
import type { EventFilterParams, FindingShape } from '../../../analysis/core/src/index.js';

/** Most severe first, then highest score, then earliest. */
export function orderFindings(findings: readonly FindingShape[]): FindingShape[] {
  const rank = (f: FindingShape): number => SEVERITIES.indexOf(f.severity);
  return [...findings].sort((a, b) => rank(b) - rank(a) || b.score - a.score || a.from.localeCompare(b.from));
}

/**
 * The filter findings are computed under: the shared one without `seqs`. Landing on a
 * finding's evidence sets `seqs`; running the detectors over only that evidence would replace
 * the list the investigator came from with something else.
 */
export function detectorFilter(filter: EventFilterParams): EventFilterParams {
  const { seqs: _seqs, ...rest } = filter;
  return rest;
}

/** The contract's limit on `seqs`: evidence longer than that lands on its first events. */
export const MAX_EVIDENCE = 100_000;
