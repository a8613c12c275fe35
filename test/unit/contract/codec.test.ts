import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../analysis/core/src/index.js';
import type { ServiceMessage } from '../../../analysis/core/src/index.js';

describe('WebSocket frame codec', () => {
  it('sends a message without bytes as a JSON text frame', () => {
    const frame = encodeFrame({ v: 1, id: 7, method: 'archive.demos', params: {} });
    expect(typeof frame).toBe('string');
    expect(decodeFrame(frame)).toEqual({ v: 1, id: 7, method: 'archive.demos', params: {} });
  });

  it('carries Arrow bytes as binary attachments, byte for byte, wherever they sit', () => {
    const a = Uint8Array.from([0, 1, 2, 255]);
    const b = new Uint8Array(70_000).map((_, i) => i % 251);
    const message: ServiceMessage = {
      id: 3,
      ok: true,
      result: { offset: 0, table: a, nested: [{ more: b }], text: 'ü $bytes' },
    };
    const frame = encodeFrame(message);
    expect(frame).toBeInstanceOf(Uint8Array);
    const back = decodeFrame(frame) as {
      result: { table: Uint8Array; nested: { more: Uint8Array }[]; text: string };
    };
    expect(Array.from(back.result.table)).toEqual([0, 1, 2, 255]);
    expect(back.result.nested[0]!.more).toEqual(b);
    expect(back.result.text).toBe('ü $bytes');
  });

  it('refuses a binary frame whose lengths run past its end', () => {
    const frame = encodeFrame({
      id: 1,
      ok: true,
      result: { table: Uint8Array.from([1, 2, 3]) },
    }) as Uint8Array;
    expect(() => decodeFrame(frame.subarray(0, frame.length - 1))).toThrow(/past the end/);
  });
});
