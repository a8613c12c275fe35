import { METHOD_NAMES, PROTOCOL_VERSION, TOPICS } from '../../analysis/core/src/index.js';
import type { ClientMessage, MethodName, Topic, WireError } from '../../analysis/core/src/index.js';

/** What one contract function resolves to: the reply without its id. Errors keep their code. */
export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: WireError };

/**
 * One contract method as the page sees it. Params are not checked here: they travel over
 * the port and the service validates them against the contract. `onCancelable` receives a
 * function that cancels the call (an AbortSignal cannot cross the context bridge).
 */
export type BridgeMethod = (
  params: unknown,
  onCancelable?: (cancel: () => void) => void,
) => Promise<BridgeReply>;

export type BridgeApi = { readonly [M in MethodName]: BridgeMethod } & {
  on(topic: Topic, handler: (payload: unknown) => void): () => void;
};

/** The page's end of the MessagePort pair (a DOM MessagePort in the preload's world). */
export interface BridgePort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

/** Shell events that arrive before the page subscribes (a file named at launch) wait this many deep. */
const MAX_WAITING = 16;

/**
 * The preload's API: one function per contract method (derived from METHOD_NAMES) plus
 * `on`, nothing else. Calls are queued until main hands over the port; a new port (the
 * service was restarted) fails the calls still waiting on the old one.
 */
export function buildBridgeApi(requestPort: (deliver: (port: BridgePort) => void) => void): BridgeApi {
  let port: BridgePort | null = null;
  const queue: ClientMessage[] = [];
  const pending = new Map<number, (reply: BridgeReply) => void>();
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const waiting = new Map<string, unknown[]>();
  let nextId = 1;

  const post = (message: ClientMessage): void => {
    if (port) port.postMessage(message);
    else queue.push(message);
  };

  const receive = (data: unknown): void => {
    if (typeof data !== 'object' || data === null) return;
    const message = data as Record<string, unknown>;
    if (message['type'] === 'event' && typeof message['topic'] === 'string') {
      publish(message['topic'], message['payload']);
      return;
    }
    const id = message['id'];
    const resolve = typeof id === 'number' ? pending.get(id) : undefined;
    if (!resolve) return;
    pending.delete(id as number);
    resolve(
      message['ok'] === true
        ? { ok: true, result: message['result'] }
        : { ok: false, error: asWireError(message['error']) },
    );
  };

  const publish = (topic: string, payload: unknown): void => {
    const set = handlers.get(topic);
    if (set && set.size > 0) {
      for (const handler of set) handler(payload);
    } else if (topic.startsWith('app.')) {
      const list = waiting.get(topic) ?? [];
      list.push(payload);
      if (list.length > MAX_WAITING) list.shift();
      waiting.set(topic, list);
    }
  };

  requestPort((next) => {
    if (port) {
      // Calls sent on the old port died with the old service; calls still queued go on the new one.
      port.close();
      for (const resolve of pending.values()) {
        resolve({
          ok: false,
          error: { code: 'INTERNAL', message: 'the analysis service restarted; try again' },
        });
      }
      pending.clear();
    }
    port = next;
    port.addEventListener('message', (event) => receive(event.data));
    port.start();
    for (const message of queue.splice(0)) port.postMessage(message);
  });

  const call = (method: MethodName): BridgeMethod => {
    return (params, onCancelable) => {
      const id = nextId++;
      const reply = new Promise<BridgeReply>((resolve) => pending.set(id, resolve));
      post({ v: PROTOCOL_VERSION, id, method, params });
      if (typeof onCancelable === 'function') onCancelable(() => post({ type: 'cancel', id }));
      return reply;
    };
  };

  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) api[method] = call(method);
  api['on'] = (topic: unknown, handler: unknown): (() => void) => {
    if (!(TOPICS as readonly unknown[]).includes(topic) || typeof handler !== 'function') {
      throw new TypeError(`chronoscope.on: unknown topic ${String(topic)} or no handler`);
    }
    const fn = handler as (payload: unknown) => void;
    const key = topic as string;
    let set = handlers.get(key);
    if (!set) handlers.set(key, (set = new Set()));
    set.add(fn);
    for (const payload of waiting.get(key)?.splice(0) ?? []) fn(payload);
    return () => {
      set.delete(fn);
    };
  };
  return api as BridgeApi;
}

function asWireError(value: unknown): WireError {
  if (typeof value === 'object' && value !== null) {
    const { code, message, data } = value as Record<string, unknown>;
    if (typeof code === 'string' && typeof message === 'string') {
      return typeof data === 'object' && data !== null
        ? { code, message, data: data as Record<string, unknown> }
        : { code, message };
    }
  }
  return { code: 'INTERNAL', message: 'the analysis service sent a malformed reply' };
}
