import { isMethodName, RpcClient } from '../../analysis/core/src/index.js';
import type {
  ClientMessage,
  MethodName,
  ServiceMessage,
  Topic,
  Transport,
  WireError,
} from '../../analysis/core/src/index.js';

/**
 * What the Electron preload puts on `window.chronoscope`: one function per contract method
 * plus `on` (electron/preload/bridgeApi.ts builds it; a unit test checks the two agree).
 * A function resolves with the reply, errors included with their code (an Error thrown
 * across the context bridge would lose it); `onCancelable` receives the call's cancel.
 */
export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: WireError };
export type BridgeMethod = (
  params: unknown,
  onCancelable?: (cancel: () => void) => void,
) => Promise<BridgeReply>;
export type ChronoscopeBridge = { readonly [M in MethodName]: BridgeMethod } & {
  on(topic: Topic, handler: (payload: unknown) => void): () => void;
};

/** The preload's API when the page runs in the desktop shell; null in browser mode. */
export function findBridge(scope: object = globalThis): ChronoscopeBridge | null {
  const bridge = (scope as { chronoscope?: unknown }).chronoscope;
  return typeof bridge === 'object' &&
    bridge !== null &&
    typeof (bridge as { on?: unknown }).on === 'function'
    ? (bridge as ChronoscopeBridge)
    : null;
}

/**
 * The contract's Transport over the preload's functions: each request becomes a call of
 * the function of its method, each reply goes back to RpcClient under the request's id,
 * and a cancel runs the cancel function that call handed out.
 */
export class IpcTransport implements Transport {
  private receive: ((message: ServiceMessage) => void) | null = null;
  private closed: ((reason: string) => void) | null = null;
  private readonly cancels = new Map<number, () => void>();
  private open = true;

  constructor(private readonly bridge: ChronoscopeBridge) {}

  send(message: ClientMessage): void {
    if (!this.open) return;
    if ('type' in message) {
      this.cancels.get(message.id)?.();
      return;
    }
    const { id, method, params } = message;
    if (!isMethodName(method)) {
      this.deliver({ id, ok: false, error: { code: 'BAD_ARGUMENT', message: `unknown method ${method}` } });
      return;
    }
    this.bridge[method](params, (cancel) => this.cancels.set(id, cancel)).then(
      (reply) => this.deliver({ id, ...reply }),
      (error: unknown) =>
        this.deliver({ id, ok: false, error: { code: 'INTERNAL', message: String(error) } }),
    );
  }

  listen(receive: (message: ServiceMessage) => void): void {
    this.receive = receive;
  }

  onClose(closed: (reason: string) => void): void {
    this.closed = closed;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.cancels.clear();
    this.closed?.('the connection to the analysis service was closed');
  }

  private deliver(message: ServiceMessage): void {
    if ('id' in message) this.cancels.delete(message.id);
    if (this.open) this.receive?.(message);
  }
}

/**
 * The AnalysisClient of the desktop shell. Pushed events are subscribed on the preload
 * directly, topic by topic, so one that came before the studio subscribed (the file a
 * launch named) is still delivered: the preload keeps `app.*` events until someone listens.
 */
export class IpcAnalysisClient extends RpcClient {
  constructor(private readonly bridge: ChronoscopeBridge) {
    super(new IpcTransport(bridge));
  }

  override on(topic: Topic, handler: (payload: unknown) => void): () => void {
    return this.bridge.on(topic, handler);
  }
}

/** Connects through the preload and checks the protocol (the handshake). */
export async function connectIpc(bridge: ChronoscopeBridge): Promise<IpcAnalysisClient> {
  const client = new IpcAnalysisClient(bridge);
  await client.handshake();
  return client;
}
