import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Table } from 'apache-arrow';
import { afterAll } from 'vitest';
import WebSocket from 'ws';
import { RpcClient } from '../../../analysis/core/src/index.js';
import { createDispatcher } from '../../../analysis/service/src/rpc/index.js';
import type { Dispatcher } from '../../../analysis/service/src/rpc/index.js';
import { startStudioServer } from '../../../analysis/service/src/server/index.js';
import type { StudioServer } from '../../../analysis/service/src/server/index.js';
import { WsTransport } from '../../../renderer/client/index.js';
import type { WebSocketLike } from '../../../renderer/client/index.js';
import { tempDir } from '../../helpers/archives.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');
export const DEMO = (system: string): string => join(PROJECT_ROOT, 'assets', 'demo', system);

export interface Harness {
  server: StudioServer;
  dispatcher: Dispatcher;
  cacheDir: string;
  origin: string;
  /** A studio client over a real WebSocket, with the browser's headers (Origin) set right. */
  connect(): Promise<RpcClient>;
}

/**
 * A real browser-mode server (HTTP + WebSocket on 127.0.0.1, random port) with its own cache
 * and a stand-in studio page; everything is closed when the test file ends.
 */
export async function startHarness(options: { maxUploadBytes?: number } = {}): Promise<Harness> {
  const cacheDir = await tempDir('chronoscope-service-');
  const staticDir = join(cacheDir, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>studio</title><div id="root"></div>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("studio");');
  const dispatcher = createDispatcher({
    host: 'browser',
    projectRoot: PROJECT_ROOT,
    cacheDir,
    onInternalError: () => undefined,
  });
  const server = await startStudioServer({ dispatcher, staticDir, cacheDir, ...options });
  const origin = `http://127.0.0.1:${server.port}`;
  const clients: RpcClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
    await dispatcher.close();
  });
  return {
    server,
    dispatcher,
    cacheDir,
    origin,
    async connect() {
      const url = `ws://127.0.0.1:${server.port}/rpc?token=${server.token}`;
      const transport = await WsTransport.open(url, (u) => nodeSocket(u, { origin }));
      const client = new RpcClient(transport);
      await client.handshake();
      clients.push(client);
      return client;
    },
  };
}

/** The `ws` package's client as the browser API WsTransport expects (Node 20 has no global WebSocket). */
export function nodeSocket(url: string, headers: { origin?: string; host?: string } = {}): WebSocketLike {
  return new WebSocket(url, {
    ...(headers.origin ? { origin: headers.origin } : {}),
    ...(headers.host ? { headers: { host: headers.host } } : {}),
  }) as unknown as WebSocketLike;
}

/**
 * Tries a WebSocket upgrade with the given headers: `open`, or the HTTP status the server
 * refused it with.
 */
export function tryUpgrade(
  url: string,
  headers: { origin?: string; host?: string },
): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      ...(headers.origin ? { origin: headers.origin } : {}),
      ...(headers.host ? { headers: { host: headers.host } } : {}),
    });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', () => resolve(0));
  });
}

/** An Arrow IPC stream as rows of plain objects (what a test compares). */
export function rows(bytes: Uint8Array): Record<string, unknown>[] {
  return tableFromIPC(bytes)
    .toArray()
    .map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
}

export function arrow(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

/** Arrow type names of a table's columns, e.g. `{ ts: 'Float64', action: 'Utf8' }`. */
export function columnTypes(table: Table): Record<string, string> {
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
}
