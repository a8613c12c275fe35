/**
 * The Content-Security-Policy the shell sends as a header on every response of the app's
 * origin. renderer/index.html carries a meta tag as well; a page gets the intersection of
 * both, so the header may only be stricter. Scripts come from the app's own files and
 * nothing else: no 'unsafe-eval', no 'unsafe-inline' scripts, no remote origins.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  // React and d3 set style attributes; styles cannot run code, scripts stay locked.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  // Electron mode talks to the service over a MessagePort, not the network.
  ['connect-src', ["'self'"]],
  ['worker-src', ["'self'", 'blob:']],
  ['media-src', ["'self'", 'blob:']],
  ['object-src', ["'none'"]],
  ['frame-src', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
];

export function contentSecurityPolicy(): string {
  return DIRECTIVES.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Directive name → its sources, for checking a policy (the header's or the meta tag's). */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** The response headers with our CSP in place of any the response carried (any casing). */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy()];
  return out;
}

/**
 * `onHeadersReceived`: every response of the app gets the CSP; the DevTools frontend (its
 * own pages, development only) keeps its own.
 */
export function responseHeaders(
  url: string,
  headers: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> {
  return url.startsWith('devtools:') ? { ...headers } : withCspHeader(headers);
}
