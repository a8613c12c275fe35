import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort as NodePort } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { ServiceMessage } from '../../../analysis/core/src/index.js';
import { createPortHost } from '../../../analysis/service/src/hosts/portHost.js';
import type {
  HostParentPort,
  HostPort,
  HostedDispatcher,
} from '../../../analysis/service/src/hosts/portHost.js';
import { parseHostArgs } from '../../../analysis/service/src/hosts/hostArgs.js';
import { createDispatcher } from '../../../analysis/service/src/rpc/index.js';
import { BRIDGE_GLOBAL, IPC_PORT } from '../../../electron/common/index.js';
import { installBridge } from '../../../electron/preload/installBridge.js';
import type { BridgePort } from '../../../electron/preload/bridgeApi.js';
import { IpcAnalysisClient } from '../../../renderer/client/IpcTransport.js';
import type { ChronoscopeBridge } from '../../../renderer/client/IpcTransport.js';

/** Node's MessagePort as Electron's MessagePortMain (events carry `{data}`). */
function asHostPort(port: NodePort): HostPort {
  return {
    on: (event: 'message' | 'close', listener: (e: { data: unknown }) => void) =>
      event === 'message'
        ? port.on('message', (data) => listener({ data }))
        : port.on('close', () => listener({ data: null })),
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  } as HostPort;
}

/** Electron's `process.parentPort`, driven by the test as main would drive it. */
function fakeParent() {
  let listener: ((event: { data: unknown; ports: HostPort[] }) => void) | null = null;
  const parent: HostParentPort = { on: (_event, l) => (listener = l) };
  return {
    parent,
    fromMain: (data: unknown, ports: HostPort[] = []) => listener!({ data, ports }),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('the utilityProcess host', () => {
  it('serves each connected port and keeps shell pushes until a renderer connects', async () => {
    const handled: unknown[] = [];
    const released: unknown[] = [];
    const dispatcher: HostedDispatcher = {
      handle: (message, send) => {
        handled.push(message);
        send({ id: (message as { id: number }).id, ok: true, result: 'pong' });
      },
      release: (send) => released.push(send),
      close: () => {},
    };
    const { parent, fromMain } = fakeParent();
    const host = createPortHost(parent, dispatcher);

    fromMain({ type: 'push', topic: 'app.open', payload: { path: '/x', kind: 'archive' } });
    fromMain({ type: 'nonsense' });
    const { port1, port2 } = new MessageChannel();
    const received: ServiceMessage[] = [];
    port2.on('message', (m: ServiceMessage) => received.push(m));
    fromMain({ type: 'connect' }, [asHostPort(port1)]);
    expect(host.connections()).toBe(1);
    port2.postMessage({ v: 1, id: 7, method: 'session.hello', params: { protocol: 1 } });
    await tick();
    expect(handled).toEqual([{ v: 1, id: 7, method: 'session.hello', params: { protocol: 1 } }]);
    expect(received).toEqual([
      { type: 'event', topic: 'app.open', payload: { path: '/x', kind: 'archive' } },
      { id: 7, ok: true, result: 'pong' },
    ]);

    fromMain({ type: 'push', topic: 'app.command', payload: { command: 'replay.toggle' } });
    await tick();
    expect(received.at(-1)).toEqual({
      type: 'event',
      topic: 'app.command',
      payload: { command: 'replay.toggle' },
    });

    port2.close();
    await tick();
    expect(host.connections()).toBe(0);
    expect(released).toHaveLength(1);
  });

  it('reads its project root and cache from the command line main gives it', () => {
    expect(parseHostArgs(['--project-root', '/opt/app.asar.unpacked', '--cache', '/c'], {})).toEqual({
      projectRoot: '/opt/app.asar.unpacked',
      cacheDir: '/c',
    });
    expect(parseHostArgs(['--project-root', '/r'], { CHRONOSCOPE_CACHE: '/env-cache' })).toEqual({
      projectRoot: '/r',
      cacheDir: '/env-cache',
    });
    expect(parseHostArgs(['--project-root', '/r'], {})).toEqual({ projectRoot: '/r' });
  });
});

describe('renderer → preload → port → service, without Electron', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'chronoscope-ipc-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('opens a demo and pages its events as Arrow bytes through the real dispatcher', async () => {
    const dispatcher = createDispatcher({ host: 'electron', projectRoot: resolve('.'), cacheDir });
    const { parent, fromMain } = fakeParent();
    const host = createPortHost(parent, dispatcher);

    // The preload, with main's answer to its connect request: a port whose other end goes to the host.
    let deliver: ((event: { ports: readonly BridgePort[] }) => void) | null = null;
    const exposed: Record<string, unknown> = {};
    installBridge({
      contextBridge: { exposeInMainWorld: (key, api) => (exposed[key] = api) },
      ipcRenderer: { on: (channel, l) => channel === IPC_PORT && (deliver = l), send: () => {} },
    });
    const { port1, port2 } = new MessageChannel();
    fromMain({ type: 'connect' }, [asHostPort(port1)]);
    deliver!({ ports: [port2 as unknown as BridgePort] });

    const client = new IpcAnalysisClient(exposed[BRIDGE_GLOBAL] as ChronoscopeBridge);
    try {
      expect(await client.handshake()).toMatchObject({ host: 'electron' });
      const demos = await client.call('archive.demos', {});
      expect(demos.map((d) => d.system)).toContain('robot-cycles');
      const info = await client.call('archive.open', { path: resolve('assets/demo/robot-cycles') });
      expect(info.system).toBe('robot-cycles');
      expect(info.records).toBeGreaterThan(0);
      const page = await client.call('events.page', { archive: info.id, offset: 0, limit: 5 });
      expect(page.table).toBeInstanceOf(Uint8Array);
      expect(tableFromIPC(page.table).numRows).toBe(5);
      await expect(client.call('archive.open', { path: '' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    } finally {
      client.close();
      port2.close();
      await host.close();
    }
  });
});
