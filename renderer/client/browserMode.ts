import { ChronoscopeError, RpcClient } from '../../analysis/core/src/index.js';
import type { AnalysisClient } from '../../analysis/core/src/index.js';
import { connectIpc, findBridge } from './IpcTransport.js';
import { WsTransport } from './WsTransport.js';

/** A query parameter of the page's URL (`chronoscope serve` puts the token and the archive there). */
function fromLocation(name: string): string | null {
  return new URLSearchParams(globalThis.location?.search ?? '').get(name);
}

function token(): string {
  const value = fromLocation('token');
  if (!value) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      'this page was opened without its token: open the URL that `chronoscope serve` printed',
    );
  }
  return value;
}

/** The archive `chronoscope serve ARCHIVE` was started with (already imported), or null. */
export function archiveFromLocation(): string | null {
  return fromLocation('archive');
}

/**
 * The studio's AnalysisClient for whichever host serves the page: the desktop shell's
 * preload when there is one, else the WebSocket of the server that served this page
 * (`ws://<this host>/rpc?token=…`). Resolves after the protocol handshake.
 */
export async function connectFromLocation(): Promise<AnalysisClient> {
  const bridge = findBridge();
  if (bridge) return connectIpc(bridge);
  const url = `ws://${globalThis.location.host}/rpc?token=${encodeURIComponent(token())}`;
  const client = new RpcClient(await WsTransport.open(url));
  try {
    await client.handshake();
  } catch (err) {
    client.close();
    throw err;
  }
  return client;
}

/**
 * Browser mode's drag-and-drop: the page cannot learn a dropped file's path, so the file is
 * sent to the server (`PUT /upload`), which keeps a copy in its cache and answers the copy's
 * path for `archive.open`. The desktop app opens dropped files where they are instead.
 */
export async function uploadFile(file: File): Promise<string> {
  const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'PUT',
    headers: { 'X-Chronoscope-Token': token(), 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  if (!response.ok) {
    const reason = (await response.text().catch(() => '')).trim();
    throw new ChronoscopeError(
      response.status === 413 ? 'BAD_ARGUMENT' : 'UNREADABLE',
      `${file.name}: the upload failed (${response.status}${reason ? `: ${reason}` : ''})`,
    );
  }
  const body = (await response.json()) as { path?: unknown };
  if (typeof body.path !== 'string')
    throw new ChronoscopeError('INTERNAL', `${file.name}: the upload gave no path`);
  return body.path;
}
