/**
 * The only IPC the shell has. The renderer asks once (per page load) for its end of a
 * MessagePort pair; every contract call then travels over that port to the analysis
 * service, never through the main process.
 */
export const IPC_CONNECT = 'chronoscope:connect';
/** Main → renderer: carries the renderer's port (in `event.ports`). */
export const IPC_PORT = 'chronoscope:port';
/** The global the preload defines in the page: `window.chronoscope`. */
export const BRIDGE_GLOBAL = 'chronoscope';

/** The app's own origin: the renderer build served by a privileged custom scheme. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'chronoscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
