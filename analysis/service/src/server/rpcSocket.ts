import type { WebSocket } from 'ws';
import { decodeFrame, encodeFrame } from '../../../core/src/index.js';
import type { ServiceMessage } from '../../../core/src/index.js';
import type { Dispatcher } from '../rpc/index.js';

/**
 * One studio page's WebSocket, bridged to the dispatcher: frames in are decoded (JSON text,
 * or binary with Arrow attachments) and handed over with this socket's `send`; replies and
 * pushes go back encoded the same way. When the page goes, its running calls are cancelled.
 */
export function bridgeSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const send = (message: ServiceMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(encodeFrame(message));
  };
  socket.on('message', (data, isBinary) => {
    let message: unknown;
    try {
      message = decodeFrame(isBinary ? toBytes(data) : data.toString());
    } catch (err) {
      // Not a frame at all: nobody to answer by id; say why and drop the connection.
      socket.close(1007, `bad frame: ${(err as Error).message}`.slice(0, 120));
      return;
    }
    dispatcher.handle(message, send);
  });
  socket.on('close', () => dispatcher.release(send));
  socket.on('error', () => dispatcher.release(send));
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
