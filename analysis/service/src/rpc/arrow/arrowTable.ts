import { Bool, Float64, Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import { TextEncoder } from 'node:util';

/** The three Arrow types the studio's tables use (see core's REPLAY_EVENT_COLUMNS). */
export type ArrowKind = 'f64' | 'utf8' | 'bool';

export interface ArrowColumn {
  name: string;
  kind: ArrowKind;
  /** One value per row; null (or undefined) is an Arrow null. */
  values: ArrayLike<unknown>;
}

/**
 * Columns as Arrow IPC stream bytes. The buffers are filled directly rather than through
 * apache-arrow's generic builders: a replay window can hold a million rows, and building
 * the buffers by hand is several times faster than a builder per value.
 */
export function arrowBytes(columns: readonly ArrowColumn[]): Uint8Array<ArrayBuffer> {
  const vectors: Record<string, Vector> = {};
  for (const column of columns) vectors[column.name] = toVector(column);
  // tableToIPC writes into a fresh ArrayBuffer of its own (never a shared one).
  return tableToIPC(new Table(vectors), 'stream') as Uint8Array<ArrayBuffer>;
}

function toVector(column: ArrowColumn): Vector {
  switch (column.kind) {
    case 'f64':
      return float64Vector(column.values);
    case 'bool':
      return boolVector(column.values);
    case 'utf8':
      return utf8Vector(column.values);
  }
}

class NullMap {
  readonly bits: Uint8Array;
  count = 0;
  constructor(length: number) {
    this.bits = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
  }
  setNull(i: number): void {
    this.bits[i >> 3]! &= ~(1 << (i & 7));
    this.count++;
  }
}

function float64Vector(values: ArrayLike<unknown>): Vector {
  const length = values.length;
  const data = new Float64Array(length);
  const nulls = new NullMap(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls.setNull(i);
    else data[i] = typeof v === 'number' ? v : Number(v);
  }
  return makeVector(
    makeData({
      type: new Float64(),
      length,
      nullCount: nulls.count,
      nullBitmap: nulls.count > 0 ? nulls.bits : null,
      data,
    }),
  );
}

function boolVector(values: ArrayLike<unknown>): Vector {
  const length = values.length;
  const data = new Uint8Array(Math.ceil(length / 8));
  const nulls = new NullMap(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls.setNull(i);
    else if (v === true) data[i >> 3]! |= 1 << (i & 7);
  }
  return makeVector(
    makeData({
      type: new Bool(),
      length,
      nullCount: nulls.count,
      nullBitmap: nulls.count > 0 ? nulls.bits : null,
      data,
    }),
  );
}

const encoder = new TextEncoder();

function utf8Vector(values: ArrayLike<unknown>): Vector {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  const nulls = new NullMap(length);
  let bytes = new Uint8Array(Math.max(64, length * 16));
  let at = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls.setNull(i);
    else {
      const text = typeof v === 'string' ? v : String(v);
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (at + text.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, at + text.length * 3));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
      at += encoder.encodeInto(text, bytes.subarray(at)).written;
    }
    offsets[i + 1] = at;
  }
  return makeVector(
    makeData({
      type: new Utf8(),
      length,
      nullCount: nulls.count,
      nullBitmap: nulls.count > 0 ? nulls.bits : null,
      valueOffsets: offsets,
      data: bytes.subarray(0, at),
    }),
  );
}
