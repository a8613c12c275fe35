import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/** One thing in the renderer build that could reach the network or run text as code. */
export interface Finding {
  file: string;
  rule: string;
  excerpt: string;
}

/**
 * Library code that mentions Function but is harmless under our CSP, matched exactly (as
 * minified by Vite) and blanked before the scan. zod 4 probes whether eval is allowed
 * (`try{return Function("")...}`) and only then compiles its fast object parser with
 * `new Function`; the CSP has no 'unsafe-eval', so the probe fails and the compiler never runs.
 */
export const HARMLESS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'zod allowsEval probe', pattern: /try\{return Function\(``\),!0\}catch\{return!1\}/g },
  {
    name: 'zod Doc.compile (runs only when the probe succeeds)',
    pattern: /compile\(\)\{let ([\w$]+)=Function,([\w$]+)=this\?\.content\?\?\[``\];return new \1\(/g,
  },
];

const REMOTE = String.raw`(?:https?:)?\/\/`;
const HTML_RULES: ReadonlyArray<[string, RegExp]> = [
  ['remote script', new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${REMOTE}`, 'gi')],
  ['remote link', new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${REMOTE}`, 'gi')],
  [
    'remote frame or image',
    new RegExp(String.raw`<(?:iframe|img|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?${REMOTE}`, 'gi'),
  ],
  ['inline script', /<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/gi],
];
const CSS_RULES: ReadonlyArray<[string, RegExp]> = [
  ['remote url() in CSS', new RegExp(String.raw`url\(\s*["']?${REMOTE}`, 'gi')],
  ['remote @import in CSS', new RegExp(String.raw`@import\s+["']${REMOTE}`, 'gi')],
];
const QUOTE = '["\'`]';
const JS_RULES: ReadonlyArray<[string, RegExp]> = [
  ['fetch of a remote URL', new RegExp(String.raw`\bfetch\s*\(\s*${QUOTE}${REMOTE}`, 'g')],
  ['import() of a remote URL', new RegExp(String.raw`\bimport\s*\(\s*${QUOTE}${REMOTE}`, 'g')],
  ['importScripts of a remote URL', new RegExp(String.raw`\bimportScripts\s*\(\s*${QUOTE}${REMOTE}`, 'g')],
  ['remote WebSocket', new RegExp(String.raw`\bWebSocket\s*\(\s*${QUOTE}wss?:\/\/`, 'g')],
  ['eval(', /(?:^|[^\w$.])eval\s*\(/g],
  ['new Function(', /\bnew\s+Function\s*\(/g],
  ['Function( called', /(?<![\w$.])(?<!\bnew\s+)Function\s*\(/g],
  ['Function aliased', /[=,(:?]\s*Function\s*[,;)]/g],
];

export function scanText(file: string, text: string): Finding[] {
  const kind = extname(file).toLowerCase();
  let body = text;
  let rules: ReadonlyArray<[string, RegExp]> = [];
  if (kind === '.html') rules = HTML_RULES;
  else if (kind === '.css') rules = CSS_RULES;
  else if (kind === '.js' || kind === '.mjs') {
    rules = JS_RULES;
    for (const { pattern } of HARMLESS) body = body.replace(pattern, (m) => ' '.repeat(m.length));
  }
  const findings: Finding[] = [];
  for (const [rule, pattern] of rules) {
    for (const match of body.matchAll(pattern)) {
      const at = match.index;
      findings.push({ file, rule, excerpt: text.slice(Math.max(0, at - 40), at + 60) });
    }
  }
  return findings;
}

/** Every HTML, CSS and JS file of a build (source maps left out: they are not loaded). */
export function scanBuild(dir: string): Finding[] {
  const out: Finding[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(html|css|m?js)$/i.test(entry.name)) {
        out.push(...scanText(relative(dir, path), readFileSync(path, 'utf8')));
      }
    }
  };
  walk(dir);
  return out;
}
