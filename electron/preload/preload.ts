// The preload of every window (sandboxed: bundled to one CommonJS file, electron external).
import { contextBridge, ipcRenderer } from 'electron';
import { installBridge } from './installBridge.js';

installBridge({
  contextBridge,
  ipcRenderer: {
    on: (channel, listener) => ipcRenderer.on(channel, (event) => listener({ ports: event.ports })),
    send: (channel) => ipcRenderer.send(channel),
  },
});
