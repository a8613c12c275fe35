import { ChronoscopeError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { PROTOCOL_VERSION } from './envelope.js';
import type { ClientMessage, ServiceMessage } from './envelope.js';
import { CONTRACT } from './methods.js';
import type { MethodName, ParamsOf, ResultOf, Topic } from './methods.js';

export interface CallOptions {
  /** Aborting sends a cancel; the call then rejects with code `CANCELLED`. */
  signal?: AbortSignal;
}

/** What the studio talks to; it never asks which host (Electron or browser) is behind it. */
export interface AnalysisClient {
  call<M extends MethodName>(method: M, params: ParamsOf<M>, options?: CallOptions): Promise<ResultOf<M>>;
  /** Subscribes to a push topic; returns the unsubscribe function. */
  on(topic: Topic, handler: (payload: unknown) => void): () => void;
  close(): void;
}

/** A message pipe to the service: WebSocket, MessagePort or Electron IPC. */
export interface Transport {
  send(message: ClientMessage): void;
  /** Called once with the function that receives every message from the service. */
  listen(receive: (message: ServiceMessage) => void): void;
  /** Called once with the function to run when the pipe closes. */
  onClose(closed: (reason: string) => void): void;
  close(): void;
}

const KNOWN_CODES: readonly ErrorCode[] = [
  'BAD_ARGUMENT',
  'NOT_FOUND',
  'UNKNOWN_FORMAT',
  'UNREADABLE',
  'UNSAFE_ARCHIVE',
  'QUERY_FAILED',
  'CANCELLED',
  'INTERNAL',
];

interface Pending {
  method: MethodName;
  resolve(value: unknown): void;
  reject(error: Error): void;
  cleanup(): void;
}

/**
 * The contract's client over any transport: numbers requests, matches replies, rebuilds
 * errors as ChronoscopeError, validates results against the contract, and turns an
 * AbortSignal into a cancel message.
 */
export class RpcClient implements AnalysisClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();
  private closedReason: string | null = null;

  constructor(private readonly transport: Transport) {
    transport.listen((message) => this.receive(message));
    transport.onClose((reason) => this.fail(reason));
  }

  /** Connects and checks that both sides speak the same protocol. */
  async handshake(): Promise<ResultOf<'session.hello'>> {
    return this.call('session.hello', { protocol: PROTOCOL_VERSION });
  }

  call<M extends MethodName>(
    method: M,
    params: ParamsOf<M>,
    options: CallOptions = {},
  ): Promise<ResultOf<M>> {
    if (this.closedReason) return Promise.reject(new ChronoscopeError('INTERNAL', this.closedReason));
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const { signal } = options;
      const abort = (): void => this.transport.send({ type: 'cancel', id });
      if (signal?.aborted) {
        reject(new ChronoscopeError('CANCELLED', `${method} was cancelled`));
        return;
      }
      signal?.addEventListener('abort', abort, { once: true });
      this.pending.set(id, {
        method,
        resolve: resolve as (value: unknown) => void,
        reject,
        cleanup: () => signal?.removeEventListener('abort', abort),
      });
      this.transport.send({ v: PROTOCOL_VERSION, id, method, params });
    });
  }

  on(topic: Topic, handler: (payload: unknown) => void): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  close(): void {
    this.transport.close();
    this.fail('the connection to the analysis service was closed');
  }

  private receive(message: ServiceMessage): void {
    if ('type' in message) {
      for (const handler of this.handlers.get(message.topic) ?? []) handler(message.payload);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    pending.cleanup();
    if (!message.ok) {
      const { code, message: text, data } = message.error;
      const known = (KNOWN_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
      pending.reject(new ChronoscopeError(known, text, data ?? {}));
      return;
    }
    const parsed = CONTRACT[pending.method].result.safeParse(message.result);
    if (parsed.success) pending.resolve(parsed.data);
    else
      pending.reject(
        new ChronoscopeError(
          'INTERNAL',
          `${pending.method}: the service's reply breaks the contract: ${parsed.error.message}`,
        ),
      );
  }

  private fail(reason: string): void {
    this.closedReason ??= reason;
    for (const pending of this.pending.values()) {
      pending.cleanup();
      pending.reject(new ChronoscopeError('INTERNAL', reason));
    }
    this.pending.clear();
  }
}
