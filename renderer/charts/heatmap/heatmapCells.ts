import { tableFromIPC } from 'apache-arrow';

/** One non-empty heatmap cell: row and column indices into the result's labels, and its count. */
export interface HeatmapCell {
  r: number;
  c: number;
  n: number;
}

/**
 * Decodes the Arrow cells (`r`, `c`, `n`) of an `analytics.heatmap` result. DuckDB counts
 * arrive as BIGINT (bigint in JS); a heatmap count always fits a double.
 */
export function decodeHeatmapCells(bytes: Uint8Array): HeatmapCell[] {
  const table = tableFromIPC(bytes);
  const r = table.getChild('r');
  const c = table.getChild('c');
  const n = table.getChild('n');
  if (!r || !c || !n) return [];
  const cells: HeatmapCell[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const count = Number(n.get(i));
    if (count > 0) cells.push({ r: Number(r.get(i)), c: Number(c.get(i)), n: count });
  }
  return cells;
}
