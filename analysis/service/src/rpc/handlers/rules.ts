import { ChronoscopeError } from '../../../../core/src/index.js';
import type { Handlers } from './types.js';

/**
 * Rules as data (YAML/JSON detectors) come from the engine (`listRules`, `checkRules`,
 * `DETECTOR_DOCS`), which another issue is adding. Until the engine exports them these
 * methods say so plainly instead of answering with empty lists a panel would take for "none".
 */
function notAvailable(): never {
  throw new ChronoscopeError('INTERNAL', 'rules: not available yet');
}

export const rulesHandlers: Handlers<'analyze.detectors' | 'rules.list' | 'rules.check'> = {
  'analyze.detectors': async () => notAvailable(),
  'rules.list': async () => notAvailable(),
  'rules.check': async () => notAvailable(),
};
