import {
  CancelEnvelope,
  ChronoscopeError,
  CONTRACT,
  isChronoscopeError,
  isMethodName,
  RequestEnvelope,
} from '../../../core/src/index.js';
import type { ServiceMessage, Topic } from '../../../core/src/index.js';
import { defaultCacheDir } from '../../../engine/src/index.js';
import { paramsError, toWireError } from './errors.js';
import { HANDLERS } from './handlers/index.js';
import type { HandlerContext, ServiceState } from './handlers/index.js';
import { ArchiveSessions } from './sessions/ArchiveSessions.js';

export interface DispatcherOptions {
  /** Where archives are imported (default: the command line's cache). */
  cacheDir?: string;
  /** Who hosts the service; told to the studio in the handshake. */
  host: 'browser' | 'electron';
  /** The project's root, where `assets/demo` lives. */
  projectRoot: string;
  /** Told of failures that are our bugs (not a ChronoscopeError); default: one line on stderr. */
  onInternalError?: (method: string, error: unknown) => void;
}

/** Where replies and pushed events for one peer (a WebSocket, a renderer's port) go. */
export type Send = (message: ServiceMessage) => void;

/**
 * The analysis service behind the contract, free of any transport: a host (the browser-mode
 * server, Electron's utility process) hands it every message of a peer with that peer's
 * `send`. Request ids are the peer's own, so calls are kept per `send`.
 */
export interface Dispatcher {
  handle(message: unknown, send: Send): void;
  /** The peer went away: cancels its calls still running. */
  release(send: Send): void;
  /** Cancels everything and closes every archive. */
  close(): Promise<void>;
  /** The archives and settings every call shares (for hosts that pre-open an archive). */
  readonly service: ServiceState;
}

type AnyHandler = (params: unknown, ctx: HandlerContext) => Promise<unknown>;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const service: ServiceState = {
    host: options.host,
    projectRoot: options.projectRoot,
    cacheDir,
    sessions: new ArchiveSessions(cacheDir),
  };
  const onInternal =
    options.onInternalError ??
    ((method: string, error: unknown) =>
      process.stderr.write(
        `chronoscope service: ${method}: ${error instanceof Error ? error.stack : String(error)}\n`,
      ));
  const calls = new Map<Send, Map<number, AbortController>>();
  let closed = false;

  const reply = (send: Send, message: ServiceMessage): void => {
    try {
      send(message);
    } catch {
      // The peer is gone; nothing is waiting for this answer.
    }
  };
  const fail = (send: Send, id: number, method: string, error: unknown, aborted = false): void =>
    reply(send, { id, ok: false, error: toWireError(method, error, aborted) });

  function handle(message: unknown, send: Send): void {
    const cancel = CancelEnvelope.safeParse(message);
    if (cancel.success) {
      calls.get(send)?.get(cancel.data.id)?.abort();
      return;
    }
    const request = RequestEnvelope.safeParse(message);
    if (!request.success) {
      const raw = message as { id?: unknown } | null;
      const id = typeof raw?.id === 'number' ? raw.id : -1;
      fail(send, id, 'request', paramsError('request', request.error));
      return;
    }
    const { id, method, params } = request.data;
    if (!isMethodName(method)) {
      fail(send, id, method, new ChronoscopeError('BAD_ARGUMENT', `unknown method "${method}"`));
      return;
    }
    let peer = calls.get(send);
    if (!peer) calls.set(send, (peer = new Map()));
    if (peer.has(id)) {
      fail(
        send,
        id,
        method,
        new ChronoscopeError('BAD_ARGUMENT', `${method}: request id ${id} is already running`),
      );
      return;
    }
    if (closed) {
      fail(send, id, method, new ChronoscopeError('INTERNAL', 'the analysis service is shutting down'));
      return;
    }
    const parsed = CONTRACT[method].params.safeParse(params);
    if (!parsed.success) {
      fail(send, id, method, paramsError(method, parsed.error));
      return;
    }
    const controller = new AbortController();
    peer.set(id, controller);
    const ctx: HandlerContext = {
      method,
      signal: controller.signal,
      service,
      push: (topic: Topic, payload: unknown) => reply(send, { type: 'event', topic, payload }),
    };
    // The params were checked against this same method's schema: the cast only forgets which method.
    const handler = HANDLERS[method] as unknown as AnyHandler;
    Promise.resolve()
      .then(() => handler(parsed.data, ctx))
      .then(
        (result) => reply(send, { id, ok: true, result }),
        (error: unknown) => {
          if (!isChronoscopeError(error) && !controller.signal.aborted) onInternal(method, error);
          fail(send, id, method, error, controller.signal.aborted);
        },
      )
      .finally(() => {
        peer.delete(id);
        if (peer.size === 0 && calls.get(send) === peer) calls.delete(send);
      });
  }

  return {
    handle,
    service,
    release(send: Send): void {
      for (const controller of calls.get(send)?.values() ?? []) controller.abort();
      calls.delete(send);
    },
    async close(): Promise<void> {
      closed = true;
      for (const peer of calls.values()) for (const controller of peer.values()) controller.abort();
      await service.sessions.closeAll();
    },
  };
}
