import type { ServiceMessage } from '../../../core/src/index.js';

/**
 * The two ends the Electron main process gives the service, typed by what we use of them
 * (Electron's ParentPort and MessagePortMain) so this file needs no Electron import and its
 * tests run in plain Node.
 */
export interface HostPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface HostParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: HostPort[] }) => void): unknown;
}

/** What a dispatcher offers a transport: one message in, any number of messages out. */
export interface HostedDispatcher {
  handle(message: unknown, send: (message: ServiceMessage) => void): void;
  /** The peer behind `send` went away: its calls still running are cancelled. */
  release(send: (message: ServiceMessage) => void): void;
  close(): void | Promise<void>;
}

/**
 * Main → service control messages. `connect` carries a renderer's port (one per page load);
 * `push` is an event from the shell (menu command, file to open) for every renderer.
 */
export type HostControl = { type: 'connect' } | { type: 'push'; topic: string; payload: unknown };

/** Pushes that arrive while no renderer is connected (the file a launch names) wait this many deep. */
const MAX_WAITING_PUSHES = 32;

export interface PortHost {
  /** Renderer ports currently connected. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * Serves one dispatcher to every renderer port main hands over. Requests and cancels from a
 * port go to the dispatcher (which validates them against the contract); its replies and
 * pushes go back on the same port, Uint8Array tables by structured clone, not JSON.
 */
export function createPortHost(parent: HostParentPort, dispatcher: HostedDispatcher): PortHost {
  const ports = new Set<HostPort>();
  const waiting: ServiceMessage[] = [];

  const attach = (port: HostPort): void => {
    ports.add(port);
    const send = (message: ServiceMessage): void => {
      if (ports.has(port)) port.postMessage(message);
    };
    port.on('message', (event) => dispatcher.handle(event.data, send));
    port.on('close', () => {
      ports.delete(port);
      dispatcher.release(send);
    });
    port.start();
    for (const push of waiting.splice(0)) port.postMessage(push);
  };

  const broadcast = (message: ServiceMessage): void => {
    if (ports.size === 0) {
      waiting.push(message);
      if (waiting.length > MAX_WAITING_PUSHES) waiting.shift();
      return;
    }
    for (const port of ports) port.postMessage(message);
  };

  parent.on('message', (event) => {
    const control = asControl(event.data);
    if (control?.type === 'connect') {
      for (const port of event.ports) attach(port);
    } else if (control?.type === 'push') {
      broadcast({ type: 'event', topic: control.topic, payload: control.payload });
    }
    // Anything else from main is a bug there; the service ignores it rather than crash.
  });

  return {
    connections: () => ports.size,
    close: async () => {
      for (const port of ports) port.close();
      ports.clear();
      await dispatcher.close();
    },
  };
}

function asControl(data: unknown): HostControl | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record['type'] === 'connect') return { type: 'connect' };
  if (record['type'] === 'push' && typeof record['topic'] === 'string') {
    return { type: 'push', topic: record['topic'], payload: record['payload'] };
  }
  return null;
}
