import type { z } from 'zod';
import { ChronoscopeError, isChronoscopeError, issuePath } from '../../../core/src/index.js';
import type { WireError } from '../../../core/src/index.js';

// Where a zod issue is, as a person reads it: core's, shared with the studio.
export { issuePath };

/** Params that break the contract: every issue named by its path, e.g. `events.page: params.limit: Too big…`. */
export function paramsError(method: string, error: z.ZodError): ChronoscopeError {
  const issues = error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
  const text = issues.map((i) => `params${i.path === '' ? '' : `.${i.path}`}: ${i.message}`).join('; ');
  return new ChronoscopeError('BAD_ARGUMENT', `${method}: ${text}`, { issues });
}

export function cancelled(method: string): ChronoscopeError {
  return new ChronoscopeError('CANCELLED', `${method} was cancelled`);
}

/** DuckDB's words when `connection.interrupt()` stopped a query. */
function isInterrupt(err: unknown): boolean {
  return err instanceof Error && /^INTERRUPT Error/.test(err.message);
}

/**
 * What crosses the wire for a failed call: a ChronoscopeError keeps its code and data;
 * anything else is INTERNAL with its first line only (no stack: it would tell the page
 * about our files and nothing the investigator can act on).
 */
export function toWireError(method: string, err: unknown, aborted: boolean): WireError {
  if (aborted || isInterrupt(err)) return { code: 'CANCELLED', message: `${method} was cancelled` };
  if (isChronoscopeError(err)) {
    return Object.keys(err.data).length > 0
      ? { code: err.code, message: err.message, data: { ...err.data } }
      : { code: err.code, message: err.message };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `${method}: ${text.split('\n')[0] ?? 'failed'}` };
}
