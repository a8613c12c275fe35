import { tableFromIPC } from 'apache-arrow';

/** A density series decoded from `timeline.density`'s Arrow table. */
export interface DensitySeries {
  /** Bucket starts, ms since the epoch. */
  t: Float64Array;
  n: Float64Array;
  bucketMs: number;
  max: number;
}

export function decodeDensity(bytes: Uint8Array, bucketMs: number): DensitySeries {
  const table = tableFromIPC(bytes);
  const tCol = table.getChild('t');
  const nCol = table.getChild('n');
  const rows = table.numRows;
  const t = new Float64Array(rows);
  const n = new Float64Array(rows);
  let max = 0;
  for (let i = 0; i < rows; i++) {
    t[i] = Number(tCol?.get(i) ?? 0);
    const count = Number(nCol?.get(i) ?? 0);
    n[i] = count;
    if (count > max) max = count;
  }
  return { t, n, bucketMs, max };
}
