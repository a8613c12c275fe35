import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$CHRONOSCOPE_CACHE`, else `$XDG_CACHE_HOME/chronoscope`, else `~/.cache/chronoscope`. */
export function defaultCacheDir(): string {
  const env = process.env;
  if (env['CHRONOSCOPE_CACHE']) return env['CHRONOSCOPE_CACHE'];
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'chronoscope');
}

/** Bump when the layout of a cached database changes: old caches are then re-imported. */
export const CACHE_FORMAT = 1;

export function cacheFileName(sha256: string, systemOverride?: string): string {
  return `${sha256}${systemOverride ? `.${systemOverride}` : ''}.v${CACHE_FORMAT}.duckdb`;
}
