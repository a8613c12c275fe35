import { parseUrl } from './appOrigin.js';

/**
 * The only pages `shell.openExternal` may open, in the system browser: https, exact host,
 * path prefix. Documentation the studio links to; extend here (and its test) when a panel
 * needs another.
 */
export const EXTERNAL_ALLOW_LIST: ReadonlyArray<{ host: string; pathPrefix: string }> = [
  { host: 'duckdb.org', pathPrefix: '/docs/' },
];

export function isAllowedExternal(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return EXTERNAL_ALLOW_LIST.some(
    (entry) => parsed.hostname === entry.host && parsed.pathname.startsWith(entry.pathPrefix),
  );
}
