import { isChronoscopeError } from '../../../core/src/index.js';

/** Exit codes of shared/spec/cli.md. */
export const EXIT = {
  ok: 0,
  /** The command ran and found what it exists to find (tampering, a matched rule). */
  found: 1,
  /** The input could not be used. */
  input: 2,
  /** Bad arguments. */
  usage: 3,
} as const;

export function exitCodeFor(err: unknown): number {
  if (isChronoscopeError(err)) return err.code === 'BAD_ARGUMENT' ? EXIT.usage : EXIT.input;
  return EXIT.input;
}

/** One clear line on stderr: the file (and line) and the reason, never a stack trace. */
export function describeError(err: unknown): string {
  if (isChronoscopeError(err)) return `chronoscope: ${err.message}`;
  const message = err instanceof Error ? err.message : String(err);
  return `chronoscope: internal error: ${message.split('\n')[0]}`;
}
