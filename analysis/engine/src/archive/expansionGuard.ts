import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { ImportLimits } from './limits.js';

/** Shared across one import: every decompressed byte counts against one total. */
export class ExpansionBudget {
  used = 0;
  constructor(readonly limits: ImportLimits) {}
}

/**
 * Counts bytes coming out of a decompressor and stops the stream when the output grows
 * beyond the import's total or beyond `maxExpansionRatio` times its compressed size. Sizes
 * declared in headers are not trusted: the count is of bytes actually produced.
 */
export function expansionGuard(display: string, compressedBytes: number, budget: ExpansionBudget): Transform {
  let produced = 0;
  const { limits } = budget;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      produced += chunk.length;
      budget.used += chunk.length;
      if (budget.used > limits.maxExpandedBytes) {
        callback(
          new ChronoscopeError(
            'UNSAFE_ARCHIVE',
            `${display}: expands beyond ${limits.maxExpandedBytes} bytes in all; refusing (zip bomb?)`,
            { file: display },
          ),
        );
        return;
      }
      if (produced > limits.ratioGraceBytes && produced > compressedBytes * limits.maxExpansionRatio) {
        callback(
          new ChronoscopeError(
            'UNSAFE_ARCHIVE',
            `${display}: expands more than ${limits.maxExpansionRatio}x its compressed size; refusing (zip bomb?)`,
            { file: display },
          ),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}
