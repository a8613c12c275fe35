import { AppCommandPayload } from '../../analysis/core/src/index.js';
import { useReplay } from './replayStore.js';
import { useStudio } from './studioStore.js';

/**
 * What a menu command of the desktop shell does in the studio (`app.command` pushes). Null
 * for a payload that is not one: the push crossed a process boundary, so it is checked here.
 */
export function appCommandAction(
  payload: unknown,
  panels: readonly { id: string; needsArchive: boolean }[],
  showHelp: () => void,
): (() => void) | null {
  const parsed = AppCommandPayload.safeParse(payload);
  if (!parsed.success) return null;
  const { command, arg } = parsed.data;
  const studio = useStudio.getState();
  const replay = useReplay.getState();
  const open = (id: string): void => {
    const panel = panels.find((p) => p.id === id);
    if (panel && (!panel.needsArchive || studio.archive)) studio.openPanel(id);
  };
  switch (command) {
    case 'export':
      return () => open('export');
    case 'view.panel':
      return arg ? () => open(arg) : null;
    case 'replay.toggle':
      return replay.toggle;
    case 'replay.step-forward':
      return () => void replay.stepForward();
    case 'replay.step-back':
      return () => void replay.stepBack();
    case 'replay.faster':
      return replay.faster;
    case 'replay.slower':
      return replay.slower;
    case 'replay.normal-speed':
      return () => void replay.setSpeed(1);
    case 'help.shortcuts':
    case 'help.about':
      return showHelp;
  }
}
