/**
 * The one error class of every layer. `code` is a closed union so that the command line
 * can map it to an exit code and the studio to a message, without parsing text.
 */
export type ErrorCode =
  | 'BAD_ARGUMENT' // the caller asked for something malformed (exit 3)
  | 'NOT_FOUND' // a named file or entity does not exist (exit 2)
  | 'UNKNOWN_FORMAT' // the input is not an export of any known system (exit 2)
  | 'UNREADABLE' // the input exists but cannot be read: truncated, corrupt, wrong encoding (exit 2)
  | 'UNSAFE_ARCHIVE' // an entry escapes the archive, or the archive expands beyond the limits (exit 2)
  | 'QUERY_FAILED' // SQL the user wrote did not run (exit 2)
  | 'CANCELLED'
  | 'INTERNAL';

export interface ErrorData {
  /** The file at fault, as the user named it (with `!entry` for a zip member). */
  file?: string;
  /** 1-based line (or data row for CSV) inside that file. */
  line?: number;
  [key: string]: unknown;
}

export class ChronoscopeError extends Error {
  override readonly name = 'ChronoscopeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly data: ErrorData = {},
  ) {
    super(message);
  }
}

export function isChronoscopeError(value: unknown): value is ChronoscopeError {
  return value instanceof ChronoscopeError;
}
