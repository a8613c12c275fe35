export {
  IPC_CONNECT,
  IPC_PORT,
  BRIDGE_GLOBAL,
  APP_SCHEME,
  APP_HOST,
  APP_ORIGIN,
  APP_ENTRY_URL,
} from './channels.js';
