import { useEffect, useRef, useState } from 'react';
import { isChronoscopeError } from '../../../analysis/core/src/index.js';

export interface CallState<T> {
  data: T | null;
  loading: boolean;
  /** The service's message, shown inline where the chart would be. */
  error: string | null;
}

/**
 * Runs `fetcher` when `key` changes, after `delayMs` of quiet (typing, brushing and clicking
 * change the filter in bursts), and aborts the call it supersedes so a slow answer to an old
 * filter never overwrites the new one. `key` is what the fetch depends on, as a string
 * (JSON of the params); `fetcher` null means nothing to fetch (no archive).
 */
export function useFilteredCall<T>(
  key: string,
  fetcher: ((signal: AbortSignal) => Promise<T>) | null,
  delayMs = 200,
): CallState<T> {
  const [state, setState] = useState<CallState<T>>({ data: null, loading: fetcher !== null, error: null });
  // The fetcher is a new closure every render; `key` says when what it fetches has changed.
  const latest = useRef(fetcher);
  latest.current = fetcher;
  const enabled = fetcher !== null;
  useEffect(() => {
    const fetcher = latest.current;
    if (!enabled || !fetcher) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    const timer = setTimeout(() => {
      fetcher(controller.signal).then(
        (data) => {
          if (!controller.signal.aborted) setState({ data, loading: false, error: null });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (isChronoscopeError(error) && error.code === 'CANCELLED') return;
          setState({ data: null, loading: false, error: errorText(error) });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, enabled, delayMs]);
  return state;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
