import { scaleSequential } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import type { Heatmap } from '../analytics/heatmaps.js';
import { count, esc } from './escapeHtml.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CELL = 26;
const LEFT = 40;
const TOP = 20;

/** Hour of day × weekday (UTC) as an inline SVG grid; each cell's count is in its title. */
export function heatmapChart(h: Heatmap<number, number>): string {
  const colour = scaleSequential(interpolateBlues).domain([0, Math.max(1, h.max)]);
  const counts = new Map(h.cells.map((c) => [`${c.row}:${c.col}`, c.count]));
  const width = LEFT + 24 * CELL + 8;
  const height = TOP + 7 * CELL + 8;
  const cells: string[] = [];
  for (let d = 0; d < 7; d++) {
    for (let hour = 0; hour < 24; hour++) {
      const n = counts.get(`${d}:${hour}`) ?? 0;
      const fill = n === 0 ? '#f4f5f7' : colour(0.12 * h.max + 0.88 * n);
      cells.push(
        `<rect x="${LEFT + hour * CELL}" y="${TOP + d * CELL}" width="${CELL - 2}" height="${CELL - 2}" fill="${fill}"><title>${DAYS[d]} ${String(hour).padStart(2, '0')}:00 UTC: ${esc(count(n))} events</title></rect>`,
      );
    }
  }
  const hours = Array.from({ length: 24 }, (_, hour) =>
    hour % 3 === 0
      ? `<text x="${LEFT + hour * CELL + (CELL - 2) / 2}" y="${TOP - 6}" text-anchor="middle">${String(hour).padStart(2, '0')}</text>`
      : '',
  );
  const days = DAYS.map(
    (d, i) =>
      `<text x="${LEFT - 6}" y="${TOP + i * CELL + CELL / 2}" dy="0.32em" text-anchor="end">${d}</text>`,
  );
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Events by hour and weekday">
<title>Events by hour of day and weekday (UTC); darkest: ${esc(count(h.max))}</title>
${hours.join('')}${days.join('')}
${cells.join('\n')}
</svg>`;
}
