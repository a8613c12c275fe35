/** The `webPreferences` of every window: the security checklist, in one place. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  /** Lets a dropped file reach `will-navigate`, where it is opened by path, never loaded. */
  navigateOnDragDrop: true;
  spellcheck: false;
  devTools: boolean;
}

export function secureWebPreferences(preload: string, devTools: boolean): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: true,
    spellcheck: false,
    devTools,
  };
}
