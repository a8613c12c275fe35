// The analysis service inside an Electron utilityProcess (forked by electron/main). Plain
// Node: Electron gives this process `process.parentPort`, through which main hands over one
// MessagePort per renderer page; no Electron import is needed or wanted here.
import { createDispatcher } from '../rpc/index.js';
import { parseHostArgs } from './hostArgs.js';
import { createPortHost } from './portHost.js';
import type { HostParentPort } from './portHost.js';

const parent = (process as NodeJS.Process & { parentPort?: HostParentPort }).parentPort;
if (!parent) {
  console.error(
    'chronoscope: this entry runs inside Electron (utilityProcess); use `chronoscope serve` elsewhere',
  );
  process.exit(2);
}

const args = parseHostArgs(process.argv.slice(2), process.env);
const dispatcher = createDispatcher({ host: 'electron', ...args });
const host = createPortHost(parent, dispatcher);

// Main kills this process when the app quits; close DuckDB cleanly when asked politely.
process.once('SIGTERM', () => {
  void host.close().finally(() => process.exit(0));
});
