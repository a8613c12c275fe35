import { builtinRules, checkRules, DETECTOR_DOCS, listRules } from '../../../../engine/src/index.js';
import { engineOnlyFilter } from '../sql/filterSql.js';
import { onLane } from './types.js';
import type { Handlers } from './types.js';

/** Rules as data (YAML or JSON detectors, engine/src/rules) and the detectors' documentation. */
export const rulesHandlers: Handlers<'analyze.detectors' | 'rules.list' | 'rules.check'> = {
  /**
   * What each detector computes, then each built-in rule under the id `analyze` gives its
   * findings (`rule:<id>`): the studio's help explains every line of an analysis.
   */
  'analyze.detectors': async () => [
    ...DETECTOR_DOCS.map((d) => ({ id: d.id, title: d.title, statistic: d.statistic })),
    ...builtinRules().map((r) => ({
      id: `rule:${r.id}`,
      title: r.title,
      statistic: r.description ?? r.title,
    })),
  ],

  /** The built-in rules (assets/rules), with their text. */
  'rules.list': async () => listRules(),

  /** Validates rule text and counts each rule's matches and findings under the filter: a long call, on the work lane. */
  'rules.check': (params, ctx) => {
    const filter = engineOnlyFilter(ctx.method, params.filter);
    return onLane(ctx, params.archive, 'work', (store) => checkRules(store, params.text, filter));
  },
};
