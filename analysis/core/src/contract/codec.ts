import type { ClientMessage, ServiceMessage } from './envelope.js';

/**
 * Frames for transports that carry text or bytes (WebSocket). A message without binary
 * fields is a JSON text frame. One that holds Arrow bytes is a binary frame, so the tables
 * are never turned into JSON: `u32 headerLength, header JSON (each Uint8Array replaced by
 * {"$bytes": i}), then per attachment u32 length and its bytes` (little-endian). The IPC
 * transport needs none of this: structured clone carries Uint8Array as it is.
 */
export type Frame = string | Uint8Array;

const MARK = '$bytes';

export function encodeFrame(message: ClientMessage | ServiceMessage): Frame {
  const attachments: Uint8Array[] = [];
  const header = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      attachments.push(value);
      return { [MARK]: attachments.length - 1 };
    }
    return value;
  });
  if (attachments.length === 0) return header;
  const head = new TextEncoder().encode(header);
  let size = 4 + head.length;
  for (const a of attachments) size += 4 + a.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, head.length, true);
  out.set(head, 4);
  let at = 4 + head.length;
  for (const a of attachments) {
    view.setUint32(at, a.length, true);
    out.set(a, at + 4);
    at += 4 + a.length;
  }
  return out;
}

export function decodeFrame(frame: Frame): unknown {
  if (typeof frame === 'string') return JSON.parse(frame);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headLength = view.getUint32(0, true);
  if (4 + headLength > frame.length) throw new Error('frame: header runs past the end');
  const header = new TextDecoder().decode(frame.subarray(4, 4 + headLength));
  const attachments: Uint8Array[] = [];
  let at = 4 + headLength;
  while (at < frame.length) {
    const length = view.getUint32(at, true);
    if (at + 4 + length > frame.length) throw new Error('frame: attachment runs past the end');
    attachments.push(frame.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return JSON.parse(header, (_key, value: unknown) => {
    if (value && typeof value === 'object' && MARK in value) {
      const index = (value as Record<string, unknown>)[MARK];
      const bytes = typeof index === 'number' ? attachments[index] : undefined;
      if (!bytes) throw new Error(`frame: missing attachment ${String(index)}`);
      return bytes;
    }
    return value;
  });
}
