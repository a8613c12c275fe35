import { describe, expect, it, vi } from 'vitest';
import type { ArchiveInfo } from '../../../analysis/core/src/index.js';
// The pure module itself: the app folder's components are JSX, which this layer does not compile.
import { appCommandAction } from '../../../renderer/app/appCommands.js';
import { useStudio } from '../../../renderer/app/studioStore.js';

const PANELS = [
  { id: 'open', needsArchive: false },
  { id: 'events', needsArchive: true },
  { id: 'export', needsArchive: true },
];

describe("the desktop shell's menu commands in the studio", () => {
  it('open panels (Export, View > panel) once an archive is open, and the help', () => {
    const help = vi.fn();
    useStudio.getState().openPanel('open');
    // No archive yet: a panel that needs one stays closed.
    appCommandAction({ command: 'export' }, PANELS, help)?.();
    expect(useStudio.getState().activePanel).toBe('open');

    useStudio
      .getState()
      .setArchive({ id: 'a'.repeat(64), timeRange: { from: null, to: null } } as ArchiveInfo);
    appCommandAction({ command: 'export' }, PANELS, help)?.();
    expect(useStudio.getState().activePanel).toBe('export');
    appCommandAction({ command: 'view.panel', arg: 'events' }, PANELS, help)?.();
    expect(useStudio.getState().activePanel).toBe('events');
    appCommandAction({ command: 'view.panel', arg: 'no-such-panel' }, PANELS, help)?.();
    expect(useStudio.getState().activePanel).toBe('events');

    appCommandAction({ command: 'help.shortcuts' }, PANELS, help)?.();
    expect(help).toHaveBeenCalledTimes(1);
  });

  it('refuses what is not a command: the push crossed a process boundary', () => {
    const help = vi.fn();
    expect(appCommandAction({ command: 'rm -rf' }, PANELS, help)).toBeNull();
    expect(appCommandAction('export', PANELS, help)).toBeNull();
    expect(appCommandAction({ command: 'view.panel' }, PANELS, help)).toBeNull();
    // Replay commands with no replay open do nothing, and do not throw.
    expect(() => appCommandAction({ command: 'replay.toggle' }, PANELS, help)?.()).not.toThrow();
  });
});
