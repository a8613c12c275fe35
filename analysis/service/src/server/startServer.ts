import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Dispatcher } from '../rpc/index.js';
import { bridgeSocket } from './rpcSocket.js';
import { LocalOrigin, newToken, tokenMatches } from './security.js';
import { securityHeaders, sendText, serveStatic } from './staticFiles.js';
import { DEFAULT_MAX_UPLOAD_BYTES, receiveUpload } from './upload.js';

export interface StudioServerOptions {
  dispatcher: Dispatcher;
  /** The built studio (dist/renderer). */
  staticDir: string;
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  /** Where uploads go (`<cacheDir>/uploads`). */
  cacheDir: string;
  maxUploadBytes?: number;
  /** Fixed token (tests); default: a fresh random one. */
  token?: string;
}

export interface StudioServer {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: what the investigator opens. */
  url: string;
  port: number;
  token: string;
  /** Stops accepting, closes every socket; the dispatcher is the caller's to close. */
  close(): Promise<void>;
}

/** Largest WebSocket message a page may send (requests are small; case files are the largest). */
const MAX_FRAME_BYTES = 64 * 1024 ** 2;

/**
 * Browser mode's server, on 127.0.0.1 only: the built studio as static files, the contract
 * over a WebSocket at `/rpc`, and `PUT /upload` for dropped files. Every request must name
 * this machine in its Host; the WebSocket and the upload must also come from a page this
 * server served (Origin) and carry the per-launch token, so no other web page the
 * investigator visits can reach the evidence.
 */
export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const token = options.token ?? newToken();
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  sockets.on('connection', (socket) => bridgeSocket(socket, options.dispatcher));
  let origin: LocalOrigin | null = null;

  const server = createServer((req, res) => {
    if (!origin) return sendText(res, 503, 'starting', {});
    void route(req, res, origin).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'internal error', {});
      else res.destroy();
    });
  });

  const route = async (req: IncomingMessage, res: ServerResponse, local: LocalOrigin): Promise<void> => {
    const headers = securityHeaders(local);
    if (!local.hostAllowed(req)) return sendText(res, 403, 'forbidden: unknown Host', headers);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/upload') {
      if (req.method !== 'PUT') return sendText(res, 405, 'method not allowed', headers);
      if (!local.originAllowed(req)) return sendText(res, 403, 'forbidden: foreign Origin', headers);
      const given = req.headers['x-chronoscope-token'];
      if (!tokenMatches(typeof given === 'string' ? given : null, token)) {
        return sendText(res, 401, 'unauthorized: token missing or wrong', headers);
      }
      return receiveUpload(req, res, options.cacheDir, maxUpload, headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'method not allowed', headers);
    return serveStatic(req, res, options.staticDir, local);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = origin ? upgradeRefusal(req, origin, token) : '503 Service Unavailable';
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = new LocalOrigin(port);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why a WebSocket upgrade is refused (an HTTP status line), or null to accept it. */
function upgradeRefusal(req: IncomingMessage, origin: LocalOrigin, token: string): string | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/rpc') return '404 Not Found';
  if (!origin.hostAllowed(req)) return '403 Forbidden';
  if (!origin.originAllowed(req)) return '403 Forbidden';
  if (!tokenMatches(url.searchParams.get('token'), token)) return '401 Unauthorized';
  return null;
}
