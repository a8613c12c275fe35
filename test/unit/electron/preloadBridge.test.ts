import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, PROTOCOL_VERSION, ChronoscopeError } from '../../../analysis/core/src/index.js';
import { BRIDGE_GLOBAL, IPC_CONNECT, IPC_PORT } from '../../../electron/common/index.js';
import { installBridge } from '../../../electron/preload/installBridge.js';
import type { BridgeApi, BridgePort } from '../../../electron/preload/bridgeApi.js';
import { IpcAnalysisClient, findBridge } from '../../../renderer/client/IpcTransport.js';
import type { ChronoscopeBridge } from '../../../renderer/client/IpcTransport.js';

/** A fake of Electron's renderer modules: records what the preload exposes and sends. */
function fakeElectron() {
  const exposed: Record<string, unknown> = {};
  const sent: string[] = [];
  let portListener: ((event: { ports: readonly BridgePort[] }) => void) | null = null;
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      on: (channel: string, listener: (event: { ports: readonly BridgePort[] }) => void) => {
        if (channel === IPC_PORT) portListener = listener;
      },
      send: (channel: string) => sent.push(channel),
    },
  };
  /** Main's answer: a fresh MessageChannel, one end to the preload, the other to a fake service. */
  const handOverPort = (): MessagePort => {
    const { port1, port2 } = new MessageChannel();
    portListener!({ ports: [port1 as unknown as BridgePort] });
    return port2;
  };
  return { electron, exposed, sent, handOverPort };
}

/** A service end that answers session.hello, echoes anything else, and records cancels. */
function fakeService(port: MessagePort, log: unknown[] = []): unknown[] {
  port.onmessage = (event: MessageEvent) => {
    const message = event.data as { id: number; method?: string; params?: unknown; type?: string };
    log.push(message);
    if (message.type === 'cancel') {
      port.postMessage({ id: message.id, ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    } else if (message.method === 'session.hello') {
      port.postMessage({
        id: message.id,
        ok: true,
        result: { protocol: PROTOCOL_VERSION, version: 't', host: 'electron' },
      });
    } else if (message.method === 'archive.close') {
      port.postMessage({
        id: message.id,
        ok: false,
        error: { code: 'NOT_FOUND', message: 'no such archive', data: { file: 'x' } },
      });
    }
    // query.run never answers until cancelled
  };
  return log;
}

describe('the preload', () => {
  it('exposes exactly one function per contract method, plus on, as window.chronoscope', () => {
    const { electron, exposed, sent } = fakeElectron();
    installBridge(electron);
    expect(Object.keys(exposed)).toEqual([BRIDGE_GLOBAL]);
    const api = exposed[BRIDGE_GLOBAL] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key], key).toBe('function');
    expect(sent).toEqual([IPC_CONNECT]);
  });

  it('has the shape the renderer expects (types agree both ways)', () => {
    const { electron } = fakeElectron();
    const api: BridgeApi = installBridge(electron);
    const asRenderer: ChronoscopeBridge = api;
    const back: BridgeApi = asRenderer;
    expect(back).toBe(api);
    expect(findBridge({ chronoscope: api })).toBe(api);
    expect(findBridge({})).toBeNull();
    expect(findBridge({ chronoscope: { 'archive.open': () => 0 } })).toBeNull();
  });

  it('refuses subscriptions to topics outside the contract', () => {
    const { electron } = fakeElectron();
    const api = installBridge(electron) as unknown as { on(topic: string, handler: unknown): unknown };
    expect(() => api.on('ipc.raw', () => {})).toThrow(/unknown topic/);
    expect(() => api.on('import.progress', 'not a function')).toThrow(/no handler/);
  });
});

describe('the desktop client over the preload', () => {
  it('makes calls queued before the port arrives, with typed errors', async () => {
    const { electron, exposed, handOverPort } = fakeElectron();
    installBridge(electron);
    const client = new IpcAnalysisClient(exposed[BRIDGE_GLOBAL] as ChronoscopeBridge);
    const hello = client.handshake();
    const closing = client.call('archive.close', { archive: 'a'.repeat(64) });
    const serviceEnd = handOverPort();
    fakeService(serviceEnd);
    await expect(hello).resolves.toEqual({ protocol: PROTOCOL_VERSION, version: 't', host: 'electron' });
    const error = await closing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChronoscopeError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'no such archive', data: { file: 'x' } });
    serviceEnd.close();
  });

  it('cancels a running call when its signal aborts', async () => {
    const { electron, exposed, handOverPort } = fakeElectron();
    installBridge(electron);
    const serviceEnd = handOverPort();
    const log = fakeService(serviceEnd);
    const client = new IpcAnalysisClient(exposed[BRIDGE_GLOBAL] as ChronoscopeBridge);
    const controller = new AbortController();
    const running = client.call(
      'query.run',
      { archive: 'b'.repeat(64), sql: 'SELECT 1' },
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    const request = log.find((m) => (m as { method?: string }).method === 'query.run') as {
      id: number;
      v: number;
    };
    expect(request.v).toBe(PROTOCOL_VERSION);
    expect(log).toContainEqual({ type: 'cancel', id: request.id });
    serviceEnd.close();
  });

  it('delivers a file named at launch even though it came before anyone subscribed', async () => {
    const { electron, exposed, handOverPort } = fakeElectron();
    installBridge(electron);
    const serviceEnd = handOverPort();
    serviceEnd.postMessage({
      type: 'event',
      topic: 'app.open',
      payload: { path: '/cases/a.zip', kind: 'archive' },
    });
    serviceEnd.postMessage({ type: 'event', topic: 'import.progress', payload: { stale: true } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const client = new IpcAnalysisClient(exposed[BRIDGE_GLOBAL] as ChronoscopeBridge);
    const opened: unknown[] = [];
    const progress: unknown[] = [];
    const stop = client.on('app.open', (payload) => opened.push(payload));
    client.on('import.progress', (payload) => progress.push(payload));
    expect(opened).toEqual([{ path: '/cases/a.zip', kind: 'archive' }]);
    expect(progress).toEqual([]);
    serviceEnd.postMessage({ type: 'event', topic: 'app.open', payload: { path: '/b', kind: 'archive' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop();
    serviceEnd.postMessage({ type: 'event', topic: 'app.open', payload: { path: '/c', kind: 'archive' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(opened).toEqual([
      { path: '/cases/a.zip', kind: 'archive' },
      { path: '/b', kind: 'archive' },
    ]);
    serviceEnd.close();
  });

  it('fails the calls left on the old port when main hands over a new one (service restarted)', async () => {
    const { electron, exposed, handOverPort } = fakeElectron();
    installBridge(electron);
    const first = handOverPort();
    fakeService(first);
    const client = new IpcAnalysisClient(exposed[BRIDGE_GLOBAL] as ChronoscopeBridge);
    const stuck = client.call('query.run', { archive: 'c'.repeat(64), sql: 'SELECT 1' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = handOverPort();
    fakeService(second);
    await expect(stuck).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('restarted'),
    });
    await expect(client.handshake()).resolves.toMatchObject({ host: 'electron' });
    first.close();
    second.close();
  });
});
