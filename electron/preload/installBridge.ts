import { BRIDGE_GLOBAL, IPC_CONNECT, IPC_PORT } from '../common/index.js';
import { buildBridgeApi } from './bridgeApi.js';
import type { BridgeApi, BridgePort } from './bridgeApi.js';

/** The parts of Electron's renderer modules the preload uses (fakes in the tests). */
export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    on(channel: string, listener: (event: { ports: readonly BridgePort[] }) => void): unknown;
    send(channel: string): void;
  };
}

/**
 * Asks main for a port to the analysis service (the one validated IPC entry) and exposes
 * the contract functions as `window.chronoscope`. Main answers on IPC_PORT again whenever it
 * restarts the service.
 */
export function installBridge({ contextBridge, ipcRenderer }: PreloadElectron): BridgeApi {
  const api = buildBridgeApi((deliver) => {
    ipcRenderer.on(IPC_PORT, (event) => {
      const [port] = event.ports;
      if (port) deliver(port);
    });
    ipcRenderer.send(IPC_CONNECT);
  });
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
  return api;
}
