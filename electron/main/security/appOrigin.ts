import { APP_HOST, APP_SCHEME } from '../../common/index.js';

/**
 * Whether a URL belongs to the app's own origin (`app://chronoscope/...`). Compared by
 * scheme and host, never by `URL.origin`: Node gives custom schemes an opaque origin.
 */
export function isAppUrl(url: string | undefined): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export function parseUrl(url: string | undefined): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
