import { useEffect, useRef, useState } from 'react';
import { isChronoscopeError } from '../../analysis/core/src/index.js';
import type { MethodName, ParamsOf, ResultOf } from '../../analysis/core/src/index.js';
import { useStudio } from './studioStore.js';

export interface CallState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** True for the rejection of a call that a newer one superseded: not an error to show. */
export function isCancelled(error: unknown): boolean {
  return isChronoscopeError(error) && error.code === 'CANCELLED';
}

export function errorText(error: unknown): string {
  if (isChronoscopeError(error)) {
    const where = error.data.file
      ? ` (${error.data.file}${error.data.line ? `:${error.data.line}` : ''})`
      : '';
    return `${error.message}${where}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Results of slow, deterministic calls (a verify, a detector run) kept for the session, so
 * coming back to a panel does not run them again. An archive's id is its sha256, so a key
 * never outlives the data it describes.
 */
const RESULTS = new Map<string, unknown>();
const MAX_RESULTS = 64;

function remember(key: string, value: unknown): void {
  RESULTS.set(key, value);
  if (RESULTS.size > MAX_RESULTS) {
    const oldest = RESULTS.keys().next().value;
    if (oldest !== undefined) RESULTS.delete(oldest);
  }
}

/** Forgets the kept results of one method (after something changes them: a new annotation changes the markers). */
export function forgetResults(method: MethodName): void {
  for (const key of [...RESULTS.keys()]) if (key.startsWith(`${method} `)) RESULTS.delete(key);
}

/**
 * Calls one contract method whenever its params change (compared as JSON) and keeps the last
 * result. A superseded call is aborted, so a fast brush never leaves stale answers arriving
 * late. `params` null means "not now" (no archive yet).
 */
export function useCall<M extends MethodName>(
  method: M,
  params: ParamsOf<M> | null,
  options: { cache?: boolean } = {},
): CallState<ResultOf<M>> {
  const client = useStudio((s) => s.client);
  const key = params === null ? null : JSON.stringify(params);
  const cacheKey = options.cache && key !== null ? `${method} ${key}` : null;
  const cached = cacheKey ? (RESULTS.get(cacheKey) as ResultOf<M> | undefined) : undefined;
  // `key` says which params the state answers: a render with new params counts as loading at
  // once, before the effect below has run.
  const [state, setState] = useState<CallState<ResultOf<M>> & { key: string | null }>({
    data: null,
    error: null,
    loading: false,
    key: null,
  });
  const paramsRef = useRef(params);
  paramsRef.current = params;

  useEffect(() => {
    if (!client || key === null || paramsRef.current === null) {
      setState({ data: null, error: null, loading: false, key });
      return;
    }
    if (cacheKey && RESULTS.has(cacheKey)) {
      setState({ data: RESULTS.get(cacheKey) as ResultOf<M>, error: null, loading: false, key });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null, key }));
    client.call(method, paramsRef.current, { signal: controller.signal }).then(
      (data) => {
        if (cacheKey) remember(cacheKey, data);
        if (!controller.signal.aborted) setState({ data, error: null, loading: false, key });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isCancelled(error))
          setState({ data: null, error: errorText(error), loading: false, key });
      },
    );
    return () => controller.abort();
  }, [client, method, key, cacheKey]);

  if (cached !== undefined) return { data: cached, error: null, loading: false };
  return {
    data: state.data,
    error: state.error,
    loading: key !== null && (state.loading || state.key !== key),
  };
}
