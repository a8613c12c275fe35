import { decodeFrame, encodeFrame } from '../../analysis/core/src/index.js';
import type { ClientMessage, ServiceMessage, Transport } from '../../analysis/core/src/index.js';

/**
 * What WsTransport uses of a WebSocket: the browser's API, which the `ws` package's client
 * also offers (the integration tests run this same transport in Node through it).
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

const OPEN = 1;

/**
 * The contract's Transport over a WebSocket (browser mode): each message is one frame of
 * core's codec, JSON text or binary when it carries Arrow bytes, which arrive as
 * ArrayBuffers and go on to RpcClient as Uint8Array without a copy.
 */
export class WsTransport implements Transport {
  private receive: ((message: ServiceMessage) => void) | null = null;
  private closed: ((reason: string) => void) | null = null;
  private done = false;

  constructor(private readonly socket: WebSocketLike) {
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', (event) => this.deliver(event.data));
    socket.addEventListener('close', (event) =>
      this.finish(
        `the connection to the analysis service closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`,
      ),
    );
    socket.addEventListener('error', () => this.finish('the connection to the analysis service failed'));
  }

  /** Opens a socket at `url` and resolves once it is open (rejects when refused: wrong token, closed server). */
  static open(
    url: string,
    create: (url: string) => WebSocketLike = (u) => new WebSocket(u) as unknown as WebSocketLike,
  ): Promise<WsTransport> {
    return new Promise((resolve, reject) => {
      const socket = create(url);
      let settled = false;
      const transport = new WsTransport(socket);
      socket.addEventListener('open', () => {
        settled = true;
        resolve(transport);
      });
      const refuse = (): void => {
        if (settled) return;
        settled = true;
        reject(
          new Error(`cannot connect to the analysis service at ${url.replace(/token=[^&]*/, 'token=…')}`),
        );
      };
      socket.addEventListener('error', refuse);
      socket.addEventListener('close', refuse);
    });
  }

  send(message: ClientMessage): void {
    if (this.done || this.socket.readyState !== OPEN) return;
    this.socket.send(encodeFrame(message));
  }

  listen(receive: (message: ServiceMessage) => void): void {
    this.receive = receive;
  }

  onClose(closed: (reason: string) => void): void {
    this.closed = closed;
  }

  close(): void {
    if (this.done) return;
    this.socket.close(1000, 'closed by the studio');
    this.finish('the connection to the analysis service was closed');
  }

  private deliver(data: unknown): void {
    if (this.done) return;
    const frame = typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer);
    this.receive?.(decodeFrame(frame) as ServiceMessage);
  }

  private finish(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.closed?.(reason);
  }
}
