import type { Count } from './reportData.js';
import { count, esc } from './escapeHtml.js';

const W = 420;
const ROW = 20;
const LABEL = 200;

/** The busiest values as horizontal bars, labels and counts as text (values may be anything). */
export function barChart(title: string, items: readonly Count[]): string {
  if (items.length === 0) return `<p class="muted">${esc(title)}: none in the selection.</p>`;
  const max = Math.max(1, ...items.map((i) => i.count));
  const bar = W - LABEL - 70;
  const height = items.length * ROW + 6;
  const rows = items.map((item, i) => {
    const y = i * ROW + 3;
    const width = Math.max(1, (item.count / max) * bar);
    const label = item.key.length > 28 ? `${item.key.slice(0, 27)}…` : item.key;
    return `<g transform="translate(0,${y})"><title>${esc(item.key)}: ${esc(count(item.count))}</title><text x="${LABEL - 6}" y="${ROW / 2}" dy="0.32em" text-anchor="end">${esc(label)}</text><rect x="${LABEL}" y="2" width="${width.toFixed(1)}" height="${ROW - 5}" class="bar"/><text x="${(LABEL + width + 4).toFixed(1)}" y="${ROW / 2}" dy="0.32em">${esc(count(item.count))}</text></g>`;
  });
  return `<svg class="chart bars" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(title)}">
${rows.join('\n')}
</svg>`;
}
