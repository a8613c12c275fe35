import { ChronoscopeError } from '../../../../core/src/index.js';
import { checkRules, listRules } from '../../../../engine/src/index.js';
import { engineOnlyFilter } from '../sql/filterSql.js';
import { onLane } from './types.js';
import type { Handlers } from './types.js';

/**
 * Rules as data (YAML or JSON detectors, engine/src/rules). `analyze.detectors` needs the
 * detectors' documentation (`DETECTOR_DOCS`), which the engine does not export yet: until
 * it does, the method says so plainly instead of answering an empty list a panel would
 * take for "no detectors".
 */
export const rulesHandlers: Handlers<'analyze.detectors' | 'rules.list' | 'rules.check'> = {
  'analyze.detectors': async () => {
    throw new ChronoscopeError(
      'INTERNAL',
      'rules: not available yet (the engine exports no detector documentation)',
    );
  },

  /** The built-in rules (assets/rules), with their text. */
  'rules.list': async () => listRules(),

  /** Validates rule text and counts each rule's matches and findings under the filter: a long call, on the work lane. */
  'rules.check': (params, ctx) => {
    const filter = engineOnlyFilter(ctx.method, params.filter);
    return onLane(ctx, params.archive, 'work', (store) => checkRules(store, params.text, filter));
  },
};
