/**
 * Text from the evidence as HTML or SVG text and attribute values. Everything an archive
 * holds is hostile until proven otherwise (an actor may be named `<img src=x onerror=…>`),
 * so every value goes through here and the report carries no script to be tricked.
 */
export function esc(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A long value cut for a table cell; the whole value stays in the cell's title. */
export function clipped(value: unknown, max = 80): string {
  const text = value === null || value === undefined ? '' : String(value);
  if (text.length <= max) return esc(text);
  return `<span title="${esc(text)}">${esc(text.slice(0, max - 1))}…</span>`;
}

export function count(n: number): string {
  return n.toLocaleString('en');
}
