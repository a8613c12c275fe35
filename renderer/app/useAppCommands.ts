import { useEffect } from 'react';
import { PANELS } from '../panels/registry.js';
import { appCommandAction } from './appCommands.js';
import { useStudio } from './studioStore.js';

/** The desktop shell's menus reach the studio as pushed commands (browser mode has none). */
export function useAppCommands(showHelp: () => void): void {
  const client = useStudio((s) => s.client);
  useEffect(() => {
    if (!client) return undefined;
    return client.on('app.command', (payload) => appCommandAction(payload, PANELS, showHelp)?.());
  }, [client, showHelp]);
}
