import type { SystemId } from '../../../core/src/index.js';
import type { SourceAdapter } from './types.js';
import { descendantsAdapter } from './descendants.js';
import { qcsAdapter } from './qcs.js';
import { blockchainAdapter } from './blockchain.js';
import { wedsyncAdapter } from './wedsync.js';
import { robotCyclesAdapter } from './robotCycles.js';

/** Every source system Chronoscope opens. Detection asks each in turn. */
export const ADAPTERS: readonly SourceAdapter[] = [
  descendantsAdapter,
  qcsAdapter,
  blockchainAdapter,
  wedsyncAdapter,
  robotCyclesAdapter,
];

export function adapterFor(system: SystemId): SourceAdapter | undefined {
  return ADAPTERS.find((a) => a.id === system);
}
