import { ChronoscopeError } from './errors.js';

/** A point in an archive: an instant, or a position in the global event order (`seq:N`). */
export type TimeSpec = { kind: 'time'; iso: string; epochMs: number } | { kind: 'seq'; seq: number };

const SEQ = /^seq:(\d+)$/;
// ISO 8601 date, optional time with fraction and offset; a time without an offset is UTC.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseTimeSpec(text: string, option = 'time'): TimeSpec {
  const seq = SEQ.exec(text);
  if (seq) return { kind: 'seq', seq: Number(seq[1]) };
  if (!ISO.test(text)) {
    throw new ChronoscopeError('BAD_ARGUMENT', `${option}: "${text}" is neither ISO 8601 nor seq:N`);
  }
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const normalised = text.replace(' ', 'T') + (hasOffset || text.length === 10 ? '' : 'Z');
  const epochMs = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : normalised);
  if (Number.isNaN(epochMs))
    throw new ChronoscopeError('BAD_ARGUMENT', `${option}: "${text}" is not a valid date`);
  return { kind: 'time', iso: new Date(epochMs).toISOString(), epochMs };
}
