import { Bool, Float64, makeData, makeVector, Utf8 } from 'apache-arrow';
import type { Vector } from 'apache-arrow';

/**
 * Arrow columns built from their buffers. apache-arrow's `vectorFromArray` goes through a
 * builder value by value, which made a window of 20,000 events cost seconds; here a text
 * column is one UTF-8 encode of all its values and an offsets array.
 */

export function utf8Column(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const valid = new Uint8Array((n + 7) >> 3);
  const parts: string[] = [];
  let nulls = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls++;
    else {
      valid[i >> 3] = (valid[i >> 3] as number) | (1 << (i & 7));
      parts.push(v);
      bytes += Buffer.byteLength(v, 'utf8');
    }
    offsets[i + 1] = bytes;
  }
  let data: Uint8Array = Buffer.from(parts.join(''), 'utf8');
  // Joining can pair a lone surrogate at one value's end with one at the next's start: encode apart.
  if (data.byteLength !== bytes) data = Buffer.concat(parts.map((p) => Buffer.from(p, 'utf8')));
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount: nulls,
      nullBitmap: valid,
      valueOffsets: offsets,
      data,
    }),
  );
}

export function float64Column(values: readonly (number | null)[]): Vector<Float64> {
  const n = values.length;
  const data = new Float64Array(n);
  const valid = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls++;
    else {
      data[i] = v;
      valid[i >> 3] = (valid[i >> 3] as number) | (1 << (i & 7));
    }
  }
  return makeVector(makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: valid, data }));
}

export function boolColumn(values: readonly boolean[]): Vector<Bool> {
  const n = values.length;
  const data = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i]) data[i >> 3] = (data[i >> 3] as number) | (1 << (i & 7));
  return makeVector(makeData({ type: new Bool(), length: n, nullCount: 0, data }));
}
