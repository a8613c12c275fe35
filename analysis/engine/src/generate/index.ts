import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { SystemId } from '../../../core/src/index.js';
import type { GenerateOptions, GenerateSummary, SystemGenerator } from './types.js';
import { DEFAULT_START_MS } from './types.js';
import { generateDescendants } from './descendants.js';
import { generateQcs } from './qcs.js';
import { generateBlockchain } from './blockchain.js';
import { generateWedsync } from './wedsync.js';
import { generateRobotCycles } from './robotCycles.js';

const GENERATORS: Record<SystemId, SystemGenerator> = {
  descendants: generateDescendants,
  qcs: generateQcs,
  blockchain: generateBlockchain,
  wedsync: generateWedsync,
  'robot-cycles': generateRobotCycles,
};

/** Writes a synthetic export of one system into `options.out`, plus `ground-truth.json`. */
export async function generateExport(options: GenerateOptions): Promise<GenerateSummary> {
  if (!Number.isInteger(options.events) || options.events < 1) {
    throw new ChronoscopeError('BAD_ARGUMENT', `--events must be a positive integer, got ${options.events}`);
  }
  await mkdir(options.out, { recursive: true });
  const result = await GENERATORS[options.system]({
    ...options,
    startMs: options.startMs ?? DEFAULT_START_MS,
  });
  await writeFile(join(options.out, 'ground-truth.json'), JSON.stringify(result.groundTruth, null, 2) + '\n');
  return {
    system: options.system,
    out: options.out,
    files: result.files,
    events: result.events,
    incidents: result.groundTruth.incidents.length,
  };
}
